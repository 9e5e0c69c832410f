"""The back office: editors manage every cases model; nobody else gets in."""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lifeline.cases.importing import import_parsed
from lifeline.cases.models import AppealPointsTranslation, Case, Document, Outcome, Target
from tests.cases.test_importing import further_information, sheet

pytestmark = pytest.mark.django_db

CASES_MODELS = [model for model in admin.site._registry if model._meta.app_label == "cases"]


@pytest.fixture
def document():
    return import_parsed(sheet()).document


def admin_url(model, view, *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def form_data(response) -> dict:
    """What the browser would post back for the admin change form as it was shown."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.field.prepare_value(field.value())
            if value is True:
                data[field.html_name] = "on"
            elif value is not False and value is not None:
                data[field.html_name] = value
    return data


def test_the_admin_covers_the_models_an_editor_works_with():
    assert {model.__name__ for model in CASES_MODELS} == {
        "Case",
        "Document",
        "AppealGroup",
        "Target",
        "Concern",
        "AppealPointsTranslation",
        "Outcome",
    }


@pytest.mark.parametrize("model", CASES_MODELS, ids=lambda model: model.__name__)
def test_an_editor_can_open_the_changelist_and_change_page_of_every_cases_model(
    editor, document, model
):
    group = document.groups.first()
    AppealPointsTranslation.objects.create(group=group, language="fr", points=["Libérez-la."])
    Outcome.objects.create(case=document.case, kind="released", summary="Released.")
    changelist = editor.get(admin_url(model, "changelist"), {"q": "105"})
    assert changelist.status_code == 200

    change = editor.get(admin_url(model, "change", model.objects.first().pk))
    assert change.status_code == 200

    assert editor.get(admin_url(model, "add")).status_code == 200


def test_an_editor_can_change_a_document_and_the_case_follows(editor, document):
    url = admin_url(Document, "change", document.pk)
    data = form_data(editor.get(url))
    data["title"] = "Forcible return (corrected)"
    data["appeal_deadline"] = "2000-06-30"

    response = editor.post(url, data)

    assert response.status_code == 302, [
        response.context["errors"],
        [i.formset.errors for i in response.context["inline_admin_formsets"]],
    ]
    document.refresh_from_db()
    assert document.title == "Forcible return (corrected)"
    case = document.case
    assert case.title == "Forcible return (corrected)"
    assert case.deadline == dt.date(2000, 6, 30)
    # The inlines went through unchanged.
    assert document.groups.count() == 2
    assert document.countries == ["KP", "CN"]


def test_removing_a_country_row_updates_the_document_and_case_countries(editor, document):
    url = admin_url(Document, "change", document.pk)
    data = form_data(editor.get(url))
    data["country_rows-1-DELETE"] = "on"

    assert editor.post(url, data).status_code == 302

    document.refresh_from_db()
    assert document.countries == ["KP"]
    assert document.case.countries == ["KP"]


def test_the_case_list_filters_by_country_and_closed(editor, document):
    import_parsed(sheet(ua_number="7/01", document_index="AMR 51/1/01", countries=["US"]))

    response = editor.get(admin_url(Case, "changelist"), {"country": "US", "closed__exact": "0"})

    assert [case.ua_number for case in response.context["cl"].result_list] == ["7/01"]


def test_the_case_list_costs_the_same_queries_for_many_cases(editor, document):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert editor.get(admin_url(Case, "changelist")).status_code == 200
        return len(context)

    few = queries()
    for number in range(10):
        import_parsed(sheet(ua_number=f"{number}/01", document_index=f"AMR 51/{number}/01"))
    import_parsed(further_information())

    assert queries() == few


def test_editing_a_target_keeps_its_directory_key_in_step(editor, document):
    target = Target.objects.get(country="KP")
    url = admin_url(Target, "change", target.pk)
    data = form_data(editor.get(url))
    data["name"] = "Mr Pak Ui Chun"

    assert editor.post(url, data).status_code == 302

    target.refresh_from_db()
    assert target.key == "mr pak ui chun|minister of foreign affairs|kp"


def test_a_target_cannot_be_edited_into_a_twin_of_another(editor, document):
    target = Target.objects.get(country="KP")
    url = admin_url(Target, "change", target.pk)
    data = form_data(editor.get(url))
    data |= {"name": "ZHU Rongji Zongli", "title": "Premier of the People’s Republic of China"}
    data["country"] = "CN"

    response = editor.post(url, data)

    assert response.status_code == 200
    assert "already has this official" in response.content.decode()


def test_target_links_pick_targets_by_autocomplete(editor, document):
    response = editor.get(
        reverse("admin:autocomplete"),
        {"app_label": "cases", "model_name": "grouptarget", "field_name": "target", "term": "zhu"},
    )

    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [
        "ZHU Rongji Zongli, Premier of the People’s Republic of China"
    ]


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    url = admin_url(Case, "changelist")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_a_staff_user_who_is_not_an_editor_is_refused(client):
    client.force_login(User.objects.create_user("clerk", password="x", is_staff=True))

    for model in CASES_MODELS:
        assert client.get(admin_url(model, "changelist")).status_code == 403
