"""`lifeline worker`: a django-tasks database worker that also keeps the outbox moving."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.db.backends.signals import connection_created
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from lifeline.network import outbox, recovery, retention
from lifeline.network.heartbeat import Heartbeat


def _fast_commits(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        # See sending.prefer_speed_over_durability: a killed worker loses nothing.
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")


class Command(BaseCommand):
    help = (
        "Run a background worker until stopped (SIGTERM/SIGINT finish the current task "
        "first); with --until-empty, send what is queued and exit."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--until-empty",
            action="store_true",
            help="exit once no task is ready and no notification is waiting to be sent "
            "(retries included; weekly digests not yet due are left for their day)",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="seconds to sleep when there is nothing to do (default 1)",
        )
        parser.add_argument(
            "--recover-every",
            type=float,
            default=5.0,
            help="seconds between checks for due retries and abandoned messages (default 5)",
        )
        parser.add_argument(
            "--purge-every",
            type=float,
            default=3600.0,
            help="seconds between applying the retention periods (`lifeline purge`); "
            "0 never (default 3600)",
        )
        parser.add_argument("--worker-id", default=None, help="unique id (default: random)")

    def handle(
        self, *args, until_empty, interval, recover_every, purge_every, worker_id, **options
    ):
        connection_created.connect(_fast_commits, dispatch_uid="lifeline.worker.fast_commits")
        close_old_connections()
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id or get_random_string(32),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        last_recovery = 0.0
        last_purge = None
        # /readyz counts a site ready only while some worker was seen lately.
        heartbeat = Heartbeat()
        while worker.running:
            heartbeat()
            if time.monotonic() - last_recovery >= recover_every:
                recovery.top_up()
                last_recovery = time.monotonic()
            # Idempotent updates: several workers purging at once do no harm.
            if purge_every > 0 and (
                last_purge is None or time.monotonic() - last_purge >= purge_every
            ):
                retention.purge()
                last_purge = time.monotonic()
            # Runs every ready task, then returns (the library's batch mode).
            worker.run()
            if until_empty and not outbox.pending() and not DBTaskResult.objects.ready().exists():
                break
            if worker.running:
                time.sleep(interval)
