"""A batch's foreign keys checked once per referenced table instead of by a trigger per row.

PostgreSQL checks each foreign key of each inserted row at commit with its own query, about
35 of them per story. A session allowed to (a superuser) sets the replication role for the
batch, which leaves those triggers out, and ``BatchKeys`` checks the same keys set by set:
one ``SELECT … FOR KEY SHARE`` per referenced table, taking the locks the triggers would take,
so a row the batch names cannot be deleted before it commits, and a missing one fails the
batch. Ids the batch inserts itself need no check. Triggers that must always fire (the
search table's change counter) are enabled ``ALWAYS`` by their migrations.
"""

from collections.abc import Sequence

from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Field

#: Leaves out the foreign-key triggers for the rest of the batch's transaction.
REPLICA = "SET LOCAL session_replication_role = replica"
#: Back to the session's own role; a caller's transaction (a test's) goes on with triggers.
ORIGIN = "SET LOCAL session_replication_role = DEFAULT"


def may_skip_triggers() -> bool:
    """Only a superuser may set the replication role; others keep the per-row triggers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        return bool(cursor.fetchone()[0])


def foreign_keys(fields: Sequence[Field]) -> list[tuple[int, str, str]]:
    """(position in the row, referenced table, referenced column) of each constrained key."""
    return [
        (index, field.target_field.model._meta.db_table, field.target_field.column)
        for index, field in enumerate(fields)
        if field.is_relation and (field.many_to_one or field.one_to_one) and field.db_constraint
    ]


class BatchKeys:
    """The ids one batch's rows name in other tables, and the ids it inserts itself."""

    def __init__(self) -> None:
        self.named: dict[tuple[str, str], set] = {}
        self.inserted: dict[tuple[str, str], set] = {}

    def start(self) -> None:
        self.named, self.inserted = {}, {}
        with connection.cursor() as cursor:
            cursor.execute(REPLICA)

    def note(self, db_table: str, fields: Sequence[Field], rows: list[tuple]) -> None:
        if fields[0].primary_key:
            key = (db_table, fields[0].column)
            self.inserted.setdefault(key, set()).update(row[0] for row in rows)
        for index, table, column in foreign_keys(fields):
            ids = {row[index] for row in rows} - {None}
            self.named.setdefault((table, column), set()).update(ids)

    def check(self) -> None:
        """Every id named exists (and stays, locked until commit); then triggers are back."""
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for (table, column), named in sorted(self.named.items()):
                ids = named - self.inserted.get((table, column), set())
                if not ids:
                    continue
                cursor.execute(
                    f"SELECT {quote(column)} FROM {quote(table)}"  # noqa: S608 - model names
                    f" WHERE {quote(column)} = ANY(%s) FOR KEY SHARE",
                    [sorted(ids)],
                )
                missing = ids.difference(row[0] for row in cursor.fetchall())
                if missing:
                    raise CommandError(
                        f"The batch names {table}.{column} {sorted(missing)[:10]}, which do "
                        "not exist (deleted meanwhile?); it is not written."
                    )
            cursor.execute(ORIGIN)
        self.named, self.inserted = {}, {}
