"""Remembered searches: the same answer as computing it, never stale, never in the way."""

import datetime as dt
import json
import sqlite3
import subprocess

import pytest
import redis
from django.conf import settings
from django.db import connection, transaction

from lifeline.archive import cache, search
from lifeline.archive.models import IndexState
from lifeline.cases.importing import import_paths
from lifeline.cases.models import Concern
from tests.archive.conftest import REDIS_BACKEND, TEST_REDIS_URL
from tests.archive.processes import (
    LIFELINE,
    SHEETS,
    lifeline,
    sqlite_file_environment,
)
from tests.cases.factories import make_case, make_document

pytestmark = pytest.mark.django_db


def answer(result) -> tuple:
    return (result.total, result.facets, result.results, result.next_cursor)


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
    assert not computed.from_memory
    remembered = search(query, today=today, **options)
    assert remembered.from_memory
    assert answer(remembered) == answer(computed)
    # Facets keep their order (most frequent first).
    assert [list(counts) for counts in remembered.facets.values()] == [
        list(counts) for counts in computed.facets.values()
    ]


def test_a_remembered_search_costs_the_generation_and_one_cache_read(
    archive, django_assert_num_queries
):
    search("invented", today=archive["today"])
    on_redis = settings.CACHES["default"]["BACKEND"] == REDIS_BACKEND
    with django_assert_num_queries(1 if on_redis else 2):
        assert search("invented", today=archive["today"]).from_memory


def test_the_next_page_reuses_the_facet_counts(archive, django_assert_max_num_queries):
    first = search("", sort="date", per_page=2, today=archive["today"])
    with django_assert_max_num_queries(16) as captured:
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


def test_each_change_gives_a_generation_never_seen_before(archive):
    today = archive["today"]
    search("invented", today=today)
    seen = {cache.namespace(today)}
    for n in range(3):
        make_document(make_case(slug=f"another-{n}"), title="Invented again")
        seen.add(cache.namespace(today))
        assert not search("invented", today=today).from_memory
    assert len(seen) == 4


def test_a_new_day_reads_the_same_answers_until_a_deadline_passes(archive):
    """The date is not in the key: only the next deadline to pass is (see cache.py)."""
    today = archive["today"]  # the open case's deadline is 30 days ahead
    first = search("", today=today)

    next_day = search("", today=today + dt.timedelta(days=1))
    assert next_day.from_memory
    assert answer(next_day) == answer(first)

    after_the_deadline = search("", today=today + dt.timedelta(days=31))
    assert not after_the_deadline.from_memory
    # Its two documents are past their deadline now.
    before, after = first.facets["status"], after_the_deadline.facets["status"]
    assert after["open"] == before["open"] - 2
    assert after["past_deadline"] == before["past_deadline"] + 2


def test_without_its_state_row_the_archive_searches_without_remembering(archive):
    IndexState.objects.all().delete()
    assert search("invented", today=archive["today"]).total == 4
    assert not search("invented", today=archive["today"]).from_memory
    cache.bump()  # the next change makes the row again
    assert IndexState.objects.exists()
    search("invented", today=archive["today"])
    assert search("invented", today=archive["today"]).from_memory


def test_a_search_whose_answer_cannot_be_stored_still_answers(archive, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("the cache is gone")

    monkeypatch.setattr(type(cache.caches["default"]), "set_many", broken)
    monkeypatch.setattr(type(cache.caches["default"]), "get_many", broken)
    assert search("invented", today=archive["today"]).total == 4


def test_the_archive_remembers_in_redis_when_redis_is_the_cache(
    archive, redis_cache, django_assert_num_queries
):
    today = archive["today"]
    computed = search("invented", today=today)
    client = redis_cache._cache.get_client()
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    stored = sorted(key.decode() for key in client.scan_iter(f"{prefix}:*"))
    space = cache.namespace(today)
    assert len(stored) == 2  # the facet counts and the page
    assert all(key.startswith(f"{prefix}:1:{space}:") for key in stored)
    with django_assert_num_queries(1):  # the generation; the answer comes from Redis
        remembered = search("invented", today=today)
    assert remembered.from_memory
    assert answer(remembered) == answer(computed)


def test_an_answer_remembered_in_a_rolled_back_change_is_never_read(archive, redis_cache):
    """Redis keeps what a transaction remembered though the transaction rolls back: the
    next change must not get that transaction's generation back."""
    today = archive["today"]

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        make_document(make_case(slug="undone"), title="Zanzibar, invented")
        assert search("zanzibar", today=today).total == 1  # remembered in Redis
        raise RolledBack

    make_document(make_case(slug="kept"), title="Another invented sheet")
    found = search("zanzibar", today=today)
    assert not found.from_memory
    assert found.total == 0


EDIT = (
    "from lifeline.cases.models import Document; "
    "document = Document.objects.get(); "
    "document.body += ' The invented zanzibar clause.'; "
    "document.save()"
)
# A process that stays up, as a web server's does: one search per line on stdin, the
# total and whether it came from memory on stdout.
SEARCHER = (
    "import sys\n"
    "from lifeline.archive import search\n"
    "for line in sys.stdin:\n"
    "    found = search(line.strip())\n"
    "    print(found.total, found.from_memory, flush=True)\n"
)


@pytest.mark.parametrize("backend", ["database", "redis"])
def test_a_change_in_another_process_makes_an_answer_unreachable_at_once(
    tmp_path, backend, request
):
    """On a SQLite file, as deployed, with the database cache or Redis."""
    env = sqlite_file_environment(tmp_path)
    env.pop("REDIS_URL", None)
    if backend == "redis":
        request.getfixturevalue("redis_cache")  # skips where no Redis answers
        env["REDIS_URL"] = TEST_REDIS_URL
    lifeline(env, "migrate", "--noinput", "-v0")
    lifeline(env, "import", "--no-progress", str(SHEETS / "1997-03-14_ua-087-97.txt"))
    searcher = subprocess.Popen(
        [LIFELINE, "shell", "-v0", "-c", SEARCHER],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def ask(words: str) -> str:
        searcher.stdin.write(words + "\n")
        searcher.stdin.flush()
        return searcher.stdout.readline().strip()

    database = sqlite3.connect(tmp_path / "lifeline.sqlite3")

    def generation() -> int:
        return database.execute("SELECT generation FROM archive_indexstate").fetchone()[0]

    before = generation()
    try:
        assert ask("zanzibar") == "0 False"
        assert ask("zanzibar") == "0 True"  # remembered
        lifeline(env, "shell", "-c", EDIT)  # another process changes the index
        assert generation() != before
        assert ask("zanzibar") == "1 False"
        assert ask("zanzibar") == "1 True"
    finally:
        searcher.stdin.close()
        searcher.wait(timeout=60)
        if backend == "redis":  # the keys of this test's own generations
            client = redis.Redis.from_url(TEST_REDIS_URL)
            for number in {before, generation()}:
                for key in client.scan_iter(f":1:archive:{number}:*"):
                    client.delete(key)
        database.close()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's single write lock")
def test_a_search_does_not_wait_behind_an_import_to_remember(tmp_path):
    """On a SQLite file, as deployed (the suite's own database is in memory)."""
    env = sqlite_file_environment(tmp_path)
    env.pop("REDIS_URL", None)  # the database's cache table is what would wait
    lifeline(env, "migrate", "--noinput", "-v0")
    lifeline(env, "import", str(SHEETS / "1997-03-14_ua-087-97.txt"))
    database = sqlite3.connect(tmp_path / "lifeline.sqlite3", isolation_level=None)
    remembered = "SELECT COUNT(*) FROM lifeline_cache WHERE cache_key LIKE '%archive:%'"
    before = database.execute(remembered).fetchone()[0]

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
