"""A date the sheet does not give is never shown as its issue date.

The undated update of UA 105/00 is placed six weeks before its appeal deadline (7 June
2000) for sorting; the case page, the search page and the API all say it is undated
and how the date was estimated.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse

from lifeline.archive import search
from lifeline.cases.importing import import_paths
from lifeline.cases.models import Case, date_basis
from tests.cases.factories import make_case, make_document

SAMPLE = (
    Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "000_53efcc61e7a56288.txt"
)
ESTIMATE = dt.date(2000, 6, 7)  # 19 July 2000, the appeal deadline, less six weeks

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample_case():
    if not SAMPLE.is_file():
        pytest.skip("the shared samples are not beside the checkout")
    import_paths([str(SAMPLE)])
    case = Case.objects.get(ua_number="105/00")
    assert case.issued == ESTIMATE
    assert case.documents.get().issue_date is None
    return case


def fact(html: str, label: str) -> str:
    match = re.search(rf"<dt>{label}</dt>\s*<dd>(.*?)</dd>", html, re.S)
    assert match, label
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_date_basis_says_where_a_date_comes_from():
    assert date_basis(dt.date(2000, 6, 1), dt.date(2000, 7, 19)) == "issued"
    assert date_basis(None, dt.date(2000, 7, 19), "ASA 17/21/00") == "deadline"
    assert date_basis(None, None, "ASA 17/21/00") == "year"
    assert date_basis(None, None, None, "105/00") == "year"
    assert date_basis(None) is None


def test_the_case_page_says_undated_and_how_the_date_was_estimated(client, sample_case):
    html = client.get(sample_case.get_absolute_url()).content.decode()

    issued = fact(html, "First issued")
    assert issued.startswith("Undated")
    assert "estimated June 7, 2000" in issued
    assert "appeal deadline" in issued
    assert "<dd><time" not in html.split("<dt>First issued</dt>")[1][:20]


def test_a_case_whose_sheet_gives_a_date_shows_it_plainly(client):
    case = make_case(issued=dt.date(2001, 3, 5))
    make_document(case, issue_date=dt.date(2001, 3, 5))

    html = client.get(case.get_absolute_url()).content.decode()

    assert fact(html, "First issued") == "March 5, 2001"


def test_a_case_dated_only_by_its_number_says_so(client):
    case = make_case(ua_number="12/98", issued=None)
    make_document(case, issue_date=None, appeal_deadline=None, document_index="AMR 41/01/98")
    case.refresh_summary()

    html = client.get(case.get_absolute_url()).content.decode()

    issued = fact(html, "First issued")
    assert issued.startswith("Undated")
    assert "1998" in issued
    assert "January 1, 1998" not in issued


def test_search_hits_carry_how_their_date_was_found(sample_case):
    (hit,) = search("forcible return").results

    assert hit.date == ESTIMATE
    assert hit.date_basis == "deadline"


def test_the_search_page_says_undated(client, sample_case):
    html = client.get(reverse("archive:search"), {"q": "forcible return"}).content.decode()

    meta = re.search(r'<p class="search-hit__meta">(.*?)</p>', html, re.S).group(1)
    text = " ".join(re.sub(r"<[^>]+>", " ", meta).split())
    assert "Undated" in text
    assert "estimated June 7, 2000" in text


def test_the_api_says_the_dates_are_inferred(client, sample_case):
    case = client.get(f"/api/v1/cases/{sample_case.slug}").json()
    assert case["issued"] == "2000-06-07"
    assert case["issued_inferred"] is True
    assert case["issued_estimated_from"] == "deadline"
    assert case["documents"][0]["issue_date"] is None

    (listed,) = client.get("/api/v1/cases").json()["results"]
    assert listed["issued_inferred"] is True
    assert listed["issued_estimated_from"] == "deadline"

    (hit,) = client.get("/api/v1/search", {"q": "forcible return"}).json()["results"]
    assert hit["date"] == "2000-06-07"
    assert hit["date_inferred"] is True
    assert hit["date_estimated_from"] == "deadline"


def test_the_api_says_a_stated_date_is_not_inferred(client):
    case = make_case(issued=dt.date(2001, 3, 5), title="Dated case")
    make_document(case, issue_date=dt.date(2001, 3, 5), title="Dated case")

    body = client.get(f"/api/v1/cases/{case.slug}").json()
    assert body["issued_inferred"] is False
    assert body["issued_estimated_from"] is None
    (hit,) = client.get("/api/v1/search", {"q": "fictional"}).json()["results"]
    assert hit["date_inferred"] is False
    assert hit["date_estimated_from"] is None


def test_the_estimate_is_said_in_the_reader_s_language(client, sample_case):
    html = client.get(sample_case.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    issued = fact(html, "Première diffusion")
    assert issued.startswith("Sans date")
    assert "estimée au 7 juin 2000" in issued
