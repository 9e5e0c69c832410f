"""Fixtures for tests that run `lifeline` as real processes (tests/ops, tests/test_demo.py)."""

import shutil

import pytest

from tests.ops.serving import Served, run_lifeline


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """A SQLite file with every migration applied, made once and copied for each test."""
    folder = tmp_path_factory.mktemp("migrated")
    result = run_lifeline(folder, "migrate", "--noinput", "-v0")
    assert result.returncode == 0, result.stderr
    return folder / "lifeline.sqlite3"


@pytest.fixture
def data(tmp_path, migrated_database):
    shutil.copy(migrated_database, tmp_path / "lifeline.sqlite3")
    return tmp_path


@pytest.fixture
def serve(data):
    started = []

    def start(*args, **env):
        served = Served(data, *args, **env)
        started.append(served)
        return served

    yield start
    for served in started:
        served.kill()
