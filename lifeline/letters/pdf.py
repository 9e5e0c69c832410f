"""Appeal letters as PDF, laid out by typst from the template in `typst/letter.typ`.

The letter goes to the template as JSON through `sys_inputs`, never as typst
source, so nothing a writer types can become markup.

One `typst.Compiler` per process, made on first use: making it scans the
system's fonts (about 0.1 s, more with large CJK fonts installed), and a
compiler kept alive reuses its fonts and template. Its compile calls release
the GIL but share the compiler's inputs, so they run one at a time per process.
"""

from __future__ import annotations

import json
import threading
import unicodedata
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typst

from lifeline.letters.compose import Letter, Writer
from lifeline.letters.render import text_direction
from lifeline.lib.env import env_paths

TEMPLATE = Path(__file__).with_name("typst") / "letter.typ"
PAPERS = ("a4", "us-letter")
# A blank letter's writer name: the letter says "My name is ________ ..." and the
# template draws lines to write on for the sender's address and the signature.
BLANK_NAME = "_" * 16

# The fonts the template falls back on, beyond typst's own Libertinus (Latin,
# Greek, Cyrillic): where Debian puts them, and the package that does.
FONT_FILES = {
    "Noto Serif": Path("/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf"),
    "Noto Naskh Arabic": Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf"),
    "WenQuanYi Micro Hei": Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
}
FONT_PACKAGES = {
    "Noto Serif": "fonts-noto-core",
    "Noto Naskh Arabic": "fonts-noto-core",
    "WenQuanYi Micro Hei": "fonts-wqy-microhei",
}

# A line of 11-point text holds about this many characters on A4 or US Letter,
# and a page surely holds this many lines (`estimated_lines`; pages overflowed
# from 58 in trials); beyond that the template measures the letter and shrinks
# the type until it fits on one page.
_LINE_CHARS = 90
_SURE_FIT_LINES = 52

# How many compilations typst-py keeps a memo entry unused (its comemo::evict(10)).
_MEMO_LIFETIME = 10
_DOCUMENT = {"paper": "a4", "envelope": False, "title": "Appeal letters", "author": "Lifeline"}

_compiler: typst.Compiler | None = None
_lock = threading.Lock()  # held while compiling
_making = threading.Lock()  # held while making the compiler


def blank_writer() -> Writer:
    """A writer whose name, address and signature are left to fill in by hand."""
    return Writer(name=BLANK_NAME)


def is_blank(letter: Letter) -> bool:
    return letter.signature == BLANK_NAME


def letter_data(letter: Letter) -> dict[str, Any]:
    """What the template reads of one letter: each line or paragraph with its direction."""
    direction = "rtl" if letter.direction == "rtl" else "ltr"

    def run(text: str) -> dict[str, str]:
        return {"t": text, "d": text_direction(text, direction)}

    return {
        "language": letter.language,
        "direction": direction,
        "blank": is_blank(letter),
        "fit": estimated_lines(letter) > _SURE_FIT_LINES,
        "sender_block": [run(line) for line in letter.sender_block],
        "date_line": run(letter.date_line),
        "recipient_block": [run(line) for line in letter.recipient_block],
        "salutation": run(letter.salutation),
        "paragraphs": [run(paragraph) for paragraph in letter.paragraphs],
        "closing": run(letter.closing),
        "signature": run(letter.signature),
        "copies_to": run(letter.copies_to),
    }


def estimated_lines(letter: Letter) -> float:
    """About how many 11-point lines the letter fills, blank lines between blocks included."""
    sender = 8 if is_blank(letter) else len(letter.sender_block)
    blocks = sender + 1 + len(letter.recipient_block) + 1 + 3 + 4  # date, salutation, closing
    text = [*letter.paragraphs, letter.copies_to]
    return blocks + sum(_lines(paragraph) + 0.5 for paragraph in text if paragraph)


def _lines(text: str) -> int:
    return sum(-(-_width(line) // _LINE_CHARS) or 1 for line in text.split("\n"))


def _width(text: str) -> int:
    # Chinese, Japanese and Korean characters are about twice as wide as Latin ones.
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def letter_pdf(letter: Letter, paper: str = "a4", envelope: bool = False) -> bytes:
    """One letter as a PDF: one page where it fits, then the envelope page if asked.

    `paper` is "a4" or "us-letter". The type shrinks (to 9 pt at the least) to
    keep a long letter on one page; a letter longer still runs on to a second.
    """
    return render_data([letter_data(letter)], paper, envelope=envelope, title=_title(letter))


def render_many(
    letters: Sequence[Letter], paper: str = "a4", *, envelope: bool = False, tagged: bool = True
) -> bytes:
    """Several letters in one PDF, each from a new page (much faster than one by one)."""
    data = [letter_data(letter) for letter in letters]
    return render_data(data, paper, envelope=envelope, tagged=tagged)


def render_data(
    letters: list[dict[str, Any]],
    paper: str = "a4",
    *,
    envelope: bool = False,
    tagged: bool = True,
    title: str = "Appeal letters",
) -> bytes:
    """Compile letters already turned into `letter_data` dicts.

    `tagged=False` leaves out the PDF structure tree (for screen readers), which
    only makes sense for a whole document and would not survive joining chunks.
    """
    if paper not in PAPERS:
        raise ValueError(f"Unknown paper {paper!r}: choose one of {', '.join(PAPERS)}.")
    document = {**_DOCUMENT, "paper": paper, "envelope": envelope, "title": title}
    inputs = {"data": json.dumps({**document, "letters": letters}, ensure_ascii=False)}
    typst_compiler = compiler()
    with _lock:
        pdf = typst_compiler.compile(format="pdf", sys_inputs=inputs, pdf_tags=tagged)
    if not isinstance(pdf, bytes):  # typst gives a list of images for image formats only
        raise TypeError(f"typst returned {type(pdf).__name__}, not the PDF's bytes")
    return pdf


def release_caches() -> None:
    """Let typst drop what it memoised for the documents compiled so far.

    typst-py keeps memo entries used within its last 10 compilations, so after a
    200-letter chunk it holds on to ~100 MB per chunk up to ten chunks. Ten
    compilations of an empty document (2 ms each) age them out; the memory goes
    back to typst's allocator for the next chunk.
    """
    empty = {"data": json.dumps({**_DOCUMENT, "letters": []})}
    typst_compiler = compiler()
    with _lock:
        for _ in range(_MEMO_LIFETIME):
            typst_compiler.compile(format="pdf", sys_inputs=empty, pdf_tags=False)


def compiler() -> typst.Compiler:
    """The process's one compiler, made on first use."""
    global _compiler
    if _compiler is None:
        with _making:
            if _compiler is None:
                folders, own_only = _font_paths()
                _compiler = typst.Compiler(
                    str(TEMPLATE),
                    root=TEMPLATE.parent,
                    font_paths=folders,
                    ignore_system_fonts=own_only,
                )
    return _compiler


def _font_paths() -> tuple[list[str], bool]:
    """The font folders to give typst, and whether it may skip the system's fonts.

    Raises ConfigError when LIFELINE_FONT_PATHS names a folder that is not there.

    When every font the template names is found in its Debian place, typst
    reads only those folders: the same fonts on every machine, and a compiler
    made in 0.06 s rather than 0.1 s or more. Otherwise it also takes the system's
    fonts and says which are missing, for a letter in a missing script would
    show empty boxes.
    """
    # Extra folders, for fonts installed elsewhere (a container's /opt/fonts).
    extra = [str(path) for path in env_paths("LIFELINE_FONT_PATHS")]
    missing = missing_fonts()
    if missing:
        warnings.warn(
            "Fonts missing, so some scripts may not render in PDFs: "
            + ", ".join(f"{family} ({package})" for family, package in missing),
            RuntimeWarning,
            stacklevel=3,
        )
        return extra, False
    folders = sorted({str(path.parent) for path in FONT_FILES.values()})
    return [*folders, *extra], True


def missing_fonts() -> list[tuple[str, str]]:
    """(family, Debian package) of each font the template needs that is not installed."""
    return [
        (family, FONT_PACKAGES[family]) for family, path in FONT_FILES.items() if not path.exists()
    ]


def _title(letter: Letter) -> str:
    to = letter.recipient_block[0] if letter.recipient_block else ""
    return f"Appeal letter to {to}" if to else "Appeal letter"
