"""Import throughput: fictional case sheets into a fresh, empty database.

    .venv/bin/python bench/import.py [N]            # SQLite file in a temp data dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import.py

N (default 10,000) documents come from bench/corpus.py. Parsing is timed apart
from importing: "import" is `Importer.import_batch()` on already parsed documents,
in batches of `BATCH_SIZE`, as `lifeline import` does; then the same documents are
imported again (skipped, or updated where two documents share an index). With
DATABASE_URL set to PostgreSQL, a throwaway database is created on that server
next to the named one and dropped at the end.
"""

import datetime as dt
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from machine import bench_database, machine  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with bench_database():
        from corpus import generate
        from django.core.management import call_command
        from django.db import connection

        from lifeline.archive.indexing import one_warming
        from lifeline.cases.importing import BATCH_SIZE, Importer
        from lifeline.cases.models import Case, Document, Target
        from lifeline.documents import parse

        call_command("migrate", verbosity=0)
        if connection.vendor == "postgresql":
            backend = f"PostgreSQL {connection.cursor().connection.info.server_version}"
        else:
            backend = f"SQLite {connection.Database.sqlite_version} (WAL, synchronous=NORMAL)"

        started = time.perf_counter()
        sheets = generate(count, seed=0)
        count = len(sheets)
        generated = time.perf_counter() - started

        started = time.perf_counter()
        parsed = [parse(text.encode(), filename) for filename, text in sheets]
        parsing = time.perf_counter() - started

        def import_all() -> tuple[float, str]:
            importer = Importer()
            outcomes = Counter()
            started = time.perf_counter()
            with one_warming():  # as `lifeline import`: one warming queued at the end
                for start in range(0, len(parsed), BATCH_SIZE):
                    for result in importer.import_batch(parsed[start : start + BATCH_SIZE]):
                        outcomes[getattr(result, "status", "failed")] += 1
            elapsed = time.perf_counter() - started
            return elapsed, ", ".join(f"{n} {status}" for status, n in outcomes.most_common())

        importing, outcomes = import_all()
        documents, cases, targets = (
            Document.objects.count(),
            Case.objects.count(),
            Target.objects.count(),
        )
        again, outcomes_again = import_all()

        print(f"bench/import.py, {dt.date.today().isoformat()}, {machine()}, {backend}")
        print(f"  generated {count} fictional documents in {generated:.1f} s")
        print(f"  parse:    {count / parsing:8.0f} documents/s")
        print(f"  import:   {count / importing:8.0f} documents/s (parsing not included)")
        print(f"            {outcomes}; {documents} documents, {cases} cases, {targets} targets")
        print(f"  again:    {count / again:8.0f} documents/s ({outcomes_again})")
        print(f"  parse + import: {count / (parsing + importing):8.0f} documents/s")


if __name__ == "__main__":
    main()
