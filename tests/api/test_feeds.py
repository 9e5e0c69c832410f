"""The Atom feed of new actions and updates."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from tests.cases.factories import make_case, make_document

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, **params):
    response = client.get("/api/v1/feeds/actions.atom", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own output)
    return [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]


def make_sheets():
    china = make_case(ua_number="201/26", slug="ua-201-26", countries=["CN"])
    make_document(
        china,
        title="Fear of return",
        concerns=["Forcible return"],
        issue_date=dt.date(2026, 11, 17),
    )
    make_document(
        china,
        kind="further_information",
        title="Still detained",
        concerns=["Forcible return"],
        issue_date=dt.date(2026, 11, 20),
    )
    make_document(china, kind="news", title="News release", issue_date=dt.date(2026, 11, 21))
    mexico = make_case(ua_number="87/97", slug="ua-87-97", countries=["MX"])
    make_document(
        mexico, title="Threats", concerns=["Fear for safety"], issue_date=dt.date(1997, 3, 14)
    )


def test_the_feed_lists_actions_and_updates_newest_first_without_news(client):
    make_sheets()

    assert entries(client) == [
        "Further information UA 201/26: Still detained",
        "Urgent Action UA 201/26: Fear of return",
        "Urgent Action UA 87/97: Threats",
    ]


def test_the_feed_filters_by_country_and_concern(client):
    make_sheets()

    assert entries(client, country="mx") == ["Urgent Action UA 87/97: Threats"]
    assert len(entries(client, concern="forcible-return")) == 2
    assert entries(client, country="MX", concern="forcible-return") == []


def test_entries_link_to_the_document_page_and_carry_concerns(client):
    make_sheets()

    feed = ET.fromstring(client.get("/api/v1/feeds/actions.atom", {"country": "MX"}).content)  # noqa: S314
    entry = next(feed.iter(f"{ATOM}entry"))

    assert "/documents/" in entry.find(f"{ATOM}link").get("href")
    assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
    assert entry.find(f"{ATOM}published").text.startswith("1997-03-14")
    assert {c.get("term") for c in entry.iter(f"{ATOM}category")} == {"Fear for safety", "MX"}
    self_link = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href").endswith("/api/v1/feeds/actions.atom?country=MX")
