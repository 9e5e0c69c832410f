"""Large documents and slow searches: the indexed text is bounded, a search has a time budget."""

import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from lifeline.archive import SearchTimeout, search
from lifeline.archive import budget as budget_module
from lifeline.archive.budget import time_budget
from lifeline.archive.indexing import bounded
from lifeline.archive.models import SearchText
from lifeline.cases.models import Document
from tests.cases.factories import make_case, make_document

pytestmark = pytest.mark.django_db

CAP = 100_000
FILLER = "plain words about a fictional sheet "


def large_document(words_before_cap: str, words_after_cap: str, megabytes: int = 3):
    """A document of several MB whose first and last parts hold the given words."""
    head = words_before_cap + " " + FILLER * 100
    tail = FILLER * (megabytes * 1_000_000 // len(FILLER)) + words_after_cap
    return make_document(make_case(), title="A very long sheet", body=head + tail)


@override_settings(SEARCH_INDEXED_CHARACTERS=CAP)
def test_only_the_head_of_a_large_document_is_indexed_and_the_body_is_kept():
    document = large_document("kestrel nearcap", "kestrel farbeyond ospreyonlyatend")
    indexed = SearchText.objects.get(document=document).body
    assert len(Document.objects.get(pk=document.pk).body) > 3_000_000  # still complete
    assert CAP - 200 < len(indexed) <= CAP
    assert indexed.split()[-1] in FILLER.split()  # cut between words
    assert search("ospreyonlyatend").total == 0
    assert search("farbeyond").total == 0
    assert search("nearcap").total == 1


@override_settings(SEARCH_INDEXED_CHARACTERS=CAP)
def test_snippets_are_made_from_the_indexed_text():
    large_document("kestrel nearcap", "kestrel farbeyond")
    for sort in ("relevance", "date"):
        [hit] = search("kestrel", sort=sort).results
        assert "<mark>kestrel</mark> nearcap" in hit.snippet
        assert "farbeyond" not in hit.snippet
        assert len(hit.snippet) < 1000
    [hit] = search("").results  # no query: the opening of the indexed text
    assert hit.snippet.startswith("kestrel nearcap") and len(hit.snippet) < 300


@override_settings(SEARCH_INDEXED_CHARACTERS=CAP)
def test_a_large_document_full_of_the_searched_word_is_answered_quickly():
    # Before the cap, 3 MB with "detention" one word in five took minutes to snippet.
    body = "detention of many people " * 120_000
    make_document(make_case(), title="Dense sheet", body=body)
    start = time.monotonic()
    result = search("detention")
    assert result.total == 1 and "<mark>detention</mark>" in result.results[0].snippet
    assert time.monotonic() - start < 5


def test_bounded_cuts_at_a_space_and_leaves_short_text_alone():
    assert bounded("short text", 100) == "short text"
    assert bounded("alpha beta gamma", 12) == "alpha beta"
    assert bounded("x" * 1000, 10) == "x" * 10  # no space near: cut anyway


def slow_statement() -> str:
    """SQL that runs for seconds on either database, doing nothing of use."""
    if connection.vendor == "postgresql":
        return "SELECT pg_sleep(3)"
    return (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) "
        "SELECT count(*) FROM n"
    )


def test_the_database_stops_a_statement_over_the_budget_and_stays_usable(archive):
    start = time.monotonic()
    with pytest.raises(SearchTimeout) as raised, time_budget(100), connection.cursor() as cursor:
        cursor.execute(slow_statement())
    assert time.monotonic() - start < 2  # stopped in the database, not waited out
    assert "stopped" in raised.value.message
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1
        if connection.vendor == "postgresql":
            # The budget's statement_timeout went with its savepoint.
            cursor.execute("SELECT current_setting('statement_timeout')")
            assert cursor.fetchone()[0] == "0"
    assert search("torture").total == 2


def test_a_budget_left_over_is_not_kept_by_the_connection(archive):
    with time_budget(60_000), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    with connection.cursor() as cursor:
        cursor.execute(slow_statement().replace("3", "0.2").replace("100000000", "1000000"))
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_setting('statement_timeout')")
            assert cursor.fetchone()[0] == "0"


def test_a_search_over_a_tiny_budget_fails_cleanly_and_remembers_nothing(archive, monkeypatch):
    case = make_case()
    for n in range(60):
        make_document(case, title=f"Sheet {n}", body=f"torture detention sheet number {n} " * 50)
    monkeypatch.setattr(budget_module, "SQLITE_STEPS", 10)
    with override_settings(SEARCH_TIMEOUT_MS=1), pytest.raises(SearchTimeout):
        search("torture detention")
    # The same connection answers the next search, within the usual budget, and works
    # it out: nothing of the stopped one was remembered.
    found = search("torture detention")
    assert found.total == 61  # and the fixture's further information
    assert not found.from_memory


def test_the_budget_can_be_switched_off(archive):
    with override_settings(SEARCH_TIMEOUT_MS=0):
        assert search("torture").total == 2


@pytest.fixture
def timing_out(monkeypatch):
    """Every search runs out of its time budget."""

    def over_budget(*args, **kwargs):
        raise SearchTimeout(5000)

    from lifeline.archive import searching, views
    from lifeline.archive.management.commands import search as command

    # Wherever it was imported (each imported before the patch, so that none keeps it).
    for module in (searching, views, command):
        monkeypatch.setattr(module, "search", over_budget)


def test_the_search_page_says_the_search_was_stopped_with_503(client, timing_out):
    response = client.get("/search/", {"q": "detention"})
    assert response.status_code == 503
    assert response["Retry-After"]
    text = response.content.decode()
    assert "took longer than 5 s and was stopped" in text
    assert 'name="q" value="detention"' in text  # the form stays, to search again


def test_the_api_answers_with_its_error_shape_and_503(client, timing_out):
    response = client.get("/api/v1/search", {"q": "detention"})
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "search_timeout"
    assert "was stopped" in error["message"]


def test_the_command_fails_with_a_message(timing_out):
    with pytest.raises(CommandError, match="took longer than 5 s"):
        call_command("search", "detention")
