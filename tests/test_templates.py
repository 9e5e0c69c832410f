"""Templates have one home, lifeline/templates/ (<app>/... and emails/...): no app keeps
a folder of its own, and pages and widgets are found there."""

from pathlib import Path

import pytest
from django.template.loader import get_template

import lifeline
from lifeline.network.forms import PreferencesForm

ROOT = Path(lifeline.__file__).parent


def test_no_app_keeps_templates_of_its_own():
    assert sorted(str(path.relative_to(ROOT)) for path in ROOT.rglob("templates")) == ["templates"]


def test_a_page_template_is_found_in_the_project_folder():
    origin = Path(get_template("actions/write.html").origin.name)
    assert origin == ROOT / "templates" / "actions" / "write.html"


@pytest.mark.django_db
def test_the_country_picker_widget_renders_from_the_project_folder():
    # Widgets go through the form renderer, which does not read TEMPLATES by default.
    html = str(PreferencesForm()["chosen_countries"])
    assert html.startswith('<div class="country-picker"')
    assert "<details" in html
