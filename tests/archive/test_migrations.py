"""The archive's first migration: fixed text of its own, and no search without accent folding."""

import ast
import importlib
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

initial = importlib.import_module("lifeline.archive.migrations.0001_initial")


def test_the_first_migration_imports_nothing_of_the_project():
    """A later edit of the project's code must not change what an old migration does."""
    tree = ast.parse(Path(initial.__file__).read_text())
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert imported
    assert not [name for name in imported if name.split(".")[0] == "lifeline"]


class Cursor:
    """A PostgreSQL cursor of a user who may not create extensions."""

    def __init__(self, executed: list):
        self.executed = executed

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, sql, params=None):
        if sql.startswith("CREATE EXTENSION"):
            raise DatabaseError('permission denied to create extension "unaccent"')
        self.executed.append(sql)


class Connection:
    vendor = "postgresql"
    settings_dict = {"NAME": "lifeline"}

    def __init__(self):
        self.executed = []

    def cursor(self):
        return Cursor(self.executed)


class SchemaEditor:
    def __init__(self):
        self.connection = Connection()


def test_without_unaccent_the_migration_stops_and_says_what_to_do():
    editor = SchemaEditor()
    with pytest.raises(ImproperlyConfigured) as raised:
        initial.create_engine_objects(None, editor)
    message = str(raised.value)
    assert "unaccent" in message
    assert "permission denied" in message  # the server's own reason
    assert "CREATE EXTENSION unaccent;\" in database 'lifeline'" in message
    assert isinstance(raised.value.__cause__, DatabaseError)
    # Nothing was indexed without folding: no column, no index after the failure.
    assert not [sql for sql in editor.connection.executed if "vector" in sql]
    assert not [sql for sql in editor.connection.executed if "ALTER MAPPING" in sql]


@pytest.mark.django_db
def test_accents_are_folded_on_either_engine():
    from lifeline.archive import search
    from tests.cases.factories import make_case, make_document

    make_document(make_case(), title="Invented: Ana Jiménez", body="Ana Jiménez was detained.")
    assert search("Jimenez").total == 1
    assert search("JIMÉNEZ").total == 1
