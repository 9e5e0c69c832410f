"""/metrics: the site's figures for a scraper holding METRICS_TOKEN, granian's with serve."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from lifeline.actions.appeals import record_appeal
from lifeline.network.models import Delivery
from tests.cases.factories import make_action_case
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db


SECRET = "scraper-secret-1"


def scrape(client, token=SECRET):
    return client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_without_a_token_set_there_are_no_metrics(client, settings):
    settings.METRICS_TOKEN = ""
    assert scrape(client).status_code == 404


def test_a_scraper_without_the_token_is_refused(client, settings):
    settings.METRICS_TOKEN = "scraper-secret-1"
    assert scrape(client, token="guess").status_code == 401
    assert client.get("/metrics").status_code == 401


def test_the_figures_count_appeals_and_the_outbox(client, settings):
    settings.METRICS_TOKEN = "scraper-secret-1"
    _case, document = make_action_case()
    target = document.groups.first().targets.first()
    for _ in range(3):
        record_appeal(
            key=uuid.uuid4(), document=document, target=target, channel="email", language="en"
        )
    Delivery.objects.create(
        member=make_member(),
        document=document,
        next_attempt=timezone.now() - dt.timedelta(minutes=5),
    )

    response = scrape(client)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    lines = response.content.decode().splitlines()
    assert "lifeline_appeals_recorded_total 3" in lines
    assert "lifeline_outbox_due_messages 1" in lines
    assert 'lifeline_mails{state="queued"} 1' in lines
    assert 'lifeline_mails{state="sent"} 0' in lines
    assert "# TYPE lifeline_appeals_recorded_total counter" in lines
    [oldest] = [line for line in lines if line.startswith("lifeline_outbox_oldest_due_seconds ")]
    assert float(oldest.split()[1]) >= 300
