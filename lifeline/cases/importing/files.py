"""Collecting the files to import: walking folders and globs, reading each file through
the sandboxed reader, and refusing what is no case sheet, each with its reason.

Nothing here touches the database.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.utils.translation import gettext as _

from lifeline.cases.errors import ImportRejected
from lifeline.documents import Limits, ParsedDocument, Unreadable
from lifeline.documents.limits import MB
from lifeline.documents.sandbox import Reader

SUFFIXES = (".txt", ".pdf", ".html", ".htm")
_GLOB_MAGIC = re.compile(r"[*?[]")


class ImportFailure(NamedTuple):
    path: str
    reason: str


def limits() -> Limits:
    """What one file may ask of the reader, from the settings (docs/security.md)."""
    return Limits(
        max_bytes=settings.IMPORT_MAX_MB * MB,
        seconds=settings.IMPORT_SECONDS,
        memory_bytes=settings.IMPORT_MEMORY_MB * MB,
        max_pages=settings.IMPORT_MAX_PDF_PAGES,
        max_depth=settings.IMPORT_MAX_HTML_DEPTH,
    )


def reason(exc: Exception) -> str:
    """How a failure reads in the report: our refusals as they are, else the error's type."""
    if isinstance(exc, ImportRejected):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def collect(paths: Iterable[str], failures: list[ImportFailure]) -> list[Path]:
    """The files to import, in a stable order, each once; unknown paths go to `failures`.

    Folders and globs yield only case-sheet suffixes; a file named explicitly with
    another suffix is a failure rather than silently ignored. Broken symlinks are
    kept, so that reading them reports the problem by name.
    """
    found: dict[Path, None] = {}

    def add_folder(folder: Path) -> None:
        for entry in sorted(folder.rglob("*")):
            if entry.suffix.lower() in SUFFIXES and not entry.is_dir():
                found[entry] = None

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            add_folder(path)
        elif path.exists() or path.is_symlink():
            if path.suffix.lower() in SUFFIXES:
                found[path] = None
            else:
                failures.append(ImportFailure(raw, _("not a .txt, .pdf or .html file")))
        elif _GLOB_MAGIC.search(raw) and (matches := sorted(glob.glob(raw, recursive=True))):
            for match in map(Path, matches):
                if match.is_dir():
                    add_folder(match)
                elif match.suffix.lower() in SUFFIXES:
                    found[match] = None
        else:
            failures.append(ImportFailure(raw, _("no such file")))
    return list(found)


def read(reader: Reader, path: Path) -> ParsedDocument | ImportFailure:
    """The file parsed, or why it is refused: unreadable, over a limit, no case sheet."""
    try:
        document = reader.read_path(path)
    except Unreadable as exc:
        return ImportFailure(str(path), str(exc))
    # parse() promises not to raise; if a bug makes it, the other files go on.
    except Exception as exc:
        return ImportFailure(str(path), reason(exc))
    if document.refused:
        return ImportFailure(str(path), document.refused)
    return document
