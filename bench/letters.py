"""PDF letters: one at a time, and print packs of growing size with their peak memory.

    .venv/bin/python bench/letters.py [SINGLE] [PACK_SIZES]
    .venv/bin/python bench/letters.py 300 100,2000,10000      # the defaults

Letters are composed from the real sample 000 (when ../shared/samples is
there) and the fictional demo sheets: every target with a postal address, in
English, French, Spanish and Arabic, each with its own seed.

Single letters: `compose` then `letter_pdf`, timed apart, one letter per call
as a web request makes them (after one warm-up letter that makes the typst
compiler). Packs: `write_pack` into a file, each size in a fresh process so
its peak RSS (getrusage ru_maxrss) is its own; composing is part of the time,
as in `lifeline pack`.
"""

from __future__ import annotations

import itertools
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from machine import machine  # noqa: E402

from lifeline.documents import parse  # noqa: E402
from lifeline.letters import Letter, Writer, compose  # noqa: E402
from lifeline.letters.pdf import blank_writer, letter_pdf  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "samples" / "000_53efcc61e7a56288.txt"
SHEETS = ROOT / "lifeline" / "demo" / "sheets"
LANGUAGES = ("en", "fr", "es", "ar")
WRITER = Writer(
    name="Ana Silva", address=["12 Rose Street"], city="Edinburgh EH2 2PR", country="GB"
)
AIM_SINGLE_MS = 30
AIM_PACK_RATE = 400
AIM_PACK_MB = 500


def destinations() -> list[tuple]:
    """(document, group, target) for every target with a postal address."""
    files = sorted(SHEETS.glob("*.txt")) + ([SAMPLE] if SAMPLE.exists() else [])
    found = []
    for path in files:
        document = parse(path.read_bytes(), filename=str(path))
        if document.kind == "stop_action":
            continue
        for group in document.appeal_groups:
            found.extend((document, group, t) for t in group.targets if t.address)
    return found


def letters(count: int, writer: Writer, targets: list[tuple]) -> Iterator[Letter]:
    cases = itertools.cycle(itertools.product(targets, LANGUAGES))
    for index, ((document, group, target), language) in enumerate(itertools.islice(cases, count)):
        yield compose(document, group, target, writer, language, "letter", seed=index)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def single(count: int) -> None:
    targets = destinations()
    # The first letter makes the compiler (fonts, template); one in each language
    # loads that language's locale data and fonts.
    for letter in letters(len(LANGUAGES), WRITER, targets):
        letter_pdf(letter)
    composing, typesetting, typesetting_cpu = [], [], []
    started = time.perf_counter()
    source = letters(count, WRITER, targets)
    for _ in range(count):
        t0 = time.perf_counter()
        letter = next(source)
        t1, c1 = time.perf_counter(), time.process_time()
        letter_pdf(letter)
        t2, c2 = time.perf_counter(), time.process_time()
        composing.append((t1 - t0) * 1000)
        typesetting.append((t2 - t1) * 1000)
        typesetting_cpu.append((c2 - c1) * 1000)
    seconds = time.perf_counter() - started
    print(f"single letters: {count}, {count / seconds:.0f} letters/s (compose + PDF)")
    rows = (("compose", composing), ("letter_pdf", typesetting), ("  CPU time", typesetting_cpu))
    for name, values in rows:
        print(
            f"  {name:<10} median {statistics.median(values):6.1f} ms   "
            f"p99 {percentile(values, 0.99):6.1f} ms   max {max(values):6.1f} ms"
        )
    print(f"  aim: one letter under {AIM_SINGLE_MS} ms")


def pack_child(count: int) -> None:
    from lifeline.letters.pack import write_pack
    from lifeline.letters.pdf import compiler

    targets = destinations()
    compiler()  # made once per process, as in a worker: not part of the pack's time
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "pack.pdf"
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        written = write_pack(letters(count, blank_writer(), targets), out)
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
        size = out.stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{written} {seconds:.3f} {cpu:.3f} {peak:.1f} {size / 1e6:.1f}")


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def packs(sizes: list[int]) -> None:
    print("print packs (each in a fresh process; composing included):")
    # Letters per CPU second: what the pack would reach alone on one core, since
    # the machine these run on is often shared with other work.
    print(
        f"  {'letters':>8} {'seconds':>8} {'letters/s':>10} {'per CPU s':>10} "
        f"{'peak RSS MB':>12} {'PDF MB':>7}"
    )
    for size in sizes:
        result = subprocess.run(
            [sys.executable, __file__, "--pack-child", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        written, seconds, cpu, peak, megabytes = result.stdout.split()
        rate, per_cpu = int(written) / float(seconds), int(written) / float(cpu)
        print(
            f"  {written:>8} {seconds:>8} {rate:>10.0f} {per_cpu:>10.0f} {peak:>12} {megabytes:>7}"
        )
    print(f"  aim: at least {AIM_PACK_RATE} letters/s, peak under {AIM_PACK_MB} MB")


def main() -> None:
    if sys.argv[1:2] == ["--pack-child"]:
        pack_child(int(sys.argv[2]))
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    sizes = [int(n) for n in (sys.argv[2] if len(sys.argv) > 2 else "100,2000,10000").split(",")]
    print(f"bench/letters.py on {machine()}")
    print(f"{len(destinations())} targets x {len(LANGUAGES)} languages, cycled")
    single(count)
    packs(sizes)


if __name__ == "__main__":
    main()
