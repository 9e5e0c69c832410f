"""Warming: after a change, the searches people made are worked out before they come back."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from lifeline.archive import asked, cache, indexing, search, warming
from lifeline.archive.models import AskedSearch
from lifeline.archive.tasks import enqueue_warming, warm_searches
from tests.archive.processes import SHEETS
from tests.cases.factories import make_case, make_document

pytestmark = pytest.mark.django_db


def answer(result) -> tuple:
    return (result.total, result.facets, result.results, result.next_cursor)


def waiting_warm_tasks() -> int:
    return DBTaskResult.objects.ready().filter(task_path=warm_searches.module_path).count()


def ask(query: str = "", **arguments):
    """A search as the search page and the API make it: asked, then recorded."""
    result = search(query, **arguments)
    asked.record(result, query, **arguments)
    return result


def test_a_warmed_search_is_answered_from_memory_and_matches_a_fresh_one(archive):
    today = archive["today"]
    before = ask("invented", country="cn", today=today)
    make_document(make_case(slug="newcomer", countries=["CN"]), title="Invented newcomer")

    done = warming.warm()

    assert done == 2  # the front page, then "invented" in China
    warmed = search("invented", country="cn", today=today)
    assert warmed.from_memory
    assert warmed.total == before.total + 1  # worked out after the change
    cache.bump()  # out of reach, the same documents
    fresh = search("invented", country="cn", today=today)
    assert not fresh.from_memory
    assert answer(fresh) == answer(warmed)


def test_the_front_page_is_warmed_though_nobody_asked_for_it(archive, client):
    warming.warm()
    front = search("")
    assert front.from_memory
    assert front.total == 5
    client.get("/search/")
    assert not AskedSearch.objects.exists()  # answered from memory: not worked out


def test_the_front_page_is_what_the_search_page_and_the_api_ask(archive, client):
    assert client.get("/search/").status_code == 200
    assert json.loads(AskedSearch.objects.get().question) == warming.FRONT_PAGE
    AskedSearch.objects.all().delete()
    make_document(make_case(slug="changed"), title="Changed")  # nothing remembered now
    assert client.get("/api/v1/search").status_code == 200
    assert json.loads(AskedSearch.objects.get().question) == warming.FRONT_PAGE


def test_the_front_page_is_search_with_its_defaults():
    assert asked.question("") == warming.FRONT_PAGE
    assert warming.FRONT_PAGE["per_page"] == 20
    assert warming.FRONT_PAGE["sort"] == "relevance"
    assert warming.FRONT_PAGE["today"] is None


def test_the_search_page_and_the_api_record_what_they_worked_out(archive, client):
    client.get("/search/", {"q": "torture", "country": "mx", "year": "1999"})
    client.get("/api/v1/search", {"q": "torture", "country": "MX", "year": 1999})
    # One question, however it was asked: the API's search was remembered, and the
    # same search asked in two ways is one question.
    question = json.loads(AskedSearch.objects.get().question)
    assert question["query"] == "torture"
    assert question["country"] == "MX" and question["year"] == 1999
    client.get("/api/v1/search", {"q": "prisoner", "per_page": 5})
    assert AskedSearch.objects.count() == 2


def test_search_itself_records_nothing(archive):
    search("torture", today=archive["today"])
    assert not AskedSearch.objects.exists()


def test_questions_come_most_recent_first_as_they_were_asked(archive):
    today = archive["today"]
    ask("torture", today=today)
    ask("", kind="news", sort="date", per_page=5)
    ask("invented", page=2, per_page=2, today=today)
    ask("torture", today=today)  # remembered: not asked again, so not newer

    found = warming.questions()

    assert found[0] == warming.FRONT_PAGE
    assert [question["query"] for question in found[1:]] == ["invented", "", "torture"]
    assert found[1]["page"] == 2 and found[1]["per_page"] == 2
    assert found[1]["today"] == today  # fixed by its caller, so kept
    assert found[2]["kind"] == "news" and found[2]["today"] is None  # today, whenever warmed


def test_warming_does_not_count_as_asking(archive):
    ask("torture", today=archive["today"])
    recorded = AskedSearch.objects.get().asked
    make_document(make_case(slug="changed"), title="Torture again")
    warming.warm()
    assert AskedSearch.objects.get().asked == recorded  # nor is the front page recorded
    ask("prisoner", today=archive["today"])
    assert AskedSearch.objects.count() == 2  # people asking are


def test_warming_stops_at_its_limit_and_its_time(archive):
    for word in ["torture", "prisoner", "border"]:
        ask(word, today=archive["today"])
    assert len(warming.questions(limit=2)) == 2
    assert warming.warm(limit=2) == 2
    assert warming.warm(seconds=0) == 0


def test_a_question_this_version_no_longer_takes_is_skipped(archive):
    ask("torture", today=archive["today"])
    AskedSearch.objects.create(
        key="x" * 64,
        question=json.dumps({"query": "x", "colour": "red"}),
        asked=dt.datetime.now(dt.UTC),
    )
    make_document(make_case(slug="changed"), title="Torture again")
    assert warming.warm() == 3
    found = search("torture", today=archive["today"])
    assert found.from_memory and found.total == 3


def test_the_asked_searches_stay_bounded(archive, monkeypatch):
    monkeypatch.setattr(asked, "MAX_ASKED", 3)
    for word in ["invented", "torture", "prisoner", "death", "china", "released", "border"]:
        ask(word, today=archive["today"])
    assert AskedSearch.objects.count() == 3
    assert [question["query"] for question in asked.recent(10)] == [
        "border",
        "released",
        "china",
    ]


def test_an_edit_enqueues_one_warming_once_it_commits(archive, django_capture_on_commit_callbacks):
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        make_document(make_case(slug="edited"), title="Invented edit")
        assert waiting_warm_tasks() == 0  # not before the change commits
    assert waiting_warm_tasks() == 1
    with django_capture_on_commit_callbacks(execute=True):
        archive["fi"].save()
    assert waiting_warm_tasks() == 1  # the waiting one will see this change too


def test_changes_made_in_one_warming_enqueue_it_once_at_the_end(
    archive, django_capture_on_commit_callbacks
):
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, indexing.one_warming():
        make_document(make_case(slug="imported"), title="Invented import")
        make_document(make_case(slug="imported-too"), title="Invented import")
        assert waiting_warm_tasks() == 0
    assert enqueue_warming not in callbacks
    assert waiting_warm_tasks() == 1
    DBTaskResult.objects.all().delete()
    with indexing.one_warming():
        pass  # nothing changed: nothing to warm
    assert waiting_warm_tasks() == 0


def test_the_task_warms(archive):
    ask("torture", today=archive["today"])
    make_document(make_case(slug="changed"), title="Torture again")
    assert warm_searches.call() == 2
    found = search("torture", today=archive["today"])
    assert found.from_memory and found.total == 3


def test_the_import_command_queues_warming_and_returns_without_it(archive):
    ask("peru", today=archive["today"])
    out, err = StringIO(), StringIO()
    DBTaskResult.objects.all().delete()
    call_command(
        "import", str(SHEETS / "1997-03-14_ua-087-97.txt"), "--no-progress", stdout=out, stderr=err
    )
    assert out.getvalue() == "imported 1, updated 0, skipped 0, failed 0\n"
    assert waiting_warm_tasks() == 1  # for the worker
    # The command warmed nothing itself.
    assert not search("", today=archive["today"]).from_memory
    assert not search("peru", today=archive["today"]).from_memory
    assert warm_searches.call() == 2
    found = search("peru", today=archive["today"])
    assert found.from_memory and found.total == 1


def test_an_import_that_changes_nothing_queues_nothing(archive):
    call_command(
        "import", str(SHEETS / "1997-03-14_ua-087-97.txt"), "--no-progress", stdout=StringIO()
    )
    DBTaskResult.objects.all().delete()
    call_command(
        "import", str(SHEETS / "1997-03-14_ua-087-97.txt"), "--no-progress", stdout=StringIO()
    )
    assert waiting_warm_tasks() == 0


def test_reindex_queues_warming(archive):
    DBTaskResult.objects.all().delete()
    call_command("reindex", "--no-progress", stdout=StringIO())
    assert waiting_warm_tasks() == 1


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
