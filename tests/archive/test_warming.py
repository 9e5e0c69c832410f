"""Warming: after a change, the searches people made are worked out before they come back."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from lifeline.archive import cache, search, warming
from lifeline.archive.models import AskedSearch, RememberedSearch
from lifeline.archive.tasks import warm_searches
from tests.archive.processes import SHEETS
from tests.cases.factories import make_case, make_document

pytestmark = pytest.mark.django_db


def answer(result) -> tuple:
    return (result.total, result.facets, result.results, result.next_cursor)


def waiting_warm_tasks() -> int:
    return DBTaskResult.objects.ready().filter(task_path=warm_searches.module_path).count()


def test_a_warmed_search_is_answered_from_memory_and_matches_a_fresh_one(
    archive, django_assert_num_queries
):
    today = archive["today"]
    before = search("invented", country="cn", today=today)
    make_document(make_case(slug="newcomer", countries=["CN"]), title="Invented newcomer")

    asked = warming.warm()

    assert asked == 2  # the front page, then "invented" in China
    with django_assert_num_queries(1):
        warmed = search("invented", country="cn", today=today)
    assert warmed.total == before.total + 1  # worked out after the change
    RememberedSearch.objects.all().delete()
    assert answer(search("invented", country="cn", today=today)) == answer(warmed)


def test_the_front_page_is_warmed_though_nobody_asked_for_it(archive, django_assert_num_queries):
    warming.warm()
    with django_assert_num_queries(1):
        front = search("")
    RememberedSearch.objects.all().delete()
    assert answer(front) == answer(search(""))
    assert front.total == 5


def test_the_front_page_is_asked_as_the_search_page_asks_it(archive, client):
    assert client.get("/search/").status_code == 200
    assert json.loads(AskedSearch.objects.get().question) == warming.FRONT_PAGE


def test_questions_come_most_recent_first_as_they_were_asked(archive):
    today = archive["today"]
    search("torture", today=today)
    search("", kind="news", sort="date", per_page=5)
    search("invented", page=2, per_page=2, today=today)
    search("torture", today=today)  # remembered: not asked again, so not newer

    found = warming.questions()

    assert found[0] == warming.FRONT_PAGE
    assert [question["query"] for question in found[1:]] == ["invented", "", "torture"]
    assert found[1]["page"] == 2 and found[1]["per_page"] == 2
    assert found[1]["today"] == today  # fixed by its caller, so kept
    assert found[2]["kind"] == "news" and found[2]["today"] is None  # today, whenever warmed


def test_warming_does_not_count_as_asking(archive):
    search("torture", today=archive["today"])
    asked = AskedSearch.objects.get().asked
    make_document(make_case(slug="changed"), title="Torture again")
    warming.warm()
    assert AskedSearch.objects.get().asked == asked  # nor is the front page recorded
    search("prisoner", today=archive["today"])
    assert AskedSearch.objects.count() == 2  # people asking are


def test_warming_stops_at_its_limit_and_its_time(archive):
    for word in ["torture", "prisoner", "border"]:
        search(word, today=archive["today"])
    assert len(warming.questions(limit=2)) == 2
    assert warming.warm(limit=2) == 2
    assert warming.warm(seconds=0) == 0


def test_a_question_this_version_no_longer_takes_is_skipped(archive, django_assert_num_queries):
    search("torture", today=archive["today"])
    AskedSearch.objects.create(
        key="x" * 64,
        question=json.dumps({"query": "x", "colour": "red"}),
        asked=dt.datetime.now(dt.UTC),
    )
    make_document(make_case(slug="changed"), title="Torture again")
    assert warming.warm() == 3
    with django_assert_num_queries(1):
        assert search("torture", today=archive["today"]).total == 3


def test_the_asked_searches_stay_bounded(archive, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ASKED", 3)
    monkeypatch.setattr(cache, "PRUNE_EVERY", 1)
    for word in ["invented", "torture", "prisoner", "death", "china", "released", "border"]:
        search(word, today=archive["today"])
    assert AskedSearch.objects.count() <= 3 + 1
    assert warming.questions()[1]["query"] == "border"


def test_an_edit_enqueues_one_warming_once_it_commits(archive, django_capture_on_commit_callbacks):
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        make_document(make_case(slug="edited"), title="Invented edit")
        assert waiting_warm_tasks() == 0  # not before the change commits
    assert waiting_warm_tasks() == 1
    with django_capture_on_commit_callbacks(execute=True):
        archive["fi"].save()
    assert waiting_warm_tasks() == 1  # the waiting one will see this change too


def test_nothing_is_enqueued_while_warming_is_deferred(archive, django_capture_on_commit_callbacks):
    DBTaskResult.objects.all().delete()
    with warming.deferred(), django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_document(make_case(slug="imported"), title="Invented import")
    assert warming._enqueue not in callbacks
    assert waiting_warm_tasks() == 0


def test_the_task_warms(archive, django_assert_num_queries):
    search("torture", today=archive["today"])
    make_document(make_case(slug="changed"), title="Torture again")
    assert warm_searches.call() == 2
    with django_assert_num_queries(1):
        assert search("torture", today=archive["today"]).total == 3


def test_the_import_command_warms_once_at_the_end(archive, django_assert_num_queries):
    search("peru", today=archive["today"])
    out, err = StringIO(), StringIO()
    DBTaskResult.objects.all().delete()
    call_command(
        "import", str(SHEETS / "1997-03-14_ua-087-97.txt"), "--no-progress", stdout=out, stderr=err
    )
    assert out.getvalue() == "imported 1, updated 0, skipped 0, failed 0\n"
    assert waiting_warm_tasks() == 0
    with django_assert_num_queries(1):
        assert search("peru", today=archive["today"]).total == 1


def test_reindex_warms(archive, django_assert_num_queries):
    search("torture", today=archive["today"])
    call_command("reindex", "--no-progress", stdout=StringIO())
    with django_assert_num_queries(1):
        assert search("torture", today=archive["today"]).total == 2


@pytest.mark.parametrize("failing", ["entries", "case"])
def test_the_generation_moves_only_with_the_change_it_marks(archive, monkeypatch, failing):
    """Bumped in the change's own transaction: a change that fails leaves it alone."""
    from lifeline.archive.models import IndexState, SearchEntry, SearchText

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    before = IndexState.objects.get().generation
    document = archive["fi"]
    if failing == "entries":
        monkeypatch.setattr(SearchText.objects, "bulk_create", broken)
        change = document.save
    else:
        monkeypatch.setattr(SearchEntry.objects, "filter", broken)
        change = document.case.save
    with pytest.raises(RuntimeError):
        change()
    assert IndexState.objects.get().generation == before
