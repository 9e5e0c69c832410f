"""Every page of the admin answers, with the demo sheets and the real samples imported.

Tried as a new user would: `make demo`, import the two samples, then open every
list, change and add page. One model whose `__str__` returned a lazy translation
was enough to turn every document with that row on its page into a 500.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client, RequestFactory
from django.urls import reverse

from lifeline.actions.models import Appeal, OutgoingAppeal, SenderAddress
from lifeline.api.models import ApiToken
from lifeline.archive.tasks import warm_searches
from lifeline.cases.importing import import_paths
from lifeline.cases.models import (
    AppealGroup,
    AppealPointsTranslation,
    Case,
    Document,
    Outcome,
)
from tests.cases.test_admin import admin_url, form_data

pytestmark = pytest.mark.django_db

DEMO_SHEETS = Path(__file__).resolve().parents[2] / "lifeline" / "demo" / "sheets"
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
# Editors work with these apps' models; everything else is the administrators'.
EDITOR_APPS = {"cases", "actions"}
# Apps whose every model must have rows here, so that their change pages are opened.
# Other apps' models (sign-in logs, devices) are opened when they have rows.
OWN_APPS = {app.label for app in apps.get_app_configs() if app.name.startswith("lifeline.")}
REQUIRED_ROWS = OWN_APPS | {"auth"}
# A change page per row is opened up to this many rows of a model.
ROWS_PER_MODEL = 60
FILTER_CHOICES = 8

MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.fixture
def archive():
    """The demo sheets and both samples imported, and one row of every other admin model."""
    paths = [str(DEMO_SHEETS), *map(str, sorted(SAMPLES.glob("*.txt")))]
    report = import_paths(paths)
    assert report.failures == []
    assert Document.objects.count() == len(list(DEMO_SHEETS.glob("*.txt"))) + 2

    group = AppealGroup.objects.filter(points__isnull=False, target_links__isnull=False).first()
    document, target = group.document, group.targets.first()
    writer = User.objects.create_user("writer", email="writer@example.org")
    Appeal.objects.create(
        key="00000000-0000-0000-0000-000000000001",
        document=document,
        target=target,
        channel="email",
        language="en",
        writer=writer,
    )
    OutgoingAppeal.objects.create(
        sender=SenderAddress.objects.create(email="writer@example.org"),
        document=document,
        target=target,
        to="official@example.org",
        writer_name="Ann Writer",
        language="en",
        subject="Fear for safety",
        text="Dear Minister",
        html="<p>Dear Minister</p>",
    )
    AppealPointsTranslation.objects.create(
        group=group, language="fr", points=[f"point {n}" for n in range(group.points.count())]
    )
    Outcome.objects.create(case=document.case, kind="released", summary="Released on bail.")
    ApiToken.issue(writer, name="research")
    warm_searches.enqueue()
    # A wrong password, so that the sign-in throttle's records have a row.
    Client().post(reverse("admin:login"), {"username": "writer", "password": "wrong"})
    return document


@pytest.fixture
def superuser(client, db):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    return client


def can_add(model, client) -> bool:
    request = RequestFactory().get("/admin/")
    request.user = User.objects.get(pk=client.session["_auth_user_id"])
    return admin.site._registry[model].has_add_permission(request)


def assert_every_page_answers(client, model):
    if model._meta.app_label in REQUIRED_ROWS:
        assert model.objects.exists(), f"no {model._meta.label} row to open"
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200, model
    # Every row's name is drawn on the list (this is where __str__ must be a str).
    changelist = response.context["cl"]
    assert len(changelist.result_list) == min(model.objects.count(), 100)
    # Every filter's choices (the first few of each) and a search.
    url = admin_url(model, "changelist")
    for spec in changelist.filter_specs:
        for choice in list(spec.choices(changelist))[:FILTER_CHOICES]:
            response = client.get(url + choice["query_string"])
            assert response.status_code == 200, (model, choice["query_string"])
    if changelist.search_fields:
        assert client.get(url, {"q": "china 105"}).status_code == 200, model

    for pk in model.objects.values_list("pk", flat=True)[:ROWS_PER_MODEL]:
        response = client.get(admin_url(model, "change", pk))
        assert response.status_code == 200, (model, pk)

    expected = 200 if can_add(model, client) else 403
    assert client.get(admin_url(model, "add")).status_code == expected, model


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_an_editor_opens_every_page_of_the_models_they_work_with(editor, archive, model):
    if model._meta.app_label in EDITOR_APPS:
        assert_every_page_answers(editor, model)
    else:
        assert editor.get(admin_url(model, "changelist")).status_code == 403


@pytest.mark.parametrize(
    "model",
    [model for model in MODELS if model._meta.app_label not in EDITOR_APPS],
    ids=lambda model: model._meta.label,
)
def test_an_administrator_opens_every_page_of_the_other_models(superuser, archive, model):
    # The editors' models are opened above, with the same pages.
    assert_every_page_answers(superuser, model)


def test_the_editors_role_covers_the_editors_apps(editor):
    index = editor.get(reverse("admin:index"))

    assert {app["app_label"] for app in index.context["app_list"]} == EDITOR_APPS


def test_every_model_of_lifeline_names_itself_and_its_plural():
    # Left to Django, the plural is the name with an "s": "document countrys".
    for model in apps.get_models():
        if model.__module__.startswith("lifeline."):
            options = model._meta.original_attrs
            assert {"verbose_name", "verbose_name_plural"} <= options.keys(), model


def add_document(client, case: Case, title: str):
    url = admin_url(Document, "add")
    data = form_data(client.get(url))
    data |= {"case": case.pk, "kind": "urgent_action", "title": title}
    return client.post(url, data)


def test_an_editor_writes_two_documents_by_hand(editor, archive):
    case = archive.case

    first = add_document(editor, case, "Fear for safety: a written update")
    second = add_document(editor, case, "Fear for safety: another written update")

    for response in (first, second):
        assert response.status_code == 302, response.context["errors"]
    written = Document.objects.filter(title__contains="a written update") | Document.objects.filter(
        title__contains="another written update"
    )
    assert written.count() == 2
    assert all(document.case == case for document in written)
