"""GET /api/v1/targets and /api/v1/targets/{code}."""

import uuid

import pytest

from tests.api.helpers import assert_error
from tests.cases.factories import (
    make_action_case,
    make_case,
    make_document,
    make_group,
    make_target,
)

pytestmark = pytest.mark.django_db


def test_it_lists_targets_by_name_and_filters_them(api):
    make_target(name="Zhu Invented", title="Premier", country="CN")
    make_target(name="Ana Official", title="Governor", country="MX")

    everyone = api.get("/targets").json()
    chinese = api.get("/targets", country="cn").json()
    governors = api.get("/targets", q="govern").json()

    assert [t["name"] for t in everyone["results"]] == ["Ana Official", "Zhu Invented"]
    assert [t["name"] for t in chinese["results"]] == ["Zhu Invented"]
    assert [t["name"] for t in governors["results"]] == ["Ana Official"]


def test_a_target_lists_the_documents_that_name_it(api):
    _case, document = make_action_case()
    target = document.groups.get().targets.get()
    other = make_document(make_case(), title="Another sheet")
    make_group(other, targets=[target])
    make_group(other, targets=[target], position=5)  # named twice: listed once

    body = api.get(f"/targets/{target.code}").json()

    assert body["salutation"] == "Dear Governor"
    assert body["fax"] == ["+52 000 000 0000"]
    assert [doc["code"] for doc in body["documents"]] == [str(document.code), str(other.code)]


def test_an_unknown_target_is_a_404(api):
    assert_error(api.get(f"/targets/{uuid.uuid4()}"), 404, "not_found")
    assert_error(api.get("/targets/not-a-uuid"), 404, "not_found")
