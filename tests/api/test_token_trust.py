"""A process trusts a token it has checked for a few seconds; revoking it still
takes effect within that time everywhere, and at once in the revoking process."""

import datetime as dt
import uuid

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lifeline.api import auth
from lifeline.api.models import ApiToken
from tests.api.helpers import Api, assert_error
from tests.api.test_appeals import appeal_for
from tests.cases.factories import make_action_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(member):
    return ApiToken.issue(member)


def post(api, payload):
    return api.post("/appeals", payload, headers={"Idempotency-Key": str(uuid.uuid4())})


def later(seconds):
    return time_machine.travel(timezone.now() + dt.timedelta(seconds=seconds), tick=False)


def test_a_token_checked_a_moment_ago_costs_no_query(client, token):
    _, document = make_action_case()
    payload = appeal_for(document)
    api = Api(client, token[1])
    assert post(api, payload).status_code == 201

    with CaptureQueriesContext(connection) as queries:
        assert post(api, payload).status_code == 201

    assert not [query for query in queries if "api_apitoken" in query["sql"]]


def test_a_token_revoked_in_this_process_is_refused_at_once(client, token):
    _, document = make_action_case()
    payload = appeal_for(document)
    api = Api(client, token[1])
    assert post(api, payload).status_code == 201

    row = token[0]
    row.revoked = timezone.now()
    row.save()

    assert_error(post(api, payload), 401, "not_authenticated")


def test_a_token_revoked_elsewhere_is_refused_within_the_trust_time(client, token):
    _, document = make_action_case()
    payload = appeal_for(document)
    api = Api(client, token[1])
    assert post(api, payload).status_code == 201

    # As another process (or the database by hand) would revoke it: no signal here.
    ApiToken.objects.filter(pk=token[0].pk).update(revoked=timezone.now())

    with later(auth.TRUST_SECONDS + 1):
        assert_error(post(api, payload), 401, "not_authenticated")


def test_a_user_deactivated_elsewhere_loses_the_token_within_the_trust_time(client, token, member):
    _, document = make_action_case()
    payload = appeal_for(document)
    api = Api(client, token[1])
    assert post(api, payload).status_code == 201

    type(member).objects.filter(pk=member.pk).update(is_active=False)

    with later(auth.TRUST_SECONDS + 1):
        assert_error(post(api, payload), 401, "not_authenticated")


def test_a_wrong_token_is_never_trusted(client, token):
    _, document = make_action_case()
    payload = appeal_for(document)
    secret = token[1]
    wrong = Api(client, secret[:-1] + ("A" if secret[-1] != "A" else "B"))

    for _ in range(2):
        assert_error(post(wrong, payload), 401, "not_authenticated")
    assert auth._trusted == {}
