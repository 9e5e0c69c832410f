"""How much a file may ask of the reader before it is refused.

An archive holds hostile files as well as legacy ones: binary junk under a
.txt name, PDF bombs, pages of endlessly nested tags, links to devices. Every
limit here turns such a file into a refusal with a reason, so the batch it is
in goes on. The importer fills `Limits` from the settings (docs/security.md), the
commands without Django from the environment (`lifeline.lib.import_limits`).
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * MB  # a file larger than this is not read at all
    seconds: float = 30.0  # wall-clock budget to read one PDF or HTML file (or a large text)
    memory_bytes: int = 512 * MB  # address space a reading child may add to its parent's
    max_pages: int = 200  # pages of a PDF
    max_depth: int = 1000  # nesting of HTML elements
    # Text files up to this size are read in process, without the round trip to the
    # child (about 1.5 ms): sheets are a few kilobytes, and the parser reads about
    # 1 MB of text a second, so a text this large cannot run long.
    inline_bytes: int = MB // 2


def memory_reason(limits: Limits) -> str:
    return f"needs more than {limits.memory_bytes // MB} MB of memory to read"


class Unreadable(Exception):
    """The file cannot be read as a document; the message says why, for a person."""
