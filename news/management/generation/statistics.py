"""Planner statistics after a bulk load, refreshed table by table on several connections.

Right after a bulk load PostgreSQL's planner still thinks the tables are nearly empty and
picks plans that are seconds slower (or parallel plans, whose workers' start-up costs more
than reading 20 rows); ``VACUUM`` also sets the visibility map, so counts are index-only
scans without heap visits. Each table is one statement, so the tables are spread over
``workers`` connections, largest first: the load's processes are done by then, and their
CPUs would otherwise wait on one ``VACUUM`` at a time.
"""

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from django.db import connections
from django.db.models import Model


def refresh_statistics(models: Iterable[type[Model]], workers: int, alias: str = "default") -> None:
    """``VACUUM (ANALYZE)`` the tables of ``models``, on at most ``workers`` connections at once."""
    tables = [model._meta.db_table for model in models]
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND relkind = 'r' "
            "ORDER BY pg_total_relation_size(oid) DESC",
            [tables],
        )
        largest_first = [name for (name,) in cursor.fetchall()]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        # list(): an error in any of them is raised here.
        list(pool.map(lambda table: _vacuum_analyze(alias, table), largest_first))


def _vacuum_analyze(alias: str, table: str) -> None:
    """One table on this thread's own connection, closed afterwards (Django opens one
    connection per thread and would otherwise leave it open)."""
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")
    finally:
        connection.close()
