"""Every page names countries the same way, in its own language, sorted by those names."""

import re

import pytest
from django.urls import reverse

from tests.actions.conftest import open_case
from tests.cases.factories import make_case, make_document
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db


def in_french(client):
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})


def options(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<option value="([A-Z]{2})"[^>]*>([^<]+)</option>', html)


def assert_french_and_sorted(found: list[tuple[str, str]]):
    names = dict(found)
    assert names["DE"] == "Allemagne"
    assert names["CN"] == "Chine"
    labels = [label for _, label in found]
    assert labels.index("Allemagne") < labels.index("Chine")


def test_the_join_form_names_countries_in_french(client):
    in_french(client)
    html = client.get(reverse("network:join")).content.decode()
    assert "Germany" not in html
    found = options(html)
    assert_french_and_sorted(found)
    labels = [label for _, label in found]
    # Sorted as a French reader sorts: "Égypte" among the E's.
    assert labels.index("Égypte") < labels.index("Espagne") < labels.index("Zimbabwe")


def test_the_preferences_form_names_countries_in_french(client):
    member = make_member(countries=["DE"], language="fr")
    client.force_login(member.user)
    in_french(client)
    html = client.get(reverse("network:preferences")).content.decode()
    assert "Germany" not in html
    assert_french_and_sorted(options(html))
    assert "Allemagne" in re.sub(r"<option[^>]*>[^<]*</option>", "", html)  # the region picker


def test_the_case_list_filter_names_countries_in_french(client):
    for code in ("DE", "CN"):
        make_document(make_case(countries=[code]))
    in_french(client)
    html = client.get(reverse("cases:case_list")).content.decode()
    assert options(html) == [("DE", "Allemagne"), ("CN", "Chine")]


def test_the_letter_form_names_countries_in_french(client):
    case, _ = open_case()
    in_french(client)
    html = client.get(reverse("actions:write", kwargs={"slug": case.slug})).content.decode()
    assert "Germany" not in html
    assert_french_and_sorted(options(html))


def test_the_case_page_names_its_countries_in_french(client):
    case = make_case(countries=["CN", "DE"])
    make_document(case)
    in_french(client)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Chine, Allemagne" in html
