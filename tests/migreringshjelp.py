"""Migration tests move the test database back to an old schema and forward again."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrer(til: tuple[str, str]):
    """Migrate to the named migration; the historical apps of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([til])
    return executor.loader.project_state([til]).apps


def til_nyeste() -> None:
    """Back to the newest schema, whatever happened: a database left at an old migration breaks
    every test after the one that left it there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
