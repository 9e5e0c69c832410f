"""`lifeline backup` under write load, and `lifeline restore`: every acknowledged appeal is back.

A process records appeals through the real code and prints each key once its
transaction has committed; the backup runs meanwhile; the backup is restored into
a new database, where every appeal acknowledged before the backup began must be,
and nothing that was never acknowledged.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import dj_database_url
import psycopg
import pytest

from lifeline.ops import backup as backup_module
from tests.ops.serving import environment, run_lifeline, wait_for

WRITER = Path(__file__).with_name("appeal_writer.py")
ROOT = Path(__file__).resolve().parents[2]
SERVER_URL = os.environ.get("DATABASE_URL", "")


class Writer:
    def __init__(self, env: dict[str, str]) -> None:
        self.keys: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER)],
            env={**env, "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            if line.strip() == "ready":
                self.ready.set()
            else:
                self.keys.append(line.strip())

    def stop(self) -> list[str]:
        self.process.send_signal(signal.SIGTERM)
        assert self.process.wait(timeout=120) == 0, self.process.stderr.read()
        self._reader.join(timeout=10)
        return list(self.keys)


class SQLiteSite:
    def __init__(self, data: Path, tmp_path: Path) -> None:
        self.env = environment(data)
        self.restored_env = environment(tmp_path / "restored")

    def restored_keys(self) -> set[str]:
        path = self.restored_env["DATABASE_URL"].removeprefix("sqlite:///")
        with sqlite3.connect(path) as database:
            rows = database.execute("SELECT key FROM actions_appeal").fetchall()
        return {uuid.UUID(key).hex for (key,) in rows}

    def drop(self) -> None:
        pass


class PostgresSite:
    def __init__(self, data: Path, tmp_path: Path) -> None:
        self.server = dj_database_url.parse(SERVER_URL)
        suffix = uuid.uuid4().hex[:8]
        self.names = [f"lifeline_backup_{suffix}", f"lifeline_restored_{suffix}"]
        for name in self.names:
            self._admin(f'CREATE DATABASE "{name}"')
        base = SERVER_URL.rsplit("/", 1)[0]
        self.env = environment(data, DATABASE_URL=f"{base}/{self.names[0]}")
        self.restored_env = environment(
            tmp_path / "restored", DATABASE_URL=f"{base}/{self.names[1]}"
        )
        result = run_lifeline(
            data, "migrate", "--noinput", "-v0", DATABASE_URL=self.env["DATABASE_URL"]
        )
        assert result.returncode == 0, result.stderr

    def _connect(self, name: str) -> psycopg.Connection:
        s = self.server
        return psycopg.connect(
            dbname=name,
            host=s["HOST"] or None,
            port=s["PORT"] or None,
            user=s["USER"] or None,
            password=s["PASSWORD"] or None,
            autocommit=True,
        )

    def _admin(self, sql: str) -> None:
        with self._connect("postgres") as admin:
            admin.execute(sql)

    def restored_keys(self) -> set[str]:
        with self._connect(self.names[1]) as database:
            rows = database.execute("SELECT key FROM actions_appeal").fetchall()
        return {key.hex for (key,) in rows}

    def drop(self) -> None:
        for name in self.names:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def site(request, data, tmp_path):
    if request.param == "postgresql" and not SERVER_URL.startswith("postgres"):
        pytest.skip("DATABASE_URL names no PostgreSQL server")
    made = (SQLiteSite if request.param == "sqlite" else PostgresSite)(data, tmp_path)
    yield made
    made.drop()


def test_a_backup_taken_under_write_load_restores_every_acknowledged_appeal(site, tmp_path):
    writer = Writer(site.env)
    assert writer.ready.wait(120), writer.process.stderr.read() if writer.process.poll() else ""
    wait_for(lambda: len(writer.keys) >= 20, "appeals to be recorded")
    acknowledged_before = set(writer.keys)
    backup_file = tmp_path / "backups" / "lifeline.backup"

    result = subprocess.run(
        [sys.executable, "-m", "lifeline.cli", "backup", str(backup_file)],
        env=site.env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    every_acknowledged = set(writer.stop())

    assert result.returncode == 0, result.stderr
    assert backup_file.stat().st_mode & 0o777 == 0o600
    assert not list(backup_file.parent.glob(".*partial"))
    restored = subprocess.run(
        [sys.executable, "-m", "lifeline.cli", "restore", "--noinput", str(backup_file)],
        env=site.restored_env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert restored.returncode == 0, restored.stderr
    keys = site.restored_keys()
    assert acknowledged_before <= keys
    assert keys <= every_acknowledged


def test_a_backup_is_private_while_it_is_written(tmp_path, monkeypatch):
    source = tmp_path / "site.sqlite3"
    with sqlite3.connect(source) as made:
        made.execute("CREATE TABLE member (email TEXT)")
    made.close()
    modes = []
    copy = backup_module._sqlite_backup

    def copy_and_look(source_file, target):
        copy(source_file, target)
        modes.append(target.stat().st_mode & 0o777)

    monkeypatch.setattr(backup_module, "_sqlite_backup", copy_and_look)
    umask = os.umask(0o022)
    try:
        backup_module.backup(
            tmp_path / "lifeline.backup", {"ENGINE": "django.db.backends.sqlite3", "NAME": source}
        )
    finally:
        os.umask(umask)

    assert modes == [0o600]
    assert (tmp_path / "lifeline.backup").stat().st_mode & 0o777 == 0o600


def test_restore_refuses_a_missing_backup(data, tmp_path):
    result = run_lifeline(data, "restore", "--noinput", str(tmp_path / "nothing.backup"))

    assert result.returncode == 1
    assert "no backup at" in result.stderr
