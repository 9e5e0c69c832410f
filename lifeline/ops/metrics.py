"""/metrics: the site's own figures for Prometheus, read from the database at each scrape.

Counted from the tables rather than kept in each process, so every web process on
every machine answers the same, and nothing is lost when one restarts. (granian's
own request figures come from its exporter: `lifeline serve --metrics-port`.)
Answered only to a scraper holding METRICS_TOKEN; without the setting, 404.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from lifeline.actions.models import Appeal
from lifeline.network import heartbeat, outbox
from lifeline.network.models import Delivery, DeliveryState
from lifeline.ops.health import oldest_due_seconds


def _figures() -> list[tuple[str, str, str, list[tuple[str, float]]]]:
    """(name, type, help, [(labels, value)]) for each figure."""
    by_state = {
        row["state"]: row["n"]
        for row in Delivery.objects.order_by().values("state").annotate(n=Count("id"))
    }
    seen = heartbeat.seconds_since_seen()
    return [
        (
            "lifeline_outbox_due_messages",
            "gauge",
            "Messages of the outbox due to be sent now.",
            [("", outbox.due_count(timezone.now()))],
        ),
        (
            "lifeline_outbox_oldest_due_seconds",
            "gauge",
            "How long the message due longest ago has waited.",
            [("", oldest_due_seconds())],
        ),
        (
            "lifeline_mails",
            "gauge",
            "Messages of the outbox by state (sent and failed ones are kept).",
            [(f'state="{state}"', by_state.get(state, 0)) for state in DeliveryState.values],
        ),
        (
            "lifeline_appeals_recorded_total",
            "counter",
            "Appeals recorded as sent.",
            [("", Appeal.objects.count())],
        ),
        (
            "lifeline_worker_seen_seconds",
            "gauge",
            "Seconds since a background worker last marked itself alive (-1: never).",
            [("", -1 if seen is None else round(seen, 1))],
        ),
    ]


def exposition() -> str:
    """The figures in Prometheus' text format."""
    lines = []
    for name, kind, about, samples in _figures():
        lines += [f"# HELP {name} {about}", f"# TYPE {name} {kind}"]
        lines += [
            f"{name}{{{labels}}} {value}" if labels else f"{name} {value}"
            for labels, value in samples
        ]
    return "\n".join(lines) + "\n"


def metrics(request: HttpRequest) -> HttpResponse:
    token = settings.METRICS_TOKEN
    if not token:
        return HttpResponse(status=404)
    given = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not constant_time_compare(given, token):
        return HttpResponse(status=401, headers={"WWW-Authenticate": "Bearer"})
    return HttpResponse(exposition(), content_type="text/plain; version=0.0.4; charset=utf-8")
