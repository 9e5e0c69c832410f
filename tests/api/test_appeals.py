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
