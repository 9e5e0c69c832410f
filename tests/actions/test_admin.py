"""Editors add a translation of a document's appeal points in the admin."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from lifeline.accounts.roles import EDITORS
from lifeline.actions.models import Appeal
from lifeline.cases.models import AppealPointsTranslation

pytestmark = pytest.mark.django_db

ADD = reverse("admin:cases_appealpointstranslation_add")
FRENCH = (
    "exhortant les autorités à protéger Ana Invented ;\n\n"
    "demandant une enquête sur les menaces proférées contre elle ;"
)


def test_an_editor_adds_a_french_translation_used_by_the_letter(editor, case_and_document):
    case, document = case_and_document
    group = document.groups.get()
    response = editor.post(ADD, {"group": group.pk, "language": "fr", "points": FRENCH})
    assert response.status_code == 302, response.content.decode()[:2000]
    translation = AppealPointsTranslation.objects.get()
    assert translation.points == [
        "exhortant les autorités à protéger Ana Invented ;",
        "demandant une enquête sur les menaces proférées contre elle ;",
    ]
    page = editor.get(reverse("actions:write", kwargs={"slug": case.slug}), {"language": "fr"})
    text = page.content.decode()
    assert "protéger Ana Invented" in text
    assert "no French translation" not in text
    change = editor.get(
        reverse("admin:cases_appealpointstranslation_change", args=[translation.pk])
    )
    # The editor sees the original points beside the translation.
    assert "urging the authorities to protect Ana Invented;" in change.content.decode()


def test_a_translation_with_another_number_of_points_is_refused(editor, case_and_document):
    _case, document = case_and_document
    group = document.groups.get()
    response = editor.post(ADD, {"group": group.pk, "language": "fr", "points": "un seul point"})
    assert response.status_code == 200
    assert "The group has 2 points and this translation 1" in response.content.decode()
    assert AppealPointsTranslation.objects.count() == 0


def test_english_is_not_a_translation_language(editor, case_and_document):
    _case, document = case_and_document
    response = editor.post(
        ADD, {"group": document.groups.get().pk, "language": "en", "points": FRENCH}
    )
    assert "Select a valid choice" in response.content.decode()


def test_appeals_are_shown_to_editors_but_never_edited(editor):
    assert editor.get(reverse("admin:actions_appeal_changelist")).status_code == 200
    assert editor.get(reverse("admin:actions_appeal_add")).status_code == 403
    assert not Appeal.objects.exists()


def test_a_member_without_the_editor_role_cannot_translate(client, case_and_document):
    user = User.objects.create_user("member", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(ADD).status_code == 403


def test_editors_get_the_actions_models_and_nothing_else_beyond_cases():
    labels = set(
        Group.objects.get(name=EDITORS).permissions.values_list(
            "content_type__app_label", flat=True
        )
    )
    assert labels == {"cases", "actions"}
    assert (
        Group.objects.get(name=EDITORS)
        .permissions.filter(codename="add_appealpointstranslation")
        .exists()
    )
