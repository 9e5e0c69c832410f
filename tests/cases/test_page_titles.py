"""Every page's <title> is plain text: a case's name, never the markup around its number."""

import html
import re
from pathlib import Path

import pytest
from django.urls import reverse

from lifeline.cases.importing import import_paths
from lifeline.cases.models import Case
from tests.cases.factories import make_case, make_document

SAMPLE = (
    Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "000_53efcc61e7a56288.txt"
)

pytestmark = pytest.mark.django_db


def title_of(response) -> str:
    assert response.status_code == 200
    raw = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
    # A <title> holds text only: entities are decoded, tags are shown as they are.
    assert "<" not in raw, raw
    return " ".join(html.unescape(raw).split())


@pytest.fixture
def sample_case():
    if not SAMPLE.is_file():
        pytest.skip("the shared samples are not beside the checkout")
    import_paths([str(SAMPLE)])
    return Case.objects.get(ua_number="105/00")


def test_the_case_page_title_is_the_number_and_title_as_text(client, sample_case):
    title = title_of(client.get(sample_case.get_absolute_url()))

    assert title.startswith("UA 105/00 ")
    assert title.endswith(" · Lifeline")
    assert "span" not in title


def test_a_title_with_markup_characters_is_escaped_once(client):
    case = make_case(title="Fear for safety & <torture>")
    make_document(case)

    assert title_of(client.get(case.get_absolute_url())) == (
        f"UA {case.ua_number} Fear for safety & <torture> · Lifeline"
    )


def test_the_document_page_title_is_text(client, sample_case):
    document = sample_case.documents.get()

    title = title_of(client.get(document.get_absolute_url()))

    assert title == "Further information 1 ASA 17/21/00 · Lifeline"


def test_the_letter_pages_titles_are_text(client, sample_case):
    title = title_of(client.get(reverse("actions:write", kwargs={"slug": sample_case.slug})))
    assert title.startswith("Write your appeal · UA 105/00 ")
    assert "span" not in title

    closed = make_case(title="A closed case", closed=True)
    make_document(closed, kind="stop_action")
    title = title_of(client.get(reverse("actions:write", kwargs={"slug": closed.slug})))
    assert title == f"Write your appeal · UA {closed.ua_number} A closed case · Lifeline"


def test_the_search_page_titles_are_text(client, sample_case):
    assert title_of(client.get(reverse("archive:search"))) == "Search the archive · Lifeline"
    title = title_of(client.get(reverse("archive:search"), {"q": "<b>China</b> & Korea"}))
    assert title == "Search: <b>China</b> & Korea · Lifeline"


def test_the_list_pages_titles_are_text(client, sample_case):
    assert title_of(client.get(reverse("cases:home"))) == "Open actions · Lifeline"
    assert title_of(client.get(reverse("cases:case_list"))) == "All cases · Lifeline"
