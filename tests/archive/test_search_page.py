"""The search page at /search/ and the search box in every page's header."""

import pytest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.cases.factories import make_case, make_document

pytestmark = pytest.mark.django_db

URL = reverse("archive:search")


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_every_page_has_a_search_box(client):
    html = client.get(reverse("cases:home")).content.decode()
    assert f'action="{URL}"' in html
    assert '<label for="site-search-q">' in html


def test_it_shows_hits_with_marked_snippets_and_links(client, archive):
    html = get(client, q="prisoner of conscience")
    assert "1 document" in html
    assert archive["fi"].get_absolute_url() in html
    assert archive["fi"].case.get_absolute_url() in html
    assert "<mark>prisoner</mark>" in html


def test_the_text_of_documents_is_escaped(client, archive):
    html = get(client, q="ampersand")
    assert "<script>" not in html.split("<main", 1)[1]
    assert "&amp;" in html


def test_the_query_is_escaped_back_into_the_form(client, archive):
    html = get(client, q='"><script>alert(1)</script>')
    assert "<script>alert(1)" not in html
    assert "&quot;&gt;&lt;script&gt;" in html


def test_facets_are_links_that_add_and_remove_filters(client, archive):
    html = get(client, q="invented")
    assert "?q=invented&amp;country=KP" in html
    html = get(client, q="invented", country="KP")
    assert "1 document" in html
    # The selected value links back to the search without it.
    assert 'href="/search/?q=invented" aria-current="true"' in html
    assert "Clear filters" in html


def test_a_bad_filter_is_reported_and_ignored(client, archive):
    html = get(client, q="invented", country="Atlantis", year="soon")
    assert "were not understood" in html
    assert "4 documents" in html


def test_a_stale_cursor_starts_again(client, archive):
    html = get(client, q="invented", cursor="garbage")
    assert "4 documents" in html


def test_next_page_links_follow_cursors(client, archive):
    for number in range(25):
        make_document(make_case(countries=["PE"]), title=f"Zebra {number}", body="zebra")
    first = get(client, q="zebra")
    assert "25 documents" in first
    assert 'rel="next"' in first
    next_url = first.split('rel="next" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = client.get(next_url).content.decode()
    assert second.count('class="search-hit"') == 5
    assert "First page" in second


def test_the_page_costs_the_same_queries_for_many_hits(client, archive, django_db_blocker):
    from django.db import connection

    with CaptureQueriesContext(connection) as few:
        get(client, q="invented")
    for number in range(15):
        make_document(make_case(countries=["CN"]), title=f"Invented {number}")
    with CaptureQueriesContext(connection) as many:
        get(client, q="invented")
    assert len(many) == len(few)
