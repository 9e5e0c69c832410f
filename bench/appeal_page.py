"""The letter page of UA 105/00 (the shared sample): how long a member waits.

    .venv/bin/python bench/appeal_page.py [N]      # SQLite file in a temp data dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/appeal_page.py

Through Django's test client (no HTTP server, no network), N times each (default
200): the letter page with its draft, the PDF download, and "I have sent it"
(one INSERT, then the redirect). Prints the median and p99 in milliseconds.
"""

import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
SAMPLE = ROOT.parent / "shared" / "samples" / "000_53efcc61e7a56288.txt"


from machine import bench_database, machine  # noqa: E402


def timed(call, count: int) -> tuple[float, float]:
    call()  # warm: compiler made, templates loaded
    times = []
    for _ in range(count):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    os.environ["ALLOWED_HOSTS"] = "testserver"
    with bench_database():
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from lifeline.cases.importing import import_paths
        from lifeline.cases.models import Case

        call_command("migrate", verbosity=0)
        import_paths([str(SAMPLE)])
        case = Case.objects.get(ua_number="105/00")
        client = Client()
        query = {"name": "Ana Silva", "city": "Edinburgh", "country": "GB", "language": "fr"}
        write = reverse("actions:write", kwargs={"slug": case.slug})
        pdf = reverse("actions:pdf", kwargs={"slug": case.slug})
        sent = reverse("actions:sent", kwargs={"slug": case.slug})

        def page():
            assert client.get(write, query).status_code == 200

        def download():
            assert client.get(pdf, query).status_code == 200

        def mark_sent():
            data = {"key": str(uuid.uuid4()), "to": "1-1", "channel": "letter", "language": "fr"}
            assert client.post(sent, data).status_code == 302

        if connection.vendor == "postgresql":
            backend = f"PostgreSQL {connection.cursor().connection.info.server_version}"
        else:
            backend = f"SQLite {connection.Database.sqlite_version}"
        print(f"bench/appeal_page.py, {machine()}, {backend}, {count} runs each")
        for label, call in [
            ("letter page with draft", page),
            ("PDF download", download),
            ("I have sent it", mark_sent),
        ]:
            median, p99 = timed(call, count)
            print(f"  {label:24} median {median:6.1f} ms   p99 {p99:6.1f} ms")


if __name__ == "__main__":
    main()
