"""Planner statistics for the document tables while a bulk render fills them.

A render replaces each page's dependency rows with a ``DELETE … WHERE document_id IN (…)``.
On tables PostgreSQL has never analysed (autovacuum off, or behind a bulk load) the planner
reads that as a scan of every row, and a million documents make each batch a second
slower; an ``ANALYZE`` each time the run's count doubles keeps the plans on the indexes
for the price of a few samples.
"""

from django.db import connection

from cms.delivery.models import APIDocument, APIDocumentDependency

#: Documents stored in one run before the tables are first analysed.
FIRST_ANALYZE = 10_000


def refresh(*, vacuum: bool = False) -> None:
    """``ANALYZE`` both document tables (with ``VACUUM`` when asked, outside a transaction)."""
    if connection.vendor != "postgresql":
        return
    command = "VACUUM (ANALYZE)" if vacuum else "ANALYZE"
    with connection.cursor() as cursor:
        for model in (APIDocument, APIDocumentDependency):
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")


class GrowingTables:
    """Counts the documents a run stores and refreshes the statistics at ``FIRST_ANALYZE``,
    then each time the count has doubled since the last refresh."""

    def __init__(self) -> None:
        self.stored = 0
        self.next_refresh = FIRST_ANALYZE

    def add(self, count: int) -> None:
        self.stored += count
        if self.stored >= self.next_refresh:
            refresh()
            self.next_refresh = self.stored * 2
