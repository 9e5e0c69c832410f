"""Notification throughput: one urgent action to many members, sent by worker processes.

    .venv/bin/python bench/notify.py [MEMBERS] [WORKERS]     # SQLite file in a temp dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/notify.py

MEMBERS (default 100,000) confirmed members who want every action; one urgent
action is published (one INSERT ... SELECT), then WORKERS (default 2) `lifeline
worker --until-empty` processes send it to a local SMTP sink (aiosmtpd, in a
process of its own, counting messages). Prints publishing time, sending time and
messages/s, and each worker's peak resident memory (VmHWM, polled from /proc).
With DATABASE_URL set to PostgreSQL, a throwaway database is created on that
server next to the named one and dropped at the end.
"""

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

# bench/import.py has the machine description and the throwaway database.
from machine import free_port, machine, throwaway_postgres  # noqa: E402

LIFELINE = shutil.which("lifeline") or str(Path(sys.executable).parent / "lifeline")


def sink(port: int) -> None:
    """An SMTP server that counts what it receives and keeps nothing."""
    import signal

    from aiosmtpd.controller import Controller

    class Counting:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            Counting.count += 1
            return "250 OK"

    controller = Controller(Counting(), hostname="127.0.0.1", port=port)
    controller.start()
    signal.signal(signal.SIGTERM, lambda *_: (controller.stop(), print(Counting.count), sys.exit()))
    while True:
        time.sleep(3600)


def peak_memory(pid: int) -> int:
    """Peak resident memory of a process so far, in KiB (0 once it has exited)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (0 once it has exited)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    members = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    data_dir = tempfile.mkdtemp(prefix="lifeline-bench-")
    os.environ["LIFELINE_DATA_DIR"] = data_dir
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lifeline.settings"
    port = free_port()
    os.environ.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), EMAIL_USE_TLS="False")
    drop = None
    url = os.environ.get("DATABASE_URL")
    if url and url.startswith("postgres"):
        os.environ["DATABASE_URL"], name, admin_url = throwaway_postgres(url)
        drop = (name, admin_url)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from lifeline.cases.models import Case, Document
    from lifeline.network.models import Delivery, DeliveryState, Member
    from lifeline.network.publishing import publish

    sink_process = subprocess.Popen(
        [sys.executable, __file__, "--sink", str(port)], stdout=subprocess.PIPE, text=True
    )
    try:
        call_command("migrate", verbosity=0)
        if connection.vendor == "postgresql":
            version = connection.cursor().connection.info.server_version
            backend = f"PostgreSQL {version // 10000}.{version % 10000}"
        else:
            backend = f"SQLite {connection.Database.sqlite_version} (WAL, synchronous=NORMAL)"
        User = get_user_model()
        now = timezone.now()
        for start in range(0, members, 10_000):
            numbers = range(start, min(members, start + 10_000))
            users = User.objects.bulk_create(
                User(username=f"m{n}@example.org", email=f"m{n}@example.org") for n in numbers
            )
            Member.objects.bulk_create(
                Member(user=user, name=f"Member {n}", email=user.email, confirmed=now)
                for n, user in zip(numbers, users, strict=True)
            )
        case = Case.objects.create(slug="ua-1-26", ua_number="1/26", title="Fear for safety")
        document = Document.objects.create(
            case=case,
            kind="urgent_action",
            title="Fear for safety",
            people_at_risk=["Ana Jiménez"],
            appeal_deadline=dt.date(2026, 12, 31),
            source_hash="bench",
        )
        started = time.perf_counter()
        outcome = publish(document)
        publishing = time.perf_counter() - started
        connection.close()

        started = time.perf_counter()
        # BENCH_PROFILE=1 runs each worker under cProfile, into bench-worker-N.prof.
        profile = os.environ.get("BENCH_PROFILE")
        processes = [
            subprocess.Popen(
                [
                    *(
                        [sys.executable, "-m", "cProfile", "-o", f"bench-worker-{n}.prof"]
                        * bool(profile)
                    ),
                    LIFELINE,
                    "worker",
                    "--until-empty",
                    "--interval",
                    "0.2",
                ]
            )
            for n in range(workers)
        ]
        peaks = {process.pid: 0 for process in processes}
        cpu = {process.pid: 0.0 for process in processes}
        load_before = os.getloadavg()[0]
        while any(process.poll() is None for process in processes):
            for process in processes:
                peaks[process.pid] = max(peaks[process.pid], peak_memory(process.pid))
                cpu[process.pid] = max(cpu[process.pid], cpu_seconds(process.pid))
            time.sleep(0.2)
        sending = time.perf_counter() - started
        failed = [process.returncode for process in processes if process.returncode]
        if failed:
            raise SystemExit(f"a worker failed (exit codes {failed}); figures not valid")
        sent = Delivery.objects.filter(state=DeliveryState.SENT).count()
        sink_process.terminate()
        received = int(sink_process.communicate(timeout=30)[0].strip() or 0)

        print(f"bench/notify.py, {dt.date.today().isoformat()}, {machine()}, {backend}")
        print(f"  {members} members, 1 urgent action, {workers} workers, local SMTP sink")
        print(f"  publish:  {outcome.deliveries} deliveries queued in {publishing:.1f} s")
        print(f"  send:     {sent} sent, {received} received by the sink in {sending:.1f} s")
        print(f"            {sent / sending:.0f} messages/s")
        worker_cpu = sum(cpu.values())
        print(
            f"  worker CPU: {worker_cpu:.1f} s in all, {1000 * worker_cpu / max(sent, 1):.2f} ms "
            f"per message; machine load average {load_before:.1f} at the start, "
            f"{os.getloadavg()[0]:.1f} at the end"
        )
        print(
            "  peak memory per worker: "
            + ", ".join(f"{kib / 1024:.0f} MiB" for kib in peaks.values())
        )
    finally:
        if sink_process.poll() is None:
            sink_process.kill()
        if drop:
            import psycopg

            connection.close()
            name, admin_url = drop
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--sink":
        sink(int(sys.argv[2]))
    else:
        main()
