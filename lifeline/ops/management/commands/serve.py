"""`lifeline serve`: the site under granian and the background workers, supervised."""

import json
import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lifeline.ops import logs
from lifeline.ops.health import unapplied_migrations
from lifeline.ops.supervisor import Child, Supervisor


def web_command(
    host: str, port: int, processes: int, threads: int, stop_timeout: int, metrics_port: int
) -> list:
    command = [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(processes),
        # Measured: granian's default thread count pushes p99 past a second on 2 cores.
        "--blocking-threads",
        str(threads),
        "--respawn-failed-workers",
        "--workers-kill-timeout",
        str(stop_timeout),
        "--no-ws",
    ]
    if metrics_port:
        # granian's own figures (requests, connections, workers) for Prometheus.
        command += ["--metrics", "--metrics-address", host, "--metrics-port", str(metrics_port)]
    if settings.LOG_FORMAT == "json":
        config = settings.DATA_DIR / "granian-logging.json"
        config.write_text(json.dumps(logs.granian_config()), encoding="utf-8")
        command += ["--log-config", str(config)]
    return [*command, "lifeline.wsgi:application"]


def worker_command(number: int) -> list:
    # Named by machine, serve and number: a restarted worker keeps its name.
    worker_id = f"{os.uname().nodename}-{os.getpid()}-{number}"
    return [sys.executable, "-m", "lifeline.cli", "worker", "--worker-id", worker_id]


class Command(BaseCommand):
    help = _(
        "Serve the site under a production server (granian) with background workers that "
        "send the mail and run the tasks; a worker that dies is started again, and SIGTERM "
        "or Ctrl-C stops everything after the requests and tasks under way finish."
    )
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help=_("address to listen on"))
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=2, help=_("web server processes (default 2)")
        )
        parser.add_argument(
            "--threads", type=int, default=4, help=_("request threads per web process (default 4)")
        )
        parser.add_argument(
            "--task-workers",
            type=int,
            default=1,
            help=_("background workers (`lifeline worker`) to run beside the site (default 1)"),
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help=_("run no background worker here (they run elsewhere)"),
        )
        parser.add_argument(
            "--migrate",
            action="store_true",
            help=_("apply the database migrations first (else serve refuses while any is missing)"),
        )
        parser.add_argument(
            "--allow-debug",
            action="store_true",
            help=_("serve even with DEBUG on (for a demo on this machine only)"),
        )
        parser.add_argument(
            "--metrics-port",
            type=int,
            default=0,
            help=_("serve granian's request metrics for Prometheus on this port (default: none)"),
        )
        parser.add_argument(
            "--stop-timeout",
            type=int,
            default=30,
            help=_("seconds to let requests and tasks finish on stopping (default 30)"),
        )

    def say(self, line: str) -> None:
        if settings.LOG_FORMAT == "json":
            line = logs.line(line, logger="lifeline.serve")
        self.stdout.write(line)
        # At once: it is read beside the children's own output.
        self.stdout.flush()

    def handle(self, *args, **options):
        if settings.DEBUG and not options["allow_debug"]:
            raise CommandError(
                _(
                    "DEBUG is on: it shows anyone the code and settings behind an error. "
                    "Turn it off, or pass --allow-debug on a machine only you can reach."
                )
            )
        if options["migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        missing = unapplied_migrations()
        if missing:
            raise CommandError(
                ngettext(
                    "%(count)d database migration is not applied: run `lifeline migrate` "
                    "(or serve --migrate) before serving this version.",
                    "%(count)d database migrations are not applied: run `lifeline migrate` "
                    "(or serve --migrate) before serving this version.",
                    missing,
                )
                % {"count": missing}
            )
        # Unchanged files are skipped, so a restart pays little for it.
        call_command("collectstatic", interactive=False, verbosity=0)
        connection.close()

        stop_timeout = options["stop_timeout"]
        children = [
            Child(
                "web",
                web_command(
                    options["host"],
                    options["port"],
                    options["workers"],
                    options["threads"],
                    stop_timeout,
                    options["metrics_port"],
                ),
                restart=False,
                repeat_stop=True,
            )
        ]
        task_workers = 0 if options["no_worker"] else options["task_workers"]
        children += [
            Child(f"worker {number}", worker_command(number))
            for number in range(1, task_workers + 1)
        ]
        self.say(
            ngettext(
                "Serving http://%(host)s:%(port)s/ with %(workers)d background worker",
                "Serving http://%(host)s:%(port)s/ with %(workers)d background workers",
                task_workers,
            )
            % {"host": options["host"], "port": options["port"], "workers": task_workers}
        )
        status = Supervisor(children, stop_timeout=stop_timeout, say=self.say).run()
        if status:
            raise CommandError(_("the web server stopped by itself"), returncode=status)
