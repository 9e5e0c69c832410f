"""Claiming and releasing outbox rows in one process (the multi-process tests are separate)."""

import datetime as dt

import pytest
from django.utils import timezone

from lifeline.network import outbox
from lifeline.network.models import Delivery, DeliveryState
from lifeline.network.publishing import publish
from tests.cases.factories import make_case, make_document
from tests.network.factories import make_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued():
    make_members(5)
    publish(make_document(make_case()))


def test_a_claimed_row_is_not_claimed_again_while_its_lease_runs(queued):
    _, first = outbox.claim(3)
    _, second = outbox.claim(10)
    assert len(first) == 3
    assert len(second) == 2
    assert not {d.pk for d in first} & {d.pk for d in second}
    assert outbox.claim(10)[1] == []
    assert all(d.attempts == 1 for d in first + second)


def test_a_dead_workers_rows_are_taken_over_after_the_lease_and_its_late_mark_fails(queued):
    token, rows = outbox.claim(5)
    later = timezone.now() + dt.timedelta(seconds=3600)
    other, taken = outbox.claim(5, now=later)
    assert {d.pk for d in taken} == {d.pk for d in rows}
    assert outbox.mark_sent(rows[:1], token) is False  # the old claim is gone
    assert outbox.mark_sent(taken[:1], other) is True
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == 1


def test_a_heartbeat_keeps_the_lease(queued, settings):
    settings.NOTIFY_LEASE_SECONDS = 60
    token, _ = outbox.claim(5)
    soon = timezone.now() + dt.timedelta(seconds=50)
    assert outbox.extend_lease(token, now=soon) == 5
    assert outbox.claim(5, now=soon + dt.timedelta(seconds=30))[1] == []


def test_retries_back_off_and_give_up_after_the_last_attempt(queued, settings):
    settings.NOTIFY_RETRY_SECONDS = 10
    settings.NOTIFY_MAX_ATTEMPTS = 2
    now = timezone.now()
    token, rows = outbox.claim(5, now=now)
    outbox.retry_later(rows, token, "451 busy", now=now)
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.RETRYING}
    assert outbox.claim(5, now=now + dt.timedelta(seconds=9))[1] == []
    token, rows = outbox.claim(5, now=now + dt.timedelta(seconds=10))
    assert len(rows) == 5
    outbox.retry_later(rows, token, "451 busy", now=now)
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.FAILED}
    assert outbox.pending() == 0


def test_recovery_enqueues_tasks_for_due_rows_without_one(queued, settings):
    from django_tasks_db.models import DBTaskResult

    from lifeline.network.recovery import top_up

    settings.NOTIFY_BATCH_SIZE = 2
    assert top_up() == 3
    assert top_up() == 0
    assert DBTaskResult.objects.count() == 3
