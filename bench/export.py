"""Bulk export: throughput and peak Python memory while streaming, at two archive sizes.

    .venv/bin/python bench/export.py [SMALL LARGE]     # SQLite file in a temp data dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/export.py

Imports LARGE (default 10,000) fictional sheets from bench/corpus.py into a fresh
database, exports the first SMALL (default 2,000) by id and then all of them through
`/api/v1/export/documents.jsonl` and `.csv`, consuming the stream as a client would.
Each export runs twice: once timed, once under tracemalloc for the peak memory the
export allocated. Flat memory means the peak does not grow with the number of rows:
it is bounded by the chunk (at a chunk boundary the next chunk is read while the last
is still referenced, so SMALL should span at least two chunks for a fair comparison).
"""

import datetime as dt
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from machine import bench_database, machine  # noqa: E402


def main() -> None:
    small = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    large = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    with bench_database():
        from corpus import generate
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from lifeline.api import export
        from lifeline.cases.importing import BATCH_SIZE, Importer
        from lifeline.cases.models import Document
        from lifeline.documents import parse

        call_command("migrate", verbosity=0)
        if connection.vendor == "postgresql":
            backend = f"PostgreSQL {connection.cursor().connection.info.server_version}"
        else:
            backend = f"SQLite {connection.Database.sqlite_version} (WAL)"
        importer = Importer()
        parsed = [parse(text.encode(), name) for name, text in generate(large, seed=0)]
        for start in range(0, len(parsed), BATCH_SIZE):
            importer.import_batch(parsed[start : start + BATCH_SIZE])
        total = Document.objects.count()
        client = Client(HTTP_HOST="localhost")
        original = export._documents

        def run(path: str, limit: int, traced: bool) -> tuple[float, int, int]:
            # The first `limit` documents: the same rows the full export starts with.
            ids = list(Document.objects.order_by("id").values_list("id", flat=True)[:limit])
            export._documents = lambda: export.present.documents_with_parts(
                Document.objects.filter(id__lte=ids[-1]).order_by("id")
            ).iterator(chunk_size=export.CHUNK)
            if traced:
                tracemalloc.start()
            started = time.perf_counter()
            size = 0
            for chunk in client.get(path).streaming_content:
                size += len(chunk)
            elapsed = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1] if traced else 0
            if traced:
                tracemalloc.stop()
            export._documents = original
            return elapsed, size, peak

        print(f"bench/export.py, {dt.date.today().isoformat()}, {machine()}, {backend}")
        print(f"  {total} documents imported; chunk size {export.CHUNK}")
        for path in ("/api/v1/export/documents.jsonl", "/api/v1/export/documents.csv"):
            for limit in (small, total):
                elapsed, size, _ = run(path, limit, traced=False)
                _, _, peak = run(path, limit, traced=True)
                print(
                    f"  {path.rsplit('/', 1)[1]:15} {limit:7d} documents: "
                    f"{limit / elapsed:6.0f} documents/s, {size / elapsed / 1e6:5.1f} MB/s, "
                    f"{size / 1e6:6.1f} MB out, peak Python memory {peak / 1e6:5.1f} MB"
                )


if __name__ == "__main__":
    main()
