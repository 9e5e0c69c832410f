"""Settings come from the environment and refuse unsafe or malformed values."""

import os
import subprocess
import sys

import pytest

from lifeline.lib.env import ConfigError, env_bool, env_int, env_list, env_str

PRINT_ENGINE = "import lifeline.settings as s; print(s.DATABASES['default']['ENGINE'])"


def _import_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", PRINT_ENGINE],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


PRINT_KEY = "import lifeline.settings as s; print(s.SECRET_KEY)"


def _settings_key(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "-c", PRINT_KEY], env=clean, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_first_run_without_a_secret_makes_one_only_its_owner_reads_and_keeps_it(tmp_path):
    first = _settings_key(LIFELINE_DATA_DIR=str(tmp_path))
    again = _settings_key(LIFELINE_DATA_DIR=str(tmp_path))

    kept = tmp_path / "secret_key"
    assert kept.read_text().strip() == first == again
    assert len(first) >= 50
    assert kept.stat().st_mode & 0o777 == 0o600
    assert _settings_key(LIFELINE_DATA_DIR=str(tmp_path / "elsewhere")) != first


def test_a_secret_set_wins_over_the_kept_one(tmp_path):
    _settings_key(LIFELINE_DATA_DIR=str(tmp_path))
    assert _settings_key(LIFELINE_DATA_DIR=str(tmp_path), SECRET_KEY="set-by-hand-x9") == (
        "set-by-hand-x9"
    )


def test_processes_starting_together_share_one_new_secret(tmp_path):
    """serve's web and worker processes may all be the first to start."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        keys = set(pool.map(lambda _: _settings_key(LIFELINE_DATA_DIR=str(tmp_path)), range(4)))

    assert keys == {(tmp_path / "secret_key").read_text().strip()}
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".secret_key")]


def test_it_says_so_when_no_secret_is_set_and_none_can_be_kept(tmp_path):
    (tmp_path / "data").write_text("a file where the data folder should be")
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    clean["LIFELINE_DATA_DIR"] = str(tmp_path / "data")
    clean["DATABASE_URL"] = "sqlite:///:memory:"
    result = subprocess.run(
        [sys.executable, "-c", PRINT_KEY], env=clean, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set and none could be kept in" in result.stderr


def test_it_starts_with_a_real_secret(tmp_path):
    result = _import_settings(LIFELINE_DATA_DIR=str(tmp_path), SECRET_KEY="a-real-secret-x9")
    assert result.returncode == 0, result.stderr


def test_it_defaults_to_sqlite_in_the_data_dir(tmp_path):
    result = _import_settings(
        LIFELINE_DATA_DIR=str(tmp_path / "deeper"), DEBUG="True", DATABASE_URL=""
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3"
    assert (tmp_path / "deeper").is_dir()


def test_it_rejects_a_boolean_that_is_not_true_or_false(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ConfigError, match="DEBUG must be True or False, not 'maybe'"):
        env_bool("DEBUG", False)


def test_it_reads_booleans_numbers_and_lists(monkeypatch):
    monkeypatch.setenv("FLAG", "True")
    monkeypatch.setenv("NUMBER", "42")
    monkeypatch.setenv("HOSTS", "a.example, b.example,,")
    assert env_bool("FLAG", False) is True
    assert env_int("NUMBER", 0) == 42
    assert env_list("HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("NUMBER", "forty")
    with pytest.raises(ConfigError, match="NUMBER must be a whole number"):
        env_int("NUMBER", 0)


def test_it_reads_a_secret_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert env_str("SECRET_KEY") == "from-a-file"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 1  # NORMAL


def test_migrate_makes_the_table_of_the_configured_cache(tmp_path):
    """Django's test runner makes cache tables itself; `lifeline migrate` must too."""
    import shutil
    import sqlite3
    from pathlib import Path

    lifeline = shutil.which("lifeline") or str(Path(sys.executable).parent / "lifeline")
    env = {**os.environ, "DEBUG": "True", "LIFELINE_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([lifeline, "migrate", "-v0"], env=env, check=True, timeout=120)
    database = sqlite3.connect(tmp_path / "lifeline.sqlite3")
    tables = {row[0] for row in database.execute("SELECT name FROM sqlite_master")}
    database.close()
    assert "lifeline_cache" in tables
