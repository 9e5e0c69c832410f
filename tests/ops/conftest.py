from tests.ops.fixtures import data, migrated_database, serve  # noqa: F401
