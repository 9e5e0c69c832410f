"""The case list: filters by country, concern, year, status and kind; paging; bad input."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.cases.factories import make_case, make_document

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
URL = reverse("cases:case_list")


def titles(response) -> list[str]:
    return [summary.case.title for summary in response.context["summaries"]]


@pytest.fixture
def archive():
    """Four invented cases that differ in every filtered field."""
    china = make_case(
        title="China case",
        countries=["CN", "KP"],
        issued=dt.date(2000, 5, 1),
        deadline=TODAY + dt.timedelta(days=10),
    )
    make_document(china, concerns=["Forcible return"], issue_date=dt.date(2000, 5, 1))
    make_document(china, kind="news", issue_date=dt.date(2000, 8, 1))
    mexico = make_case(
        title="Mexico case",
        countries=["MX"],
        issued=dt.date(2004, 6, 1),
        deadline=TODAY - dt.timedelta(days=10),
    )
    make_document(mexico, concerns=["Fear for safety"])
    sudan = make_case(title="Sudan case", countries=["SD"], issued=dt.date(2013, 3, 1), closed=True)
    make_document(sudan, concerns=["Torture"])
    make_document(sudan, kind="stop_action", concerns=["Torture"])
    undated = make_case(title="Undated case", countries=[], issued=None)
    make_document(undated, kind="other", countries=[])


def test_it_lists_every_case_newest_first(client, archive):
    response = client.get(URL)
    assert titles(response) == ["Sudan case", "Mexico case", "China case", "Undated case"]
    assert "4 cases" in response.content.decode()


def test_it_filters_by_country(client, archive):
    assert titles(client.get(URL, {"country": "KP"})) == ["China case"]
    assert titles(client.get(URL, {"country": "mx"})) == ["Mexico case"]


def test_a_valid_country_without_cases_gives_an_empty_list_and_stays_selected(client, archive):
    response = client.get(URL, {"country": "FR"})
    html = response.content.decode()
    assert titles(response) == []
    assert "No cases match these filters." in html
    assert '<option value="FR" selected>France</option>' in html


def test_it_filters_by_concern(client, archive):
    assert titles(client.get(URL, {"concern": "torture"})) == ["Sudan case"]


def test_it_filters_by_year(client, archive):
    assert titles(client.get(URL, {"year": "2004"})) == ["Mexico case"]


def test_it_filters_by_status(client, archive):
    assert titles(client.get(URL, {"status": "open"})) == ["China case", "Undated case"]
    assert titles(client.get(URL, {"status": "past_deadline"})) == ["Mexico case"]
    assert titles(client.get(URL, {"status": "closed"})) == ["Sudan case"]


def test_it_filters_by_document_kind(client, archive):
    assert titles(client.get(URL, {"kind": "news"})) == ["China case"]
    assert titles(client.get(URL, {"kind": "stop_action"})) == ["Sudan case"]


def test_filters_combine(client, archive):
    assert titles(client.get(URL, {"country": "CN", "status": "open", "year": "2000"})) == [
        "China case"
    ]
    assert titles(client.get(URL, {"country": "CN", "status": "closed"})) == []


def test_a_case_with_many_matching_documents_is_listed_once(client, archive):
    response = client.get(URL, {"concern": "torture"})
    assert titles(response) == ["Sudan case"]
    assert response.context["page"].paginator.count == 1


def test_the_form_offers_only_values_in_use_and_labels_every_control(client, archive):
    html = client.get(URL).content.decode()
    for name in ("country", "concern", "year", "status", "kind"):
        assert f'<label for="id_{name}">' in html
    assert '<option value="KP">North Korea</option>' in html
    assert '<option value="forcible-return">Forcible return</option>' in html
    assert '<option value="2013">2013</option>' in html
    assert '<option value="FR">' not in html


@pytest.mark.parametrize(
    ("params", "label"),
    [
        ({"country": "ZZ"}, "Country"),
        ({"country": "<script>alert(1)</script>"}, "Country"),
        ({"country": "C\x00"}, "Country"),
        ({"concern": "no-such-concern"}, "Concern"),
        ({"year": "nineteen"}, "Year"),
        ({"year": "99999"}, "Year"),
        ({"year": "9" * 5000}, "Year"),
        ({"status": "maybe"}, "Status"),
        ({"kind": "poem"}, "Document type"),
    ],
)
def test_bad_filter_values_are_ignored_with_a_notice(client, archive, params, label):
    response = client.get(URL, params)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Some filters were not understood and were ignored:" in html
    assert f"<li>{label}: “" in html
    assert "<script>alert(1)</script>" not in html
    assert len(titles(response)) == 4


def test_good_filters_still_apply_next_to_a_bad_one(client, archive):
    response = client.get(URL, {"country": "MX", "year": "soon"})
    assert titles(response) == ["Mexico case"]
    assert "<li>Year: “soon”</li>" in response.content.decode()


@pytest.mark.parametrize("page", ["2", "0", "-1", "abc", "99"])
def test_odd_page_numbers_show_a_page_instead_of_failing(client, page):
    for index in range(30):
        make_case(title=f"Case {index:02d}", issued=dt.date(2000, 1, 1) + dt.timedelta(days=index))
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert len(titles(response)) in (25, 5)


def test_pages_keep_the_filters_in_their_links(client):
    for index in range(30):
        mexico = make_case(countries=["MX"], issued=dt.date(2000, 1, 1) + dt.timedelta(index))
        make_document(mexico)
        make_document(make_case(countries=["CN"]))

    response = client.get(URL, {"country": "MX"})

    html = response.content.decode()
    assert response.context["page"].paginator.count == 30
    assert 'href="?country=MX&amp;page=2"' in html
    assert "Page 1 of 2" in html


def test_the_list_costs_the_same_queries_for_many_cases(client, django_assert_max_num_queries):
    for index in range(60):
        case = make_case(countries=["MX", "GT"], issued=dt.date(2000, 1, 1) + dt.timedelta(index))
        make_document(case, concerns=["Torture", "Fear for safety"], people_at_risk=["A", "B"])
        make_document(case, kind="further_information", concerns=["Torture"])
    # countries, concerns, years, count, cases, documents, concerns of documents.
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"country": "MX", "concern": "torture", "kind": "urgent_action"})
    assert len(titles(response)) == 25
