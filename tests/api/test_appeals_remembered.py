"""Recording an appeal from what the process remembers: one INSERT that the database
checks against the revision it was read at, the key and the client's limit."""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lifeline.actions import appeals
from lifeline.actions.models import Appeal
from lifeline.api.models import ApiToken
from lifeline.cases.models import Case, Document, GroupTarget, Target
from tests.api.helpers import Api, assert_error
from tests.api.test_appeals import appeal_for, record
from tests.cases.factories import make_action_case, make_document

pytestmark = pytest.mark.django_db


def test_the_second_appeal_about_a_document_is_one_statement(member_api, member):
    _, document = make_action_case()
    assert record(member_api, document).status_code == 201

    key = uuid.uuid4()
    payload = appeal_for(document)

    with CaptureQueriesContext(connection) as queries:
        response = member_api.post("/appeals", payload, headers={"Idempotency-Key": str(key)})

    assert response.status_code == 201, response.content
    # Only the token check (see test_token_trust.py) besides the one INSERT.
    statements = [query["sql"] for query in queries if "api_apitoken" not in query["sql"]]
    assert len(statements) == 1 and "ON CONFLICT" in statements[0]
    appeal = Appeal.objects.get(key=key)
    body = response.json()
    assert body["code"] == str(appeal.code) and body["case"] == document.case.slug
    assert body["sent"] == appeal.sent.isoformat()
    assert appeal.writer == member and appeal.channel == "letter" and appeal.language == "es"
    assert appeal.client  # the limit's key is kept as on the full path


def test_a_retry_after_a_remembered_appeal_answers_the_same(member_api):
    _, document = make_action_case()
    record(member_api, document)
    key = uuid.uuid4()

    first = record(member_api, document, key=key)
    again = record(member_api, document, key=key)

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert Appeal.objects.filter(key=key).count() == 1


def test_a_case_closed_elsewhere_takes_no_appeal_from_memory(member_api):
    case, document = make_action_case()
    record(member_api, document)
    # As another process would close it: nothing here hears of it.
    Case.objects.filter(pk=case.pk).update(closed=True, updated=timezone.now())

    error = assert_error(record(member_api, document), 422, "unprocessable")

    assert "closed" in error["details"][0]["message"]
    assert Appeal.objects.count() == 1


def test_an_official_changed_elsewhere_is_read_again(member_api):
    _, document = make_action_case()
    assert record(member_api, document, channel="fax").status_code == 201
    target = document.groups.get().targets.get()
    Target.objects.filter(pk=target.pk).update(fax=[], updated=timezone.now())

    error = assert_error(record(member_api, document, channel="fax"), 422, "unprocessable")

    assert "has no fax number" in error["details"][0]["message"]
    assert record(member_api, document, channel="letter").status_code == 201


def test_an_official_no_longer_named_by_the_document_is_refused(member_api):
    _, document = make_action_case()
    payload = appeal_for(document)
    record(member_api, document)
    GroupTarget.objects.filter(group__document=document).delete()

    error = assert_error(
        member_api.post("/appeals", payload, headers={"Idempotency-Key": str(uuid.uuid4())}),
        422,
        "unprocessable",
    )

    assert error["details"][0]["field"] == "body.target"


def test_a_document_edited_is_read_again_and_remembered_at_its_new_revision(member_api):
    case, document = make_action_case()
    record(member_api, document)
    document.title = "New title"
    document.save()
    stop = make_document(case, kind="stop_action")
    case.refresh_summary()
    stop.delete()  # the case stays closed until its summary is refreshed

    assert_error(record(member_api, document), 422, "unprocessable")
    case.refresh_summary()
    assert record(member_api, document).status_code == 201

    target = document.groups.get().targets.get()
    facts = appeals.known((document.code, target.code))
    fresh = Document.objects.get(pk=document.pk)
    assert facts.revision[0] == fresh.updated and not facts.closed


def test_the_limit_per_client_holds_for_remembered_appeals(member_api, settings):
    settings.APPEAL_RECORDS_PER_CLIENT_PER_HOUR = 3
    _, document = make_action_case()
    keys = [uuid.uuid4() for _ in range(3)]
    for key in keys:
        assert record(member_api, document, key=key).status_code == 201

    assert_error(record(member_api, document), 429, "too_many_requests")
    assert record(member_api, document, key=keys[1]).status_code == 200
    assert Appeal.objects.count() == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency runs on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_requests_racing_with_one_key_record_one_appeal_from_memory(member):
    _, document = make_action_case()
    _row, secret = ApiToken.issue(member)
    assert record(Api(Client(), secret), document).status_code == 201  # remembered now
    key = uuid.uuid4()
    barrier = threading.Barrier(2)
    answers = []

    def post():
        try:
            api = Api(Client(), secret)
            barrier.wait()
            answers.append(
                api.post("/appeals", appeal_for(document), headers={"Idempotency-Key": str(key)})
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answer.status_code for answer in answers) == [200, 201]
    assert answers[0].json() == answers[1].json()
    assert Appeal.objects.filter(key=key).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency runs on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_the_insert_settles_a_race_on_one_key_by_itself(member):
    """Both threads insert from memory at once: ON CONFLICT lets exactly one through."""
    _, document = make_action_case()
    target = document.groups.get().targets.get()
    facts = appeals.Recordable.read(document, document.case, target, ("letter",))
    key = uuid.uuid4()
    barrier = threading.Barrier(2)
    results = []

    def insert():
        try:
            barrier.wait()
            results.append(
                appeals.record_known(facts, key=key, channel="letter", language="en", writer=member)
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=insert) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    recorded = [appeal for appeal in results if appeal is not None]
    assert len(results) == 2 and len(recorded) == 1
    assert Appeal.objects.get(key=key).pk == recorded[0].pk
