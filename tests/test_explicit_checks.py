"""Production code checks what it relies on with explicit errors, not `assert`
(which `python -O` strips, and which says nothing to the one who meets it)."""

import ast
from pathlib import Path

import pytest

from lifeline.actions.drafting import writing_desk
from lifeline.actions.forms import WriteForm
from lifeline.letters.errors import LetterError
from tests.actions.conftest import open_case
from tests.cases.factories import make_case

LIFELINE = Path(__file__).resolve().parents[1] / "lifeline"


def test_no_production_module_uses_assert():
    found = []
    for path in sorted(LIFELINE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found += [
            f"{path.relative_to(LIFELINE.parent)}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Assert)
        ]
    assert found == []


@pytest.mark.django_db
def test_a_case_without_an_action_has_no_letters_to_draft():
    desk = writing_desk(make_case(title="Nothing to write"))
    with pytest.raises(LetterError, match="This case asks for no letters"):
        desk.action()


@pytest.mark.django_db
def test_the_desk_gives_the_action_letters_are_drafted_from():
    case, document = open_case()
    stored, parsed = writing_desk(case).action()
    assert stored == document
    assert parsed.appeal_groups[0].audience == "Mexican authorities"


@pytest.mark.django_db
def test_choices_of_a_form_that_was_not_validated_is_an_error():
    case, _ = open_case()
    form = WriteForm({"to": "9-9", "language": "en", "channel": "letter"}, desk=writing_desk(case))
    form.cleaned_data = {"to": "9-9"}
    with pytest.raises(ValueError, match="without a valid official"):
        form.choices()
