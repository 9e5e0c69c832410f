"""GET /api/v1/documents and /api/v1/documents/{code}."""

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.helpers import assert_error
from tests.cases.factories import make_action_case, make_case, make_document

pytestmark = pytest.mark.django_db


def test_a_document_comes_with_its_groups_points_and_targets(api):
    case, document = make_action_case()

    body = api.get(f"/documents/{document.code}").json()

    assert body["case"] == case.slug
    assert body["kind"] == "urgent_action"
    assert body["concerns"] == [{"slug": "fear-for-safety", "name": "Fear for safety"}]
    assert body["channels"] == ["fax", "email"]
    [group] = body["appeal_groups"]
    assert group["points"] == [
        "calling for protection for Ana Invented;",
        "urging an investigation;",
    ]
    [target] = group["targets"]
    assert target["name"] == "Lic. Ficticio Gobernador"
    assert target["email"] == ["governor@example.org"]
    assert api.client.get(target["url"]).json()["code"] == target["code"]
    assert "source_text" not in body


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "news"}, ["News"]),
        ({"country": "CN"}, ["News"]),
        ({"concern": "torture"}, ["UA"]),
        ({"year": 2004}, ["News"]),
        ({"case": "ua-7-98"}, ["UA"]),
    ],
)
def test_it_filters_documents(api, params, expected):
    ua_case = make_case(slug="ua-7-98", ua_number="7/98")
    make_document(ua_case, title="UA", concerns=["Torture"], issue_date=dt.date(1999, 5, 1))
    make_document(
        make_case(countries=["CN"]), title="News", kind="news", issue_date=dt.date(2004, 6, 22)
    )

    body = api.get("/documents", **params).json()

    assert [doc["title"] for doc in body["results"]] == expected


def test_the_document_list_costs_the_same_queries_for_one_or_ten(api):
    make_action_case()
    with CaptureQueriesContext(connection) as one:
        api.get("/documents")
    for _ in range(9):
        make_action_case()
    with CaptureQueriesContext(connection) as ten:
        body = api.get("/documents").json()

    assert body["count"] == 10
    assert all(doc["appeal_groups"][0]["targets"] for doc in body["results"])
    assert len(ten) == len(one)


def test_an_unknown_document_is_a_404(api):
    assert_error(api.get(f"/documents/{uuid.uuid4()}"), 404, "not_found")
