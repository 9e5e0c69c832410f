"""Parse throughput: fictional case sheets through `lifeline.documents.parse`, on one core.

    .venv/bin/python bench/parse.py [N]     # N documents, default 10,000

The sheets come from bench/corpus.py (seed 0), across the layouts and with
conversion artifacts, and are parsed as the importer reads them: UTF-8 bytes
with a filename. Generating them is not timed. A second, smaller run parses
the same sheets encoded as Windows-1252, which sends them down the slower
legacy-decoding path (charset-normalizer); archives of the 1990s hold many.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpus import generate  # noqa: E402
from machine import machine  # noqa: E402

from lifeline.documents import parse  # noqa: E402

AIM = 3_000  # documents per second, from the issue


def timed(documents: list[tuple[str, bytes]]) -> tuple[float, Counter]:
    kinds: Counter = Counter()
    gc.collect()
    started = time.perf_counter()
    for filename, data in documents:
        kinds[parse(data, filename).kind] += 1
    return time.perf_counter() - started, kinds


def main() -> None:
    count = max(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, 1)
    sheets = generate(count, seed=0)
    documents = [(filename, text.encode("utf-8")) for filename, text in sheets]
    size = sum(len(data) for _, data in documents) / len(documents)
    parse(*documents[0][::-1])  # load the country tables and compile what is lazy

    seconds, kinds = timed(documents)
    rate = len(documents) / seconds
    print(f"bench/parse.py, {dt.datetime.now().isoformat(timespec='seconds')}, {machine()}")
    print(f"  {len(documents)} fictional documents, mean {size:,.0f} bytes, UTF-8")
    print(f"  parse: {rate:8.0f} documents/s  ({seconds:.2f} s total, {1000 / rate:.3f} ms mean)")
    print(f"  aim:   {AIM:8d} documents/s  ({'met' if rate >= AIM else 'NOT met'})")
    print("  kinds: " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))

    legacy = [
        (filename, text.encode("cp1252", errors="replace"))
        for filename, text in sheets[: max(len(sheets) // 10, 1)]
    ]
    seconds, _ = timed(legacy)
    rate = len(legacy) / seconds
    print(
        f"  Windows-1252 bytes: {rate:8.0f} documents/s "
        f"({len(legacy)} documents, {1000 / rate:.3f} ms mean)"
    )


if __name__ == "__main__":
    main()
