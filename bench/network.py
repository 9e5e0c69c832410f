"""The network at scale: one urgent action to a large membership, sent by worker processes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/network.py [--members 1000000] [--workers 4] [--no-pages]

Fills a throwaway database (bench/machine.py) with MEMBERS members in 80 sections,
as a membership looks: languages (en, fr, es, ar), most wanting every action, some
only actions about chosen countries or concerns, some a weekly digest, a few with a
weekly limit, unconfirmed or unsubscribed. Publishes one urgent action (`publish()`,
timed: what the publishing request does), then WORKERS `lifeline worker --until-empty`
processes, each a process of its own as on separate machines, send what is due to a
local SMTP sink (aiosmtpd, another process) that notes every recipient. Meanwhile,
unless --no-pages, `lifeline serve --no-worker` answers wrk (10 connections) asking for
the case page, 10 s at a time, so the page's latency while the workers run is known.

Prints publishing time, sending time and messages/s, worker CPU per message, whether
every due message arrived exactly once (recipients counted at the sink), and the page
latency; then what a million members would take at the measured rate, marked as an
extrapolation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from machine import bench_database, free_port, machine  # noqa: E402

LIFELINE = str(Path(sys.executable).parent / "lifeline")
SECTIONS = 80
LANGUAGES = [("en", 50), ("fr", 20), ("es", 20), ("ar", 10)]
COUNTRIES = ["CN", "MX", "IR", "RU", "TR", "EG", "BR", "US", "SA", "NG"]
CONCERNS = ["Torture", "Death penalty", "Fear for safety", "Unfair trial", "Health concern"]


def sink(port: int, report: str) -> None:
    """An SMTP server that notes each recipient and keeps nothing else."""
    import signal
    from collections import Counter

    from aiosmtpd.controller import Controller

    received: Counter[str] = Counter()

    class Noting:
        async def handle_DATA(self, server, session, envelope):
            received.update(envelope.rcpt_tos)
            return "250 OK"

    def stop(*_):
        controller.stop()
        Path(report).write_text(json.dumps(received))
        sys.exit()

    controller = Controller(Noting(), hostname="127.0.0.1", port=port)
    controller.start()
    signal.signal(signal.SIGTERM, stop)
    while True:
        time.sleep(3600)


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fill(members: int, seed: int = 0) -> dict:
    """The membership; returns how many of each kind, for the report."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone
    from django.utils.text import slugify

    from lifeline.cases.models import Concern
    from lifeline.network.models import Frequency, Member, MemberCountry, Section

    chance = random.Random(seed)
    User = get_user_model()
    now = timezone.now()
    sections = Section.objects.bulk_create(
        Section(code=f"S{n:02d}", name=f"Section {n}", country=COUNTRIES[n % len(COUNTRIES)])
        for n in range(SECTIONS)
    )
    concerns = [
        Concern.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
        for name in CONCERNS
    ]
    languages = [code for code, weight in LANGUAGES for _ in range(weight)]
    kinds = {"all": 0, "countries": 0, "concerns": 0, "weekly": 0, "limited": 0, "not mailable": 0}
    for start in range(0, members, 10_000):
        numbers = range(start, min(members, start + 10_000))
        users = User.objects.bulk_create(
            User(username=f"m{n}@example.org", email=f"m{n}@example.org") for n in numbers
        )
        rows, chosen_countries, chosen_concerns = [], [], []
        for n, user in zip(numbers, users, strict=True):
            roll = chance.random()
            member = Member(
                user=user,
                section=sections[n % SECTIONS],
                name=f"Member {n}",
                email=user.email,
                language=chance.choice(languages),
                confirmed=now,
                all_actions=roll < 0.70,
                frequency=Frequency.WEEKLY if chance.random() < 0.15 else Frequency.IMMEDIATE,
                weekly_limit=3 if chance.random() < 0.05 else None,
            )
            if 0.70 <= roll < 0.90:
                chosen_countries.append((member, chance.sample(COUNTRIES, 2)))
                kinds["countries"] += 1
            elif roll >= 0.90:
                chosen_concerns.append((member, chance.sample(concerns, 2)))
                kinds["concerns"] += 1
            else:
                kinds["all"] += 1
            unmailable = chance.random()
            if unmailable < 0.03:
                member.confirmed = None
            elif unmailable < 0.04:
                member.unsubscribed = now
            kinds["not mailable"] += unmailable < 0.04
            kinds["weekly"] += member.frequency == Frequency.WEEKLY
            kinds["limited"] += member.weekly_limit is not None
            rows.append(member)
        Member.objects.bulk_create(rows)
        MemberCountry.objects.bulk_create(
            MemberCountry(member=member, code=code)
            for member, codes in chosen_countries
            for code in codes
        )
        Member.concerns.through.objects.bulk_create(
            Member.concerns.through(member_id=member.pk, concern_id=concern.pk)
            for member, chosen in chosen_concerns
            for concern in chosen
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return kinds


def page_latency(base: str, path: str, seconds: int) -> dict:
    """wrk, 10 connections on one thread, for `seconds`: p50 and p99 in ms."""
    script = Path(tempfile.mkdtemp(prefix="lifeline-bench-lua-")) / "page.lua"
    script.write_text(
        "function done(summary, latency, requests)\n"
        '  io.write(string.format("WRK %d %d %d %d\\n", summary.requests, '
        "latency:percentile(50), latency:percentile(99), summary.errors.status))\n"
        "end\n"
    )
    command = ["wrk", "-t1", "-c10", f"-d{seconds}s", "--timeout", "10s", "-s", str(script)]
    result = subprocess.run([*command, base + path], capture_output=True, text=True, check=True)
    line = next(line for line in result.stdout.splitlines() if line.startswith("WRK "))
    requests, p50, p99, errors = (int(part) for part in line.split()[1:])
    return {"requests": requests, "p50": p50 / 1000, "p99": p99 / 1000, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--no-pages", action="store_true", help="no page load while sending")
    options = parser.parse_args()

    port = free_port()
    os.environ.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), EMAIL_USE_TLS="False")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    # The workers and the server run this checkout's code, whatever is installed.
    os.environ["PYTHONPATH"] = str(ROOT)
    report = Path(tempfile.mkdtemp(prefix="lifeline-bench-sink-")) / "received.json"
    sink_process = subprocess.Popen([sys.executable, __file__, "--sink", str(port), str(report)])
    server = None
    try:
        with bench_database():
            from django.core.management import call_command
            from django.db import connection
            from django.utils import timezone

            from lifeline.cases.models import Case, Concern, Document
            from lifeline.network.models import Delivery, DeliveryState
            from lifeline.network.publishing import publish

            call_command("migrate", verbosity=0)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SHOW server_version")
                    backend = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
            else:
                backend = f"SQLite {connection.Database.sqlite_version}"
            started = time.perf_counter()
            kinds = fill(options.members)
            filling = time.perf_counter() - started
            case = Case.objects.create(slug="ua-1-26", ua_number="1/26", title="Fear for safety")
            document = Document.objects.create(
                case=case,
                kind="urgent_action",
                title="Fear for safety",
                countries=["cn"],
                people_at_risk=["Ana Jiménez"],
                appeal_deadline=timezone.localdate() + dt.timedelta(days=40),
                source_hash="bench-network",
            )
            document.concerns.add(Concern.objects.get(name="Torture"))
            connection.close()

            pages = not options.no_pages
            if pages:
                web_port = free_port()
                server = subprocess.Popen(
                    [LIFELINE, "serve", "--no-worker", "--port", str(web_port)],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                base = f"http://127.0.0.1:{web_port}"
                for _ in range(300):
                    try:
                        socket.create_connection(("127.0.0.1", web_port), timeout=1).close()
                        break
                    except OSError:
                        time.sleep(0.2)
                page_latency(base, case.get_absolute_url(), 2)  # warm
                quiet = page_latency(base, case.get_absolute_url(), 10)

            started = time.perf_counter()
            outcome = publish(document)
            publishing = time.perf_counter() - started
            due = Delivery.objects.filter(
                document=document, state=DeliveryState.QUEUED, next_attempt__lte=timezone.now()
            ).count()
            connection.close()

            load_before = os.getloadavg()[0]
            started = time.perf_counter()
            workers = [
                subprocess.Popen(
                    [LIFELINE, "worker", "--until-empty", "--interval", "0.2"],
                    stdout=subprocess.DEVNULL,
                )
                for _ in range(options.workers)
            ]
            cpu = {worker.pid: 0.0 for worker in workers}
            finished: list[float] = []

            def wait_for_workers():
                # Every worker's CPU time, read while it runs (gone once it has exited).
                while any(worker.poll() is None for worker in workers):
                    for worker in workers:
                        cpu[worker.pid] = max(cpu[worker.pid], cpu_seconds(worker.pid))
                    time.sleep(0.1)
                finished.append(time.perf_counter())

            waiting = threading.Thread(target=wait_for_workers)
            waiting.start()
            busy = []
            while waiting.is_alive():
                if pages:
                    busy.append(page_latency(base, case.get_absolute_url(), 10))
                else:
                    waiting.join(0.5)
            waiting.join()
            sending = finished[0] - started
            load_after = os.getloadavg()[0]
            failed = [worker.returncode for worker in workers if worker.returncode]
            sent = Delivery.objects.filter(document=document, state=DeliveryState.SENT).count()
            sink_process.terminate()
            sink_process.wait(timeout=60)
            received = json.loads(report.read_text())
            twice = sum(1 for count in received.values() if count > 1)
            connection.close()
            if server is not None:
                server.terminate()
                server.wait(timeout=60)
                server = None
    finally:
        if server is not None:
            server.kill()
        if sink_process.poll() is None:
            sink_process.kill()
        shutil.rmtree(report.parent, ignore_errors=True)

    rate = sent / sending
    print(f"bench/network.py, {dt.date.today().isoformat()}, {machine()}, {backend}")
    print(
        f"  {options.members:,} members in {SECTIONS} sections (filled in {filling:.0f} s): "
        + ", ".join(f"{count:,} {kind}" for kind, count in kinds.items())
    )
    print(
        f"  publish(): {outcome.deliveries:,} deliveries queued in {publishing * 1000:.0f} ms"
        f" ({due:,} due now, the rest wait for weekly digests)"
    )
    print(
        f"  send: {options.workers} workers, {sent:,} sent in {sending:.1f} s"
        f" = {rate:.0f} messages/s;"
        f" worker CPU {1000 * sum(cpu.values()) / max(sent, 1):.2f} ms per message;"
        f" load average {load_before:.1f} before, {load_after:.1f} after"
    )
    print(
        f"  exactly once: {len(received):,} recipients at the sink, {sum(received.values()):,}"
        f" messages, {twice} recipients twice, {due - len(received):,} due but not received;"
        f" workers failed: {failed or 'none'}"
    )
    if pages:
        slices = ", ".join(f"{b['p99']:.0f}" for b in busy)
        print(
            f"  case page, wrk -c10: quiet p50 {quiet['p50']:.0f} ms p99 {quiet['p99']:.0f} ms;"
            f" while sending, p99 per 10 s: {slices} ms"
            f" (errors {sum(b['errors'] for b in busy)})"
        )
    share = due / max(options.members, 1)
    print(
        f"  EXTRAPOLATION, not measured: 1,000,000 members would have about {share * 1e6:,.0f}"
        f" messages due, {share * 1e6 / rate / 60:.0f} minutes at {rate:.0f} messages/s;"
        f" publish() grows with the members (here {publishing * 1000 / options.members * 1e3:.1f}"
        f" ms per 1,000)"
    )


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "--sink":
        sink(int(sys.argv[2]), sys.argv[3])
    else:
        main()
