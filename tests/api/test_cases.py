"""GET /api/v1/cases and /api/v1/cases/{slug}."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.helpers import assert_error
from tests.cases.factories import make_action_case, make_case, make_document

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def test_it_lists_cases_newest_first_with_concerns_and_people(api):
    old = make_case(title="Older case", issued=dt.date(1997, 3, 14))
    make_document(old, concerns=["Torture"], people_at_risk=["Ana Invented"])
    new = make_case(title="Newer case", issued=dt.date(2004, 6, 22), countries=["CN"])
    make_document(new, concerns=["Forcible return"])

    body = api.get("/cases").json()

    assert body["count"] == 2
    assert [case["title"] for case in body["results"]] == ["Newer case", "Older case"]
    older = body["results"][1]
    assert older["concerns"] == [{"slug": "torture", "name": "Torture"}]
    assert older["people_at_risk"] == ["Ana Invented"]
    assert older["url"].endswith(f"/api/v1/cases/{old.slug}")
    assert older["page_url"].endswith(f"/cases/{old.slug}/")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "cn"}, ["China case"]),
        ({"concern": "torture"}, ["Mexico case"]),
        ({"status": "closed"}, ["Closed case"]),
        ({"status": "open"}, ["Mexico case"]),
        ({"year": 2004}, ["China case"]),
        ({"kind": "stop_action"}, ["Closed case"]),
        ({"country": "MX", "concern": "torture"}, ["Mexico case"]),
        ({"country": "FR"}, []),
    ],
)
def test_it_filters_cases(api, params, expected):
    mexico = make_case(title="Mexico case", issued=dt.date(1999, 1, 1), deadline=TODAY)
    make_document(mexico, concerns=["Torture"])
    china = make_case(
        title="China case",
        issued=dt.date(2004, 6, 22),
        countries=["CN"],
        deadline=dt.date(2004, 8, 1),
    )
    make_document(china, concerns=["Forcible return"])
    closed = make_case(title="Closed case", issued=dt.date(1997, 3, 14), closed=True)
    make_document(closed, kind="stop_action")

    body = api.get("/cases", **params).json()

    assert sorted(case["title"] for case in body["results"]) == sorted(expected)
    assert body["count"] == len(expected)


def test_pages_follow_each_other_without_gaps_or_repeats(api):
    # Same issue date for all: the order must still be total, by id.
    slugs = {make_case(issued=dt.date(2000, 1, 1)).slug for _ in range(7)}

    seen, page = [], api.get("/cases", limit=3).json()
    while True:
        seen += [case["slug"] for case in page["results"]]
        if not page["next"]:
            break
        assert page["next"].startswith("http://testserver/api/v1/cases?")
        page = api.client.get(page["next"]).json()

    assert len(seen) == 7
    assert set(seen) == slugs
    assert page["previous"].endswith("limit=3&offset=3")


def test_an_offset_past_the_end_gives_an_empty_page(api):
    make_case()

    body = api.get("/cases", offset=50).json()

    assert body["count"] == 1
    assert body["results"] == []
    assert body["next"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "query.limit"),
        ({"limit": 101}, "query.limit"),
        ({"offset": -1}, "query.offset"),
        ({"country": "China"}, "query.country"),
        ({"status": "forgotten"}, "query.status"),
        ({"year": "last"}, "query.year"),
        ({"concern": "a b"}, "query.concern"),
    ],
)
def test_bad_filters_are_a_400_naming_the_parameter(api, params, field):
    error = assert_error(api.get("/cases", **params), 400, "invalid_request")

    assert [detail["field"] for detail in error["details"]] == [field]


def test_the_list_costs_the_same_queries_for_one_case_or_twenty(api):
    make_action_case()
    with CaptureQueriesContext(connection) as one:
        api.get("/cases")
    for _ in range(19):
        make_action_case()
    with CaptureQueriesContext(connection) as twenty:
        body = api.get("/cases").json()

    assert body["count"] == 20
    assert len(twenty) == len(one)


def test_a_case_shows_its_timeline_oldest_first(api):
    case = make_case(ua_number="87/97", slug="ua-87-97", issued=dt.date(1997, 3, 14))
    make_document(case, title="Stop", kind="stop_action", issue_date=dt.date(1997, 6, 12))
    make_document(case, title="Original", issue_date=dt.date(1997, 3, 14))
    make_document(case, title="Update", kind="further_information", issue_date=dt.date(1997, 4, 17))

    body = api.get("/cases/ua-87-97").json()

    assert [doc["title"] for doc in body["documents"]] == ["Original", "Update", "Stop"]
    assert body["documents"][1]["kind"] == "further_information"
    assert body["ua_number"] == "87/97"
    assert body["status"] == "open"


def test_an_unknown_case_is_a_404(api):
    error = assert_error(api.get("/cases/ua-1-00"), 404, "not_found")

    assert "ua-1-00" in error["message"]
