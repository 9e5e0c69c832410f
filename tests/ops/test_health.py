"""/healthz and /readyz answered in process: what each check reads and reports."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from lifeline.network import heartbeat
from lifeline.network.models import Delivery
from tests.cases.factories import make_case, make_document
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_worker_seen():
    cache.delete(heartbeat.KEY)


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_the_probes_answer_a_load_balancer_whatever_its_host_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["appeals.example.org"]

    assert client.get("/healthz", HTTP_HOST="10.0.0.5").status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.0.0.5").status_code in (200, 503)
    # Every other page still refuses the host.
    assert client.get("/", HTTP_HOST="10.0.0.5").status_code == 400


def test_not_ready_until_a_worker_is_seen(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["workers"]
    assert response.json()["checks"]["workers"] == {"ok": False, "seconds_since_seen": None}

    heartbeat.beat()

    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"]["database"] == {"ok": True}


def test_a_worker_seen_too_long_ago_does_not_count(client, settings):
    settings.READY_WORKER_SECONDS = 60
    cache.set(heartbeat.KEY, timezone.now().timestamp() - 61, timeout=None)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["workers"]
    assert response.json()["checks"]["workers"]["seconds_since_seen"] >= 61


def test_the_worker_check_can_be_switched_off(client, settings):
    settings.READY_WORKER_SECONDS = 0
    assert client.get("/readyz").status_code == 200


def _due_since(minutes: int) -> Delivery:
    document = make_document(make_case())
    return Delivery.objects.create(
        member=make_member(),
        document=document,
        next_attempt=timezone.now() - dt.timedelta(minutes=minutes),
    )


def test_it_reports_how_long_the_oldest_due_message_has_waited(client):
    heartbeat.beat()
    _due_since(10)

    response = client.get("/readyz")

    assert response.status_code == 200
    assert 600 <= response.json()["checks"]["outbox"]["oldest_due_seconds"] < 3600


def test_an_outbox_waiting_longer_than_allowed_is_not_ready(client, settings):
    settings.READY_OUTBOX_SECONDS = 300
    heartbeat.beat()
    _due_since(10)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["outbox"]


def test_a_worker_marks_itself_seen_at_most_every_few_seconds(monkeypatch):
    beats = []
    monkeypatch.setattr(heartbeat, "beat", lambda: beats.append(1))
    clock = iter([100.0, 101.0, 100.0 + heartbeat.EVERY_SECONDS, 105.0 + heartbeat.EVERY_SECONDS])
    monkeypatch.setattr(heartbeat.time, "monotonic", lambda: next(clock))
    mark = heartbeat.Heartbeat()

    for _ in range(4):
        mark()

    assert len(beats) == 2
