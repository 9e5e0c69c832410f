"""POST /api/v1/appeals with an idempotency key, and GET /api/v1/cases/{slug}/appeals."""

import uuid

import pytest

from lifeline.actions.models import Appeal
from tests.api.helpers import assert_error
from tests.cases.factories import (
    make_action_case,
    make_case,
    make_document,
    make_group,
    make_target,
)

pytestmark = pytest.mark.django_db


def appeal_for(document, **fields):
    target = document.groups.get().targets.get()
    return {
        "document": str(document.code),
        "target": str(target.code),
        "channel": "letter",
        "language": "es",
    } | fields


def test_recording_an_appeal_answers_201_then_200_for_the_same_key(member_api, member):
    case, document = make_action_case()
    key = str(uuid.uuid4())

    first = member_api.post("/appeals", appeal_for(document), headers={"Idempotency-Key": key})
    again = member_api.post("/appeals", appeal_for(document), headers={"Idempotency-Key": key})

    assert first.status_code == 201, first.content
    assert again.status_code == 200, again.content
    assert again.json() == first.json()
    assert first.json()["case"] == case.slug
    appeal = Appeal.objects.get()
    assert appeal.writer == member
    assert str(appeal.key) == key


def test_a_new_key_records_another_appeal(member_api):
    _, document = make_action_case()

    for _ in range(2):
        response = member_api.post(
            "/appeals", appeal_for(document), headers={"Idempotency-Key": str(uuid.uuid4())}
        )
        assert response.status_code == 201

    assert Appeal.objects.count() == 2


def test_the_same_key_for_a_different_appeal_is_a_409(member_api):
    _, document = make_action_case()
    key = str(uuid.uuid4())
    member_api.post("/appeals", appeal_for(document), headers={"Idempotency-Key": key})

    assert_error(
        member_api.post(
            "/appeals", appeal_for(document, channel="fax"), headers={"Idempotency-Key": key}
        ),
        409,
        "conflict",
    )
    assert Appeal.objects.get().channel == "letter"


@pytest.mark.parametrize(
    ("headers", "field"),
    [({}, "header.Idempotency-Key"), ({"Idempotency-Key": "again"}, "header.Idempotency-Key")],
)
def test_the_key_is_required_and_must_be_a_uuid(member_api, headers, field):
    _, document = make_action_case()

    error = assert_error(
        member_api.post("/appeals", appeal_for(document), headers=headers), 400, "invalid_request"
    )

    assert [detail["field"] for detail in error["details"]] == [field]
    assert not Appeal.objects.exists()


def test_an_official_the_document_does_not_name_is_a_422(member_api):
    _, document = make_action_case()
    stranger = make_target()

    error = assert_error(
        member_api.post(
            "/appeals",
            appeal_for(document, target=str(stranger.code)),
            headers={"Idempotency-Key": str(uuid.uuid4())},
        ),
        422,
        "unprocessable",
    )
    assert error["details"][0]["field"] == "body.target"


def test_a_news_release_takes_no_appeals(member_api):
    news = make_document(make_case(), kind="news")
    target = make_target()
    make_group(news, targets=[target])

    error = assert_error(
        member_api.post(
            "/appeals", appeal_for(news), headers={"Idempotency-Key": str(uuid.uuid4())}
        ),
        422,
        "unprocessable",
    )
    assert error["details"][0]["field"] == "body.document"


def test_an_unknown_document_is_a_404_and_no_token_a_401(api, member_api):
    body = {
        "document": str(uuid.uuid4()),
        "target": str(uuid.uuid4()),
        "channel": "email",
        "language": "en",
    }
    key = {"Idempotency-Key": str(uuid.uuid4())}

    assert_error(member_api.post("/appeals", body, headers=key), 404, "not_found")
    assert_error(api.post("/appeals", body, headers=key), 401, "not_authenticated")


def test_counts_per_case_channel_and_official(member_api, api):
    case, document = make_action_case()
    for channel in ("letter", "letter", "fax"):
        member_api.post(
            "/appeals",
            appeal_for(document, channel=channel),
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )

    body = api.get(f"/cases/{case.slug}/appeals").json()
    listed = api.get("/cases").json()["results"][0]

    assert body["total"] == 3
    assert body["by_channel"] == {"letter": 2, "fax": 1}
    [target] = body["targets"]
    assert target["name"] == "Lic. Ficticio Gobernador, Governor of Example State"
    assert target["by_channel"] == {"letter": 2, "fax": 1}
    assert listed["appeals"] == 3
    assert api.get(f"/cases/{case.slug}").json()["appeals"] == 3
    assert_error(api.get("/cases/nope/appeals"), 404, "not_found")


def record(api, document, key=None, **fields):
    headers = {"Idempotency-Key": str(key or uuid.uuid4())}
    return api.post("/appeals", appeal_for(document, **fields), headers=headers)


def test_a_closed_case_takes_no_new_appeals_but_a_retry_still_answers(member_api):
    case, document = make_action_case()
    key = uuid.uuid4()
    assert record(member_api, document, key=key).status_code == 201
    make_document(case, kind="stop_action")
    case.refresh_summary()

    error = assert_error(record(member_api, document), 422, "unprocessable")

    assert error["details"][0]["field"] == "body.document"
    assert "closed" in error["details"][0]["message"]
    assert record(member_api, document, key=key).status_code == 200
    assert Appeal.objects.count() == 1


@pytest.mark.parametrize(("channel", "missing"), [("fax", "fax number"), ("email", "email")])
def test_a_channel_the_official_cannot_be_reached_by_is_a_422(member_api, channel, missing):
    document = make_document(make_case())
    make_group(document, targets=[make_target(fax=[], email=[])])

    error = assert_error(record(member_api, document, channel=channel), 422, "unprocessable")

    assert error["details"][0]["field"] == "body.channel"
    assert f"has no {missing}" in error["details"][0]["message"]
    assert record(member_api, document, channel="letter").status_code == 201
    assert Appeal.objects.count() == 1


def test_recording_is_limited_per_client_address(member_api, settings):
    settings.APPEAL_RECORDS_PER_CLIENT_PER_HOUR = 3
    _, document = make_action_case()
    keys = [uuid.uuid4() for _ in range(3)]
    for key in keys:
        assert record(member_api, document, key=key).status_code == 201

    error = assert_error(record(member_api, document), 429, "too_many_requests")

    assert "network address" in error["message"]
    assert record(member_api, document, key=keys[0]).status_code == 200  # a retry still answers
    assert Appeal.objects.count() == 3


def test_anonymous_appeals_count_once_per_browser_official_and_channel(member_api, api, client):
    from tests.actions.test_appeals import mark_sent

    case, document = make_action_case()
    client.get(f"/cases/{case.slug}/write/")  # the letter page gives the browser its id
    for _ in range(5):
        mark_sent(client, case, channel="fax")
    record(member_api, document, channel="fax")
    record(member_api, document, channel="fax")

    body = api.get(f"/cases/{case.slug}/appeals").json()

    assert Appeal.objects.count() == 7
    assert body["total"] == 3 and body["by_channel"] == {"fax": 3}
    assert api.get("/cases").json()["results"][0]["appeals"] == 3
