"""Related cases on the case page: same officials, same countries and concerns, similar text."""

import pytest
from django.urls import reverse

from lifeline.archive.related import related_cases
from tests.cases.factories import make_case, make_document, make_group, make_target

pytestmark = pytest.mark.django_db


def test_cases_appealing_to_the_same_official_come_first():
    governor = make_target(title="Governor of Example State")
    case = make_case(countries=["MX"], title="Harassment of a journalist")
    make_group(make_document(case), targets=[governor])
    other = make_case(countries=["PE"], title="Unrelated words")
    make_group(make_document(other), targets=[governor])
    stranger = make_case(countries=["BR"], title="Nothing shared")
    make_group(make_document(stranger), targets=[make_target()])

    related = related_cases(case)
    assert [(item.case, item.reason) for item in related] == [(other, "targets")]


def test_cases_in_the_same_country_with_a_shared_concern_are_related():
    case = make_case(countries=["CN"], title="Alpha")
    make_document(case, concerns=["Torture"])
    same = make_case(countries=["CN"], title="Beta")
    make_document(same, concerns=["Torture", "Fear for safety"])
    other_country = make_case(countries=["MX"], title="Gamma")
    make_document(other_country, concerns=["Torture"])
    other_concern = make_case(countries=["CN"], title="Delta")
    make_document(other_concern, concerns=["Death penalty"])

    assert [(item.case, item.reason) for item in related_cases(case)] == [(same, "place")]


def test_cases_with_similar_text_are_related():
    case = make_case(countries=["CN"], title="Forcible return of asylum seekers")
    make_document(case, title="Forcible return of asylum seekers")
    similar = make_case(countries=["TR"], title="Asylum seekers at risk")
    make_document(similar, title="Asylum seekers at risk")
    unrelated = make_case(countries=["BR"], title="Land dispute")
    make_document(unrelated, title="Land dispute")

    assert [(item.case, item.reason) for item in related_cases(case)] == [(similar, "text")]


def test_the_case_page_lists_related_cases(client):
    case = make_case(countries=["CN"], title="Forcible return of asylum seekers")
    make_document(case, title="Forcible return of asylum seekers")
    similar = make_case(countries=["TR"], title="Asylum seekers at risk", ua_number="77/01")
    make_document(similar, title="Asylum seekers at risk")

    html = client.get(reverse("cases:case", kwargs={"slug": case.slug})).content.decode()
    assert "Related cases" in html
    assert similar.get_absolute_url() in html
    assert "Similar text" in html
