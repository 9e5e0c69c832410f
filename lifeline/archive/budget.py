"""A time budget for one search, kept by the database itself.

A search that outlives its budget is stopped inside the database, not merely
abandoned by Python: a web client that gave up long ago must not leave a worker (and
a core) busy for minutes. `SearchTimeout` is raised in its place.

- SQLite: a progress handler on the connection, called every few thousand virtual
  machine steps, interrupts the statement once the deadline has passed. It cannot
  stop the inside of one call of a C function (FTS5's `snippet()` over one document),
  which is why the indexed text of each document is bounded (`indexing.py`), and the
  snippets' rows are also checked against the deadline one by one (`searching.py`).
- PostgreSQL: `statement_timeout`, set locally in a transaction (or savepoint) around
  the search and lowered before each of its statements to what is left of the
  budget; the server cancels the statement (SQLSTATE 57014) when it is spent.

Either way the connection stays usable afterwards: SQLite rolls nothing back for an
interrupted read, and on PostgreSQL the transaction or savepoint is rolled back.
"""

from __future__ import annotations

import contextlib
import time

from django.conf import settings
from django.db import OperationalError, connection, transaction

from lifeline.archive.results import SearchTimeout

# VM steps between two calls of the SQLite handler: rare enough to cost little, often
# enough to stop within a millisecond or so, and to be called between the few rows of
# a statement that does much work per row (snippets).
SQLITE_STEPS = 1000
QUERY_CANCELED = "57014"


class Budget:
    """The deadline of one search; `check()` between its statements."""

    def __init__(self, milliseconds: int):
        self.milliseconds = milliseconds
        self.deadline = time.monotonic() + milliseconds / 1000
        # PostgreSQL: the statement_timeout in force, lowered as the budget is spent.
        self.statement_ms = 0

    def remaining_ms(self) -> int:
        return int((self.deadline - time.monotonic()) * 1000)

    def spent(self) -> bool:
        return time.monotonic() >= self.deadline

    def check(self) -> None:
        """Raise SearchTimeout if the budget is spent; on PostgreSQL, give the next
        statement only what is left of it (a query more, so only once a fifth of the
        budget is gone: most searches take a few milliseconds and never pay it)."""
        remaining = self.remaining_ms()
        if remaining <= 0:
            raise SearchTimeout(self.milliseconds)
        if self.statement_ms and remaining < self.statement_ms * 0.8:
            _set_statement_timeout(f"{remaining}ms")
            self.statement_ms = remaining


class _NoBudget(Budget):
    def __init__(self):
        self.milliseconds = 0
        self.deadline = float("inf")

    def check(self) -> None:
        pass


def _set_statement_timeout(value: str) -> None:
    with connection.cursor() as cursor:
        # is_local = true: SET LOCAL, undone when the transaction or savepoint ends.
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [value])


def _timed_out(exc: OperationalError, budget: Budget) -> bool:
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) == QUERY_CANCELED:
        return True
    return connection.vendor == "sqlite" and "interrupt" in str(exc) and budget.spent()


@contextlib.contextmanager
def time_budget(milliseconds: int | None = None):
    """Run the block's queries within `milliseconds` (settings.SEARCH_TIMEOUT_MS when
    None; 0 for no limit), raising SearchTimeout when they outlive it. Yields the Budget,
    whose `check()` the block calls before each statement."""
    if milliseconds is None:
        milliseconds = settings.SEARCH_TIMEOUT_MS
    if milliseconds <= 0 or connection.vendor not in ("sqlite", "postgresql"):
        yield _NoBudget()
        return
    budget = Budget(milliseconds)
    try:
        if connection.vendor == "sqlite":
            with _sqlite_handler(budget):
                yield budget
        else:
            with _postgres_timeout(budget):
                yield budget
    except OperationalError as exc:
        if _timed_out(exc, budget):
            raise SearchTimeout(milliseconds) from exc
        raise


@contextlib.contextmanager
def _sqlite_handler(budget: Budget):
    connection.ensure_connection()
    raw = connection.connection

    def stop_when_spent() -> int:
        # Any non-zero answer interrupts the running statement ("interrupted").
        return 1 if time.monotonic() >= budget.deadline else 0

    raw.set_progress_handler(stop_when_spent, SQLITE_STEPS)
    try:
        yield
    finally:
        raw.set_progress_handler(None, 0)


@contextlib.contextmanager
def _postgres_timeout(budget: Budget):
    outer = connection.in_atomic_block
    with transaction.atomic():
        with connection.cursor() as cursor:
            # The caller's value (read first: the select list is evaluated in order),
            # and the budget's, local to this transaction or savepoint.
            cursor.execute(
                "SELECT current_setting('statement_timeout'), "
                "set_config('statement_timeout', %s, true)",
                [f"{budget.milliseconds}ms"],
            )
            previous = cursor.fetchone()[0]
        budget.statement_ms = budget.milliseconds
        yield
        if outer:
            # A SET LOCAL inside a savepoint outlives the savepoint's release: put the
            # caller's value back. (Rolled back, the savepoint takes it back itself.)
            _set_statement_timeout(previous)
