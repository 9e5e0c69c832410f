"""/healthz and /readyz, for load balancers and monitors.

/healthz says the process answers (no database: a database outage must not make a
load balancer restart every web process). /readyz says whether this process can do
its work: the database answers, its migrations are all applied, a background worker
was seen lately, and how long the oldest message due in the outbox has waited.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Min
from django.http import HttpRequest, JsonResponse
from django.utils import timezone

from lifeline.network import heartbeat, outbox
from lifeline.network.models import Delivery

logger = logging.getLogger(__name__)

# Once seen complete, the migrations stay applied for this process's life (an upgrade
# restarts it): reading the migration files on every probe would cost more than the rest.
_migrations_complete = False


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True}


def unapplied_migrations() -> int:
    """Migrations of this version not yet applied to the database (reads every migration file)."""
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _migrations() -> dict:
    global _migrations_complete
    if not _migrations_complete:
        missing = unapplied_migrations()
        if missing:
            return {"ok": False, "unapplied": missing}
        _migrations_complete = True
    return {"ok": True, "unapplied": 0}


def _workers() -> dict:
    since = heartbeat.seconds_since_seen()
    limit = settings.READY_WORKER_SECONDS
    ok = limit == 0 or (since is not None and since <= limit)
    return {"ok": ok, "seconds_since_seen": None if since is None else round(since, 1)}


def oldest_due_seconds() -> float:
    """How long the message of the outbox due longest ago has waited; 0 if none is due."""
    now = timezone.now()
    oldest = Delivery.objects.filter(outbox.due(now)).aggregate(oldest=Min("next_attempt"))
    age = 0.0 if oldest["oldest"] is None else (now - oldest["oldest"]).total_seconds()
    return round(max(0.0, age), 1)


def _outbox() -> dict:
    age = oldest_due_seconds()
    limit = settings.READY_OUTBOX_SECONDS
    return {"ok": limit == 0 or age <= limit, "oldest_due_seconds": age}


CHECKS = {
    "database": _database,
    "migrations": _migrations,
    "workers": _workers,
    "outbox": _outbox,
}


def readyz(request: HttpRequest) -> JsonResponse:
    results: dict[str, dict] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except DatabaseError as error:
            logger.warning("readyz: %s check failed: %s", name, error)
            results[name] = {"ok": False, "error": error.__class__.__name__}
            if name == "database":
                # Every other check reads the database too.
                break
    failed = [name for name, result in results.items() if not result["ok"]]
    return JsonResponse(
        {"status": "failed" if failed else "ok", "failed": failed, "checks": results},
        status=503 if failed else 200,
    )
