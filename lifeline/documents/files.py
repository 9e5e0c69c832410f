"""Reading a file's bytes without trusting what the path points to.

A path may name a FIFO (opening it for reading blocks until a writer comes), a
link to /dev/zero (reading never ends) or a file far larger than any case
sheet. Only regular files are read, and never more than the size limit.
"""

from __future__ import annotations

import os
import stat

from lifeline.documents.limits import Unreadable

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_file(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of the regular file at `path`; raises Unreadable saying why not.

    Links are followed, but what they lead to must be a regular file. The file
    is opened non-blocking (a FIFO swapped in after the first check cannot hang
    us) and checked again through its descriptor before anything is read.
    """
    try:
        before = os.stat(path)
    except OSError as error:
        raise Unreadable(error.strerror or str(error)) from None
    _check(before, max_bytes)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise Unreadable(error.strerror or str(error)) from None
    try:
        _check(os.fstat(descriptor), max_bytes)
        chunks, total = [], 0
        # Read one byte past the limit: a file that grew since fstat is still caught.
        while total <= max_bytes:
            chunk = os.read(descriptor, min(1024 * 1024, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise Unreadable(error.strerror or str(error)) from None
    finally:
        os.close(descriptor)
    if total > max_bytes:
        raise Unreadable(too_large(max_bytes))
    return b"".join(chunks)


def too_large(max_bytes: int) -> str:
    return f"over the size limit of {_size(max_bytes)}"


def _check(status: os.stat_result, max_bytes: int) -> None:
    if not stat.S_ISREG(status.st_mode):
        kind = next((name for test, name in _KINDS if test(status.st_mode)), "not a file")
        raise Unreadable(f"not a regular file ({kind})")
    if status.st_size > max_bytes:
        raise Unreadable(f"{too_large(max_bytes)} ({_size(status.st_size)})")


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if count >= 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count} bytes"
