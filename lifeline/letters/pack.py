"""A print pack for a letter-writing evening: many letters in one PDF, streamed.

    letters --chunk of N--> typst (one Compiler, a worker thread) --> chunk PDF
            --> its pages' objects renumbered and appended to the output file

Memory stays flat however long the pack: at most three chunks are alive (one
being composed, one compiled, one joined), and of the pages already written
only their byte offsets and numbers are kept for the cross-reference table.
Typst releases the GIL while compiling, so composing and joining on the
calling thread overlap with it on a second core.

Each chunk embeds its own subsets of the fonts, so a pack is larger than one
document of the same letters would be (about 40 KB more per chunk).
"""

from __future__ import annotations

import io
import itertools
import os
from array import array
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, cast

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    IndirectObject,
    NameObject,
    StreamObject,
    create_string_object,
)

from lifeline.letters.compose import Letter
from lifeline.letters.pdf import letter_data, release_caches, render_data

_PAGES, _CATALOG = 1, 2  # our object numbers for the page tree and the catalogue


def write_pack(
    letters: Iterable[Letter],
    out: BinaryIO | str | os.PathLike[str],
    paper: str = "a4",
    chunk: int = 200,
    *,
    envelopes: bool = False,
) -> int:
    """Write `letters` into one PDF at `out`; return how many letters were written.

    `letters` is consumed lazily, `chunk` at a time, so a generator that
    composes as it goes keeps the caller's memory flat too. Each letter starts
    on a new page; with `envelopes`, each is followed by its envelope page. A
    path is written to "<path>.part" and renamed when complete.
    """
    if chunk < 1:
        raise ValueError("chunk must be at least 1")
    written = 0
    with _output(out) as stream, ThreadPoolExecutor(1, "typst") as typst_thread:
        joiner = PdfJoiner(stream)
        compiling: Future[bytes] | None = None
        for batch in _batches(letters, chunk):
            data = [letter_data(letter) for letter in batch]
            following = typst_thread.submit(_compile, data, paper, envelopes)
            if compiling is not None:
                joiner.append(compiling.result())
            compiling = following
            written += len(batch)
        if compiling is not None:
            joiner.append(compiling.result())
        joiner.close(title="Appeal letters")
    return written


def _compile(data: list[dict[str, Any]], paper: str, envelopes: bool) -> bytes:
    pdf = render_data(data, paper, envelope=envelopes, tagged=False)
    release_caches()  # or typst keeps ten chunks' worth of layout memoised
    return pdf


class PdfJoiner:
    """Appends the pages of whole PDFs to one output PDF as they come.

    Only the pages and what they use are copied (content streams, fonts,
    images); each appended document's objects are renumbered after the last.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.position = 0
        # offsets[n] is where object n starts; 0 for the free entry and for the
        # page tree and catalogue, which are written last.
        # Arrays of machine integers: 8 bytes an object rather than a Python int's 36.
        self.offsets = array("Q", [0, 0, 0])
        self.pages = array("Q")
        self._write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def append(self, pdf: bytes) -> int:
        """Copy every page of `pdf` after the pages so far; return how many."""
        reader = PdfReader(io.BytesIO(pdf))
        renumbered: dict[int, int] = {}
        # Whatever points at the chunk's page tree points at ours instead.
        page_tree = dict.get(cast(DictionaryObject, reader.trailer["/Root"]), "/Pages")
        if isinstance(page_tree, IndirectObject):
            renumbered[page_tree.idnum] = _PAGES
        queue: list[int] = []

        def number(old: int) -> int:
            if old not in renumbered:
                renumbered[old] = len(self.offsets)
                self.offsets.append(0)
                queue.append(old)
            return renumbered[old]

        # A page read from a file always has its reference.
        pages = [
            number(cast(IndirectObject, page.indirect_reference).idnum) for page in reader.pages
        ]
        page_numbers = set(pages)
        while queue:
            old = queue.pop()
            obj = reader.get_object(old)
            is_page = renumbered[old] in page_numbers
            if is_page:
                # Its parent becomes our page tree; its structure tree (for screen
                # readers) stays behind in the chunk.
                obj = DictionaryObject(dict.items(cast(DictionaryObject, obj)))
                obj.pop(NameObject("/Parent"), None)
                obj.pop(NameObject("/StructParents"), None)
            copy = _renumber(obj, number)
            if is_page:
                copy[NameObject("/Parent")] = IndirectObject(_PAGES, 0, None)
            self._object(renumbered[old], copy)
        self.pages.extend(pages)
        return len(pages)

    def close(self, title: str = "") -> None:
        """Write the page tree, catalogue, cross-reference table and trailer."""
        kids = " ".join(f"{n} 0 R" for n in self.pages)
        self._raw_object(
            _PAGES, f"<< /Type /Pages /Count {len(self.pages)} /Kids [{kids}] >>".encode()
        )
        self._raw_object(_CATALOG, f"<< /Type /Catalog /Pages {_PAGES} 0 R >>".encode())
        info = len(self.offsets)
        self.offsets.append(0)
        buffer = io.BytesIO()
        DictionaryObject(
            {
                NameObject("/Title"): create_string_object(title),
                NameObject("/Producer"): create_string_object("Lifeline"),
            }
        ).write_to_stream(buffer)
        self._raw_object(info, buffer.getvalue())
        start = self.position
        table = [f"xref\n0 {len(self.offsets)}\n0000000000 65535 f \n"]
        table.extend(f"{offset:010d} 00000 n \n" for offset in self.offsets[1:])
        table.append(
            f"trailer\n<< /Size {len(self.offsets)} /Root {_CATALOG} 0 R /Info {info} 0 R >>\n"
            f"startxref\n{start}\n%%EOF\n"
        )
        self._write("".join(table).encode())
        self.stream.flush()

    def _object(self, number: int, obj: Any) -> None:
        buffer = io.BytesIO()
        obj.write_to_stream(buffer)
        self._raw_object(number, buffer.getvalue())

    def _raw_object(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.position
        self._write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def _write(self, data: bytes) -> None:
        # Counted rather than asked with tell(): the output may be a pipe.
        self.stream.write(data)
        self.position += len(data)


def _renumber(obj: Any, number: Any) -> Any:
    """A copy of `obj` whose references point at the output's object numbers."""
    if isinstance(obj, IndirectObject):
        return IndirectObject(number(obj.idnum), 0, None)
    if isinstance(obj, StreamObject):
        stream: StreamObject = (
            EncodedStreamObject() if isinstance(obj, EncodedStreamObject) else DecodedStreamObject()
        )
        stream._data = obj._data  # the bytes as stored: copied, never decoded
        for key, value in dict.items(obj):
            stream[key] = _renumber(value, number)
        return stream
    if isinstance(obj, DictionaryObject):
        return DictionaryObject({key: _renumber(value, number) for key, value in dict.items(obj)})
    if isinstance(obj, ArrayObject):
        return ArrayObject(_renumber(value, number) for value in list.__iter__(obj))
    return obj


def _batches(letters: Iterable[Letter], size: int) -> Iterator[list[Letter]]:
    iterator = iter(letters)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


@contextmanager
def _output(out: BinaryIO | str | os.PathLike[str]) -> Iterator[BinaryIO]:
    if not isinstance(out, str | os.PathLike):
        yield out
        return
    path = Path(out)
    partial = path.with_name(path.name + ".part")
    try:
        with open(partial, "wb") as stream:
            yield stream
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
