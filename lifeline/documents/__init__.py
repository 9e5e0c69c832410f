"""Reading case sheets: legacy text, PDF and HTML into a ParsedDocument.

Pure Python: nothing here imports Django, so it can be tested and benchmarked alone.
"""

import os

from lifeline.documents.limits import Limits, Unreadable
from lifeline.documents.model import ParsedAppealGroup, ParsedDocument, ParsedTarget

__all__ = [
    "Limits",
    "ParsedAppealGroup",
    "ParsedDocument",
    "ParsedTarget",
    "Unreadable",
    "parse",
    "read_path",
]


def parse(data: str | bytes, filename: str = "", limits: Limits | None = None) -> ParsedDocument:
    """Parse one document; never raises (unreadable input gives kind "other").

    A file that is no document at all (binary, empty, too large, ...) comes back
    with `refused` saying why.
    """
    from lifeline.documents.parser import parse as _parse

    return _parse(data, filename, limits)


def read_path(path: str | os.PathLike[str], limits: Limits | None = None) -> ParsedDocument:
    """Read and parse the file at `path` within `limits` (see sandbox.py).

    Raises Unreadable when the path is no regular file or is over the size limit;
    a file read but refused comes back with `refused` saying why.
    """
    from lifeline.documents.sandbox import read_path as _read_path

    return _read_path(path, limits or Limits())
