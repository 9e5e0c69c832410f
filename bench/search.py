"""Search latency over a large generated archive, with facet counts, on either database.

    .venv/bin/python bench/search.py [N]            # SQLite file in a temp data dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/search.py [N]

Fills a fresh database with N (default 1,000,000) generated documents by bulk inserts
(cases, documents, their country and concern rows), says how long the fill took, then
builds the search index with `reindex()` and says how long that took. Then it runs a
fixed mix of searches (words, a phrase, a prefix, filters, browsing by date, a deep
page, cursors), each with its facet counts, and prints p50 and p95 per search and
overall: first `--cold-rounds` rounds with nothing remembered (as the first time
after the index changed), then `--rounds` rounds answered from what the archive
remembers (see lifeline/archive/cache.py), then, after a change to the index and the
warming that follows it (lifeline/archive/warming.py, which asks again what the search
page and the API recorded as asked: each search of the mix is recorded as they do),
`--rounds` rounds again. Django's cache is the database's table, or Redis with REDIS_URL
set. With
DATABASE_URL set to PostgreSQL, a throwaway database is created on that server next to
the named one and dropped at the end (unless --keep); `--reuse URL` runs the searches
again on a kept database.
"""

import argparse
import datetime as dt
import hashlib
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

# bench/import.py holds the machine description and the throwaway PostgreSQL database.
from machine import machine, throwaway_postgres  # noqa: E402

COUNTRIES = ["CN", "KP", "MX", "TR", "IR", "US", "RU", "EG", "SA", "CO", "BR", "IN", "PK",
             "NG", "SY", "IL", "GT", "PE", "BY", "UZ", "VN", "MM", "ID", "PH", "SD"]  # fmt: skip
NAMES = {"CN": "China", "KP": "North Korea", "MX": "Mexico", "TR": "Turkey", "IR": "Iran",
         "US": "United States", "RU": "Russia", "EG": "Egypt", "SA": "Saudi Arabia",
         "CO": "Colombia", "BR": "Brazil", "IN": "India", "PK": "Pakistan", "NG": "Nigeria",
         "SY": "Syria", "IL": "Israel", "GT": "Guatemala", "PE": "Peru", "BY": "Belarus",
         "UZ": "Uzbekistan", "VN": "Viet Nam", "MM": "Myanmar", "ID": "Indonesia",
         "PH": "Philippines", "SD": "Sudan"}  # fmt: skip
CONCERNS = ["Fear for safety", "Torture", "Death penalty", "Prisoner of conscience",
            "Forcible return", "Unfair trial", "Incommunicado detention", "Disappearance",
            "Health concern", "Legal concern", "Ill-treatment", "Arbitrary arrest",
            "Harassment", "Extrajudicial execution", "Medical concern", "Threats",
            "Hunger strike", "Corporal punishment", "Refoulement", "Death threats"]  # fmt: skip
PHRASES = ["forcibly returned to", "prisoner of conscience", "death penalty", "at risk of torture",
           "held incommunicado", "fear for the safety of", "unfair trial", "sentenced to death",
           "human rights defender", "released without charge"]  # fmt: skip
KINDS = ["urgent_action"] * 35 + ["further_information"] * 35 + ["stop_action"] * 10
KINDS += ["news"] * 20
_SYLLABLES = "ka lo mi ne ru sa te vi zo ba de fi gu ha ji ko lu ma no pe ri su ta we xa yo"
SYLLABLES = _SYLLABLES.split()

# The fixed mix: (label, query, filters).
MIX = [
    ("words", "forcible return china", {}),
    ("common word", "torture", {}),
    ("phrase", '"prisoner of conscience"', {}),
    ("prefix", "tort*", {}),
    ("words + country", "death penalty", {"country": "CN"}),
    ("words + concern + year", "trial", {"concern": "unfair-trial", "year": 2001}),
    ("rare word", "kalomi", {}),
    ("browse by year", "", {"year": 2000}),
    ("browse open UAs", "", {"kind": "urgent_action", "status": "open"}),
    ("words by date", "safety", {"sort": "date"}),
    ("page 50", "fear safety", {"page": 50}),
    ("everything", "", {}),
]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def fill(count: int, seed: int = 0) -> None:
    """Bulk-insert `count` documents with cases, countries and concerns (no index)."""
    from django.db import transaction

    from lifeline.cases.models import Case, Concern, Document, DocumentCountry

    rng = random.Random(seed)
    words = vocabulary(4000, rng)
    # Zipf-like word frequencies, as in real text.
    cumulative, total = [], 0.0
    for rank in range(len(words)):
        total += 1.0 / (rank + 1)
        cumulative.append(total)
    concerns = Concern.objects.bulk_create(
        Concern(name=name, slug=name.lower().replace(" ", "-")) for name in CONCERNS
    )
    through = Document.concerns.through
    today = dt.date(2026, 11, 23)
    chunk = 5000
    for start in range(0, count, chunk):
        size = min(chunk, count - start)
        with transaction.atomic():
            cases = []
            for n in range(start, start + size, 3):
                year = rng.randint(1975, 2026)
                deadline = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
                if rng.random() < 0.02:
                    deadline = today + dt.timedelta(days=rng.randint(1, 60))
                cases.append(
                    Case(
                        slug=f"ua-{n}",
                        ua_number=f"{n}/{year % 100:02d}",
                        title="",
                        deadline=deadline,
                        closed=rng.random() < 0.3,
                        issued=deadline - dt.timedelta(weeks=6),
                    )
                )
            Case.objects.bulk_create(cases, batch_size=1000)
            documents, countries, concern_rows = [], [], []
            for n in range(start, start + size):
                case = cases[(n - start) // 3]
                codes = rng.sample(COUNTRIES[: rng.choice((3, 10, 25))], rng.choice((1, 1, 2)))
                picked = rng.sample(concerns, rng.choice((1, 2, 2)))
                text = rng.choices(words, cum_weights=cumulative, k=rng.randint(50, 110))
                for _ in range(rng.randint(0, 3)):
                    text.insert(rng.randrange(len(text)), rng.choice(PHRASES))
                text.insert(rng.randrange(len(text)), NAMES[codes[0]])
                documents.append(
                    Document(
                        case=case,
                        kind=rng.choice(KINDS),
                        ua_number=case.ua_number,
                        document_index=None,
                        title=" / ".join(c.name for c in picked) + f" {NAMES[codes[0]]}",
                        countries=codes,
                        issue_date=case.issued + dt.timedelta(days=rng.randint(0, 90)),
                        people_at_risk=[f"{rng.choice(words).title()} {rng.choice(words).title()}"],
                        body=" ".join(text).capitalize() + ".",
                        source_hash=hashlib.sha256(f"bench-{n}".encode()).hexdigest(),
                    )
                )
                concern_rows.append(picked)
                countries.append(codes)
            Document.objects.bulk_create(documents, batch_size=1000)
            DocumentCountry.objects.bulk_create(
                (
                    DocumentCountry(document_id=document.pk, code=code, position=position)
                    for document, codes in zip(documents, countries, strict=True)
                    for position, code in enumerate(codes)
                ),
                batch_size=2000,
            )
            through.objects.bulk_create(
                (
                    through(document_id=document.pk, concern_id=concern.pk)
                    for document, picked in zip(documents, concern_rows, strict=True)
                    for concern in picked
                ),
                batch_size=2000,
            )
        print(f"\r  filled {start + size}/{count}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_mix(rounds: int, forget: bool, heading: str | None = None) -> None:
    """Run the mix `rounds` times and print p50/p95 per search and over all.

    With `forget`, what earlier rounds remembered is deleted before each round, so
    every search is computed as it is the first time after the index changed (the
    cursor walk's later pages still reuse the facet counts of its first page, as
    they do in use); without, each round after the first is answered from memory.
    """
    from django.core.cache import cache

    from lifeline.archive import asked, search

    today = dt.date(2026, 11, 23)
    timings: dict[str, list[float]] = {label: [] for label, _, _ in MIX}
    timings["cursor walk (per page)"] = []
    totals: dict[str, int] = {}
    for _ in range(rounds):
        if forget:
            cache.clear()
        for label, query, filters in MIX:
            started = time.perf_counter()
            result = search(query, today=today, **filters)
            timings[label].append((time.perf_counter() - started) * 1000)
            asked.record(result, query, today=today, **filters)  # as the search page does
            totals[label] = result.total
        # Ten pages deep by date through cursors, each timed alone.
        cursor = None
        for _ in range(10):
            started = time.perf_counter()
            result = search("", sort="date", cursor=cursor, today=today)
            timings["cursor walk (per page)"].append((time.perf_counter() - started) * 1000)
            asked.record(result, "", sort="date", cursor=cursor, today=today)
            cursor = result.next_cursor
    everything = [value for values in timings.values() for value in values]
    if heading is None:
        heading = "nothing remembered (each round from scratch)" if forget else "remembered"
    print(f"  {heading}, {rounds} rounds:")
    print(f"  {'search':<26} {'matches':>9} {'p50 ms':>8} {'p95 ms':>8}")
    for label, values in timings.items():
        matches = totals.get(label, "")
        print(
            f"  {label:<26} {matches!s:>9} {statistics.median(values):8.1f} "
            f"{percentile(values, 0.95):8.1f}"
        )
    print(
        f"  {'all searches':<26} {'':>9} {statistics.median(everything):8.1f} "
        f"{percentile(everything, 0.95):8.1f}"
    )


def run_all(cold_rounds: int, rounds: int) -> None:
    from django.db import transaction

    from lifeline.archive import cache, warming

    run_mix(cold_rounds, forget=True)
    # The last round from scratch left every search of the mix remembered.
    run_mix(rounds, forget=False)
    # The index changes (as one imported document does), which makes everything
    # remembered stale; then the warming that the worker runs after it asks the
    # searches of the mix again before anyone comes back.
    with transaction.atomic():
        cache.bump()
    started = time.perf_counter()
    asked = warming.warm()
    print(f"  warming after a change: {asked} searches in {time.perf_counter() - started:.1f} s")
    run_mix(rounds, forget=False, heading="after a change, once warmed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--cold-rounds", type=int, default=3, help="rounds from scratch")
    parser.add_argument("--rounds", type=int, default=20, help="rounds answered from memory")
    parser.add_argument("--keep", action="store_true", help="keep the database and say where")
    parser.add_argument(
        "--reuse",
        metavar="DATABASE_URL",
        help="run the searches on a database an earlier --keep run filled and indexed",
    )
    arguments = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="lifeline-bench-")
    os.environ["LIFELINE_DATA_DIR"] = data_dir
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lifeline.settings"
    drop = None
    url = os.environ.get("DATABASE_URL")
    if arguments.reuse:
        os.environ["DATABASE_URL"] = arguments.reuse
    elif url and url.startswith("postgres"):
        os.environ["DATABASE_URL"], name, admin_url = throwaway_postgres(url)
        drop = (name, admin_url)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from lifeline.archive.indexing import reindex
    from lifeline.cases.models import Document

    try:
        call_command("migrate", verbosity=0)
        if connection.vendor == "postgresql":
            version = connection.cursor().connection.info.server_version
            backend = f"PostgreSQL {version // 10000}.{version % 10000}"
        else:
            backend = f"SQLite {connection.Database.sqlite_version} (WAL, synchronous=NORMAL)"
        print(f"bench/search.py, {dt.date.today().isoformat()}, {machine()}, {backend}")
        if arguments.reuse:
            documents = Document.objects.count()
            print(f"  reusing {documents} documents in {arguments.reuse}")
            run_all(arguments.cold_rounds, arguments.rounds)
            return
        started = time.perf_counter()
        fill(arguments.count)
        print(f"  fill:  {arguments.count} documents in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        reindex(progress=sys.stderr.isatty())
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"  index: {time.perf_counter() - started:.0f} s (reindex from scratch, then ANALYZE)"
        )
        run_all(arguments.cold_rounds, arguments.rounds)
    finally:
        connection.close()
        if drop and not arguments.keep:
            import psycopg

            name, admin_url = drop
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        elif drop:
            print(f"  kept database {drop[0]}")
        if arguments.keep and not drop:
            print(f"  kept database {data_dir}/bench.sqlite3")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
