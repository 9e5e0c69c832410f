"""Reading PDFs back with poppler's tools, as a person's PDF viewer would."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

# Bidi embedding marks pdftotext puts around right-to-left runs.
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e]")


def _run(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        result = subprocess.run(
            [tool, *args, handle.name, *(["-"] if tool == "pdftotext" else [])],
            capture_output=True,
            text=True,
            check=True,
        )
    return result.stdout


def pdf_text(pdf: bytes, first: int | None = None, last: int | None = None) -> str:
    """The text of `pdf` (or of pages first..last), bidi marks removed."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return _MARKS.sub("", _run("pdftotext", pdf, *pages))


def squeezed(text: str) -> str:
    """`text` without any whitespace, so lines wrapped anywhere still compare."""
    return re.sub(r"\s+", "", text)


def pdf_info(pdf: bytes) -> dict[str, str]:
    info = {}
    for line in _run("pdfinfo", pdf).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def page_count(pdf: bytes | Path) -> int:
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    return int(pdf_info(data)["Pages"])


def page_size(pdf: bytes) -> tuple[float, float]:
    """Width and height of the first page in points."""
    width, _, rest = pdf_info(pdf)["Page size"].partition(" x ")
    return round(float(width)), round(float(rest.split()[0]))


def font_names(pdf: bytes) -> str:
    """pdffonts' table: the embedded fonts' names."""
    return _run("pdffonts", pdf)
