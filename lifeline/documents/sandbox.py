"""Parsing files in a child process bounded in time and memory.

pdfminer and the HTML parser have no limits of their own: a 1.9 MB PDF bomb
inflates to gigabytes, a page of deeply nested tags takes minutes. So PDF and
HTML files, and text files too large to be sure of, are parsed in a forked
child whose address space is capped (RLIMIT_AS) and which is killed when a
file's time budget runs out. Small text files, nearly all sheets, are parsed in
process.

Forking the importing process costs about 25 ms (its page tables are large),
more than parsing a sheet, so one child reads file after file and is replaced
only when it was killed or ran out of memory: a file costs a round trip
through a pipe.
"""

from __future__ import annotations

import math
import os
import pickle
import resource
import select
import signal
import struct
import time
from contextlib import suppress

from lifeline.documents import extract
from lifeline.documents.files import read_file
from lifeline.documents.limits import MB, Limits, memory_reason
from lifeline.documents.model import ParsedDocument
from lifeline.documents.parser import parse

_HEADER = struct.Struct("!Q")
# A child that grew past half its memory budget (a big file's arenas are not
# always given back) retires after answering, so the next file gets a fresh one.
_RETIRE_SHARE = 0.5


class Reader:
    """Reads files within `limits`; use as a context manager, or call close()."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._child: _Child | None = None

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._child is not None:
            self._child.stop()
            self._child = None

    def read_path(self, path: str | os.PathLike[str]) -> ParsedDocument:
        """Read the regular file at `path` (raises Unreadable) and parse it within limits."""
        data = read_file(path, self.limits.max_bytes)
        return self.parse(data, os.path.basename(path))

    def parse(self, data: bytes, filename: str) -> ParsedDocument:
        """parse(), in the bounded child when the file may ask too much of it."""
        if not hasattr(os, "fork") or not needs_child(data, filename, self.limits):
            return parse(data, filename, self.limits)
        if self._child is None:
            self._child = _Child(self.limits)
        child = self._child
        document, alive = child.parse(data, filename)
        if not alive:
            child.stop()
            self._child = None
        return document


def needs_child(data: bytes, filename: str, limits: Limits) -> bool:
    if not data.strip() or len(data) > limits.max_bytes:
        return False  # refused at once, without parsing
    return len(data) > limits.inline_bytes or extract.sniff(data, filename) != extract.TEXT


def read_path(path: str | os.PathLike[str], limits: Limits) -> ParsedDocument:
    """One file read by a Reader of its own (a fork for a PDF or HTML file)."""
    with Reader(limits) as reader:
        return reader.read_path(path)


class _Child:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        _preload()
        request_read, self._requests = os.pipe()
        self._answers, answer_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            status = 1
            try:
                os.close(self._requests)
                os.close(self._answers)
                status = _serve(request_read, answer_write, limits)
            finally:
                # Never return into the parent's code, nor flush its buffers or close
                # its database connections from here.
                os._exit(status)
        os.close(request_read)
        os.close(answer_write)
        self.status: int | None = None

    def parse(self, data: bytes, filename: str) -> tuple[ParsedDocument, bool]:
        """The parsed document and whether the child can take another file."""
        request = pickle.dumps((data, filename), pickle.HIGHEST_PROTOCOL)
        try:
            _write_all(self._requests, _HEADER.pack(len(request)) + request)
        except OSError:
            return self._failed(data, filename), False
        deadline = time.monotonic() + self.limits.seconds
        try:
            header = _read_exactly(self._answers, _HEADER.size, deadline)
            answer = _read_exactly(self._answers, _HEADER.unpack(header)[0], deadline)
        except TimeoutError:
            self.stop()
            return _refused(data, filename, _slow(self.limits)), False
        except EOFError:
            return self._failed(data, filename), False
        document, alive = pickle.loads(answer)  # noqa: S301 (our own child wrote it)
        return document, alive

    def _failed(self, data: bytes, filename: str) -> ParsedDocument:
        """The child died: say why, by how it ended."""
        status = self._reap()
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            if number == signal.SIGXCPU:
                return _refused(data, filename, _slow(self.limits))
            name = signal.Signals(number).name if number in signal.valid_signals() else number
            return _refused(data, filename, f"the reader stopped ({name})")
        if os.WEXITSTATUS(status) == _OUT_OF_MEMORY:
            return _refused(data, filename, memory_reason(self.limits))
        return _refused(data, filename, f"the reader failed (exit {os.WEXITSTATUS(status)})")

    def stop(self) -> None:
        if self.status is None:
            with suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()

    def _reap(self) -> int:
        if self.status is None:
            for descriptor in (self._requests, self._answers):
                with suppress(OSError):
                    os.close(descriptor)
            self.status = os.waitpid(self.pid, 0)[1]
        return self.status


_OUT_OF_MEMORY = 3  # the child's exit status when an allocation failed outside parse()


def _serve(requests: int, answers: int, limits: Limits) -> int:
    """The child's loop: a file in, its document out, until the parent closes the pipe."""
    start = _address_space()
    if start:
        cap = start + limits.memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)[1]
    while True:
        try:
            header = _read_exactly(requests, _HEADER.size, None)
        except EOFError:
            return 0
        try:
            data, filename = pickle.loads(_read_exactly(requests, _HEADER.unpack(header)[0], None))  # noqa: S301
            # The CPU limit is a backstop should the parent die mid-file; the parent
            # itself keeps the wall-clock budget.
            used = resource.getrusage(resource.RUSAGE_SELF)
            soft = math.ceil(used.ru_utime + used.ru_stime + limits.seconds) + 1
            if hard_cpu != resource.RLIM_INFINITY:
                soft = min(soft, hard_cpu)
            resource.setrlimit(resource.RLIMIT_CPU, (soft, hard_cpu))
            document = parse(data, filename, limits)
            del data
            grown = start and _address_space() - start > _RETIRE_SHARE * limits.memory_bytes
            alive = document.refused != memory_reason(limits) and not grown
            answer = pickle.dumps((document, alive), pickle.HIGHEST_PROTOCOL)
            _write_all(answers, _HEADER.pack(len(answer)) + answer)
        except MemoryError:
            return _OUT_OF_MEMORY
        if not alive:
            return 0


def _preload() -> None:
    """Import the readers here, once, so that a new child does not import them again."""
    import selectolax.lexbor  # noqa: F401


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return 0  # no /proc: no memory cap, the time budget still holds


def _read_exactly(descriptor: int, size: int, deadline: float | None) -> bytes:
    chunks, left = [], size
    while left:
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([descriptor], [], [], wait)[0]:
                raise TimeoutError
        chunk = os.read(descriptor, min(left, MB))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _slow(limits: Limits) -> str:
    return f"took longer than {limits.seconds:g} s to read"


def _refused(data: bytes, filename: str, reason: str) -> ParsedDocument:
    import hashlib

    return ParsedDocument(
        source=filename, refused=reason, source_hash=hashlib.sha256(data).hexdigest()
    )
