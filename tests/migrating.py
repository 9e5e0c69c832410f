"""Moving a test database to a chosen state of its migrations and back, for migration tests."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to `targets` (app, migration) pairs; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    """The newest migration of every app, to migrate back to at the end."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
