"""Writes a search makes on the side (remembering an answer, recording what was asked),
which on SQLite give up at once rather than wait behind an import for the write lock."""

from __future__ import annotations

import contextlib

from django.db import connection

# How long such a write waits for SQLite's write lock, in ms. The connection's own
# busy timeout (20 s) is for writes that must happen; these may be skipped.
SQLITE_WRITE_WAIT_MS = 20


@contextlib.contextmanager
def without_waiting():
    """On SQLite, wait at most SQLITE_WRITE_WAIT_MS for the write lock inside, then fail
    (with OperationalError, "database is locked"); elsewhere, nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_WRITE_WAIT_MS}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {previous}")
