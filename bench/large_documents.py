"""Search with a few very large documents in the archive, on either database.

    .venv/bin/python bench/large_documents.py [--size-mb 3] [--count 3] [--background 2000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/large_documents.py

Fills a fresh database with `--background` ordinary generated documents (as
bench/search.py does), then adds `--count` documents of `--size-mb` MB of text each
(generated words with "detention" one word in `--every`, as a case sheet about
a detention may have it) through the ORM, so the
archive's indexing signals index them as an import would. Prints how long indexing
took, how much of the large documents' text the index holds, and the time of a cold
`search("detention")` (nothing remembered), of the same search by date, and of a
search for a word found only near the end of the large documents.
"""

import argparse
import datetime as dt
import hashlib
import importlib
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from machine import bench_database, machine  # noqa: E402


def large_body(size: int, every: int, rng: random.Random, words: list[str]) -> str:
    """About `size` characters of words, "detention" one word in `every`, and a word
    found nowhere else ("zyxwvending") at the end."""
    parts, length, n = [], 0, 0
    while length < size:
        word = "detention" if n % every == every // 2 else rng.choice(words)
        parts.append(word)
        length += len(word) + 1
        n += 1
    parts.append("zyxwvending")
    return " ".join(parts)


def timed(label: str, function) -> object:
    start = time.perf_counter()
    try:
        result = function()
    except Exception as exc:
        print(f"{label:<40} failed after {time.perf_counter() - start:7.2f} s: {exc}")
        return None
    print(f"{label:<40} {time.perf_counter() - start:7.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=3.0)
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--background", type=int, default=2000)
    parser.add_argument("--every", type=int, default=50, help="one word in N is 'detention'")
    arguments = parser.parse_args()
    with bench_database():
        from django.conf import settings
        from django.core.cache import cache
        from django.core.management import call_command
        from django.db import connection

        from lifeline.archive import search
        from lifeline.archive.indexing import reindex
        from lifeline.archive.models import SearchText
        from lifeline.cases.models import Case, Document

        search_module = importlib.import_module("search")
        call_command("migrate", verbosity=0)
        print(f"bench/large_documents.py, {machine()}, {connection.vendor}")
        cap = getattr(settings, "SEARCH_INDEXED_CHARACTERS", None)
        budget = getattr(settings, "SEARCH_TIMEOUT_MS", None)
        print(f"indexed characters per document: {cap}; search budget: {budget} ms")
        search_module.fill(arguments.background)
        timed("index the background", reindex)
        rng = random.Random(1)
        words = search_module.vocabulary(4000, rng)
        case = Case.objects.create(slug="large", ua_number="999/26", title="Large sheets")
        size = int(arguments.size_mb * 1_000_000)

        def add_large():
            for n in range(arguments.count):
                Document.objects.create(
                    case=case,
                    kind="urgent_action",
                    ua_number=case.ua_number,
                    title=f"Large sheet {n}",
                    countries=["CN"],
                    issue_date=dt.date(2026, 1, 1 + n),
                    body=large_body(size, arguments.every, rng, words),
                    source_hash=hashlib.sha256(f"large-{n}".encode()).hexdigest(),
                )

        timed(f"add {arguments.count} x {arguments.size_mb} MB documents", add_large)
        held = [len(body) for body in SearchText.objects.filter(
            document__case=case).values_list("body", flat=True)]  # fmt: skip
        print(f"indexed text of the large documents: {held} characters")
        for label, query, options in [
            ("search('detention')", "detention", {}),
            ("search('detention', sort='date')", "detention", {"sort": "date"}),
            ("search('zyxwvending') (after the cap)", "zyxwvending", {}),
        ]:
            cache.clear()  # worked out, not remembered
            result = timed(label, lambda q=query, o=options: search(q, **o))
            if result is not None:
                print(f"{'':<40} {result.total} found")


if __name__ == "__main__":
    main()
