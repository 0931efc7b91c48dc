"""Rows into a session's temporary table by ``COPY`` (PostgreSQL), for one set-based write after.

Bulk writers (the story generator, search entries, stored API documents) copy what they
computed in Python into a temporary table, then one ``INSERT … SELECT`` lets the database
do the rest (conflicts, vectors): faster than building model instances or sending a
statement per row.
"""

from collections.abc import Iterable


def copy_rows(cursor, table: str, columns: str, rows: Iterable[tuple]) -> None:
    """Fill this session's temporary ``table`` (made with ``columns`` on first use, emptied
    on every later one) with ``rows``, by ``COPY``. ``cursor``: a Django cursor."""
    cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {table} ({columns}); TRUNCATE {table}")
    with cursor.cursor.copy(f"COPY {table} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
