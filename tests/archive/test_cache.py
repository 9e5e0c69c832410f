"""Remembered searches: the same answer as computing it, never stale, never in the way."""

import json
import sqlite3

import pytest
from django.db import connection

from lifeline.archive import cache, search
from lifeline.archive.models import IndexState, RememberedSearch
from lifeline.cases.importing import import_paths
from lifeline.cases.models import Concern
from tests.archive.processes import SHEETS, lifeline, sqlite_file_environment
from tests.cases.factories import make_case, make_document

pytestmark = pytest.mark.django_db


def answer(result) -> tuple:
    return (result.total, result.facets, result.results, result.next_cursor)


def forget():
    RememberedSearch.objects.all().delete()


@pytest.mark.parametrize(
    ("query", "options"),
    [
        ("invented", {}),
        ("", {}),
        ("", {"sort": "date", "per_page": 2}),
        ("tort*", {"country": "mx"}),
        ('"prisoner of conscience"', {"status": "open"}),
        ("invented", {"page": 2, "per_page": 2}),
    ],
)
def test_a_remembered_search_gives_exactly_what_computing_it_gives(archive, query, options):
    today = archive["today"]
    computed = search(query, today=today, **options)
    assert RememberedSearch.objects.count() == 2  # its facet counts and its page
    remembered = search(query, today=today, **options)
    assert answer(remembered) == answer(computed)
    # Facets keep their order (most frequent first), which jsonb would not.
    assert [list(counts) for counts in remembered.facets.values()] == [
        list(counts) for counts in computed.facets.values()
    ]


def test_a_remembered_search_costs_one_query(archive, django_assert_num_queries):
    search("invented", today=archive["today"])
    with django_assert_num_queries(1):
        search("invented", today=archive["today"])


def test_the_next_page_reuses_the_facet_counts(archive, django_assert_max_num_queries):
    first = search("", sort="date", per_page=2, today=archive["today"])
    with django_assert_max_num_queries(11) as captured:
        second = search("", sort="date", per_page=2, cursor=first.next_cursor)
    assert not [query for query in captured.captured_queries if "GROUP BY" in query["sql"]]
    assert second.facets == first.facets
    assert not {hit.document_id for hit in second.results} & {
        hit.document_id for hit in first.results
    }


def test_every_change_to_the_index_makes_remembered_searches_stale(archive):
    today = archive["today"]
    assert search("invented", today=today).total == 4

    make_document(make_case(slug="new-case", countries=["TR"]), title="Invented newcomer")
    after_new = search("invented", today=today)
    assert after_new.total == 5
    assert after_new.facets["country"]["TR"] == 1

    archive["news"].delete()
    assert search("invented", today=today).total == 4

    fi = archive["fi"]
    fi.title = "Renamed update"
    fi.body = "Nothing searchable here any more."
    fi.save()
    assert search("invented", today=today).total == 3

    assert search("invented", status="closed", today=today).total == 0
    case = archive["ua"].case
    case.closed = True
    case.save()
    assert search("invented", status="closed", today=today).total == 1

    concern = Concern.objects.get(name="Death penalty")
    before = search("invented", today=today).facets["concern"]
    concern.slug = "capital-punishment"
    concern.save()
    after = search("invented", today=today).facets["concern"]
    assert before["death-penalty"] == after["capital-punishment"] == 1
    assert "death-penalty" not in after


def test_an_import_makes_remembered_searches_stale(archive):
    today = archive["today"]
    assert search("peru", today=today).total == 0
    import_paths([SHEETS / "1997-03-14_ua-087-97.txt"])
    assert search("peru", today=today).total == 1


def test_earlier_generations_are_dropped_when_a_newer_one_is_remembered(archive):
    search("invented", today=archive["today"])
    old = IndexState.objects.get().generation
    make_document(make_case(slug="another"), title="Invented again")
    new = IndexState.objects.get().generation
    assert new > old
    search("invented", today=archive["today"])
    assert not RememberedSearch.objects.filter(generation=old).exists()
    assert RememberedSearch.objects.filter(generation=new).count() == 2


def test_without_its_state_row_the_archive_searches_without_remembering(archive):
    IndexState.objects.all().delete()
    assert search("invented", today=archive["today"]).total == 4
    assert not RememberedSearch.objects.exists()
    cache.index_changed()  # the next change makes the row again
    assert IndexState.objects.get().generation == 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's single write lock")
def test_a_search_does_not_wait_behind_an_import_to_remember(tmp_path):
    """On a SQLite file, as deployed (the suite's own database is in memory)."""
    env = sqlite_file_environment(tmp_path)
    lifeline(env, "migrate", "--noinput", "-v0")
    lifeline(env, "import", str(SHEETS / "1997-03-14_ua-087-97.txt"))
    database = sqlite3.connect(tmp_path / "lifeline.sqlite3", isolation_level=None)
    remembered = "SELECT COUNT(*) FROM archive_rememberedsearch"
    before = database.execute(remembered).fetchone()[0]  # the import warmed the front page

    database.execute("BEGIN IMMEDIATE")  # an import in progress holds the write lock
    try:
        # It answers well within the 20 s a writer would wait for the lock ...
        busy = lifeline(env, "search", "--json", "peru", timeout=10)
        assert json.loads(busy.stdout)["total"] == 1
    finally:
        database.execute("ROLLBACK")
    # ... and only remembers once nothing holds the lock.
    assert database.execute(remembered).fetchone()[0] == before
    lifeline(env, "search", "--json", "peru")
    assert database.execute(remembered).fetchone()[0] == before + 2
    database.close()


@pytest.mark.parametrize(
    ("query", "sort", "offset", "per_page"),
    [("invented", "relevance", 0, 2), ("invented", "relevance", 2, 2), ("tort*", "date", 0, 1)],
)
def test_one_pass_finds_the_page_the_page_query_finds(archive, query, sort, offset, per_page):
    from django.db import connection

    from lifeline.archive.engines import engine_for
    from lifeline.archive.query import parse_query
    from lifeline.archive.searching import _facets, _Plan, clean_filters, page_ids

    today = archive["today"]
    plan = _Plan(engine_for(connection.vendor), parse_query(query), clean_filters(), today, False)
    facets, rows = _facets(plan, today, (sort, offset, None, per_page))
    assert facets == _facets(plan, today)
    expected = page_ids(plan, sort, offset, None, per_page)
    assert [row[0] for row in rows] == [row[0] for row in expected]
    assert [round(row[1], 6) for row in rows] == [round(row[1], 6) for row in expected]


def test_the_remembered_searches_stay_bounded(archive, monkeypatch):
    monkeypatch.setattr(cache, "MAX_REMEMBERED", 6)
    monkeypatch.setattr(cache, "PRUNE_EVERY", 2)
    for word in ["invented", "torture", "prisoner", "death", "china", "released", "border"]:
        search(word, today=archive["today"])
    assert RememberedSearch.objects.count() <= 6 + 2 * 2
    # The newest stay.
    assert search("border", today=archive["today"]).total == 1
