"""Backups of the database while the site runs, and putting one back.

SQLite: the library's online backup API copies the database in one step under a
read lock; in WAL mode writers go on meanwhile, and the copy is the database as
it was at one instant. PostgreSQL: pg_dump reads in one snapshot too, into its
custom format, which pg_restore puts back.

A backup is written beside its final name and moved there at the end, so a file
under that name is always a complete backup.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any


class BackupError(Exception):
    pass


def _draft(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial")


def _sqlite_file(database: Mapping[str, Any]) -> str:
    name = str(database["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return name


def backup(path: Path, database: Mapping[str, Any]) -> None:
    """Write a consistent copy of `database` (a DATABASES entry) to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = _draft(path)
    draft.unlink(missing_ok=True)
    try:
        # Private from its first byte, as it holds members' addresses: made with the
        # umask's mode by SQLite or pg_dump, it could be read by anyone while written.
        draft.touch(mode=0o600, exist_ok=False)
        if "sqlite" in database["ENGINE"]:
            _sqlite_backup(_sqlite_file(database), draft)
        else:
            _pg_run("pg_dump", database, ["--format=custom", "--no-owner", "--file", str(draft)])
        draft.chmod(0o600)
        draft.replace(path)
    finally:
        draft.unlink(missing_ok=True)


def restore(path: Path, database: Mapping[str, Any]) -> None:
    """Replace the contents of `database` with the backup at `path`."""
    if not path.is_file():
        raise BackupError(f"no backup at {path}")
    if "sqlite" in database["ENGINE"]:
        _sqlite_restore(path, _sqlite_file(database))
    else:
        _pg_run(
            "pg_restore",
            database,
            [
                # All or nothing: a failed restore leaves the database as it was.
                "--single-transaction",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                str(path),
            ],
        )


def _sqlite_backup(source_file: str, target: Path) -> None:
    source = sqlite3.connect(source_file, timeout=20)
    copy = sqlite3.connect(target)
    try:
        # Every page in one step: copied page by page, the backup starts over whenever
        # another process writes in between, and under steady writes never ends.
        source.backup(copy, pages=-1)
        # One self-contained file, whatever mode the site runs in.
        copy.execute("PRAGMA journal_mode=DELETE")
        (verdict,) = copy.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise BackupError(f"the copy failed its check: {verdict}")
    finally:
        copy.close()
        source.close()


def _sqlite_restore(backup_file: Path, target_file: str) -> None:
    backup_db = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    (verdict,) = backup_db.execute("PRAGMA quick_check").fetchone()
    if verdict != "ok":
        backup_db.close()
        raise BackupError(f"{backup_file} failed its check: {verdict}")
    Path(target_file).parent.mkdir(parents=True, exist_ok=True)
    # Through the same API: written under the database's own lock, so a process
    # that has it open sees the old contents or the new, never a mix.
    target = sqlite3.connect(target_file, timeout=20)
    try:
        backup_db.backup(target, pages=-1)
    finally:
        target.close()
        backup_db.close()


def _server_major(database: Mapping[str, Any]) -> int:
    from django.db import connections

    for connection in connections.all():
        if connection.settings_dict.get("NAME") == database["NAME"]:
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version_num")
                major = int(cursor.fetchone()[0]) // 10000
            # Nothing of Django's may hold a connection while pg_restore drops tables.
            connection.close()
            return major
    raise BackupError(f"no configured connection to {database['NAME']}")


def pg_binary(program: str, server_major: int) -> str:
    """pg_dump or pg_restore of the server's major version, or a newer one.

    An older pg_dump refuses a newer server; Debian keeps each installed version's
    programs under /usr/lib/postgresql/MAJOR/bin, where the right one is looked for first.
    """
    candidates = [Path(f"/usr/lib/postgresql/{server_major}/bin/{program}")]
    found = shutil.which(program)
    candidates += [Path(found)] if found else []
    for candidate in candidates:
        if not candidate.is_file():
            continue
        answer = subprocess.run(
            [str(candidate), "--version"], capture_output=True, text=True, check=True
        ).stdout
        match = re.search(r"(\d+)(?:\.\d+)?", answer)
        if match and int(match.group(1)) >= server_major:
            return str(candidate)
    raise BackupError(
        f"no {program} for PostgreSQL {server_major} or newer: install the client programs "
        f"(Debian: postgresql-client-{server_major})"
    )


def _pg_run(program: str, database: Mapping[str, Any], arguments: list[str]) -> None:
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    connect = ["--dbname", str(database["NAME"])]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            connect += [option, str(database[key])]
    binary = pg_binary(program, _server_major(database))
    result = subprocess.run(
        [binary, *connect, *arguments], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")
