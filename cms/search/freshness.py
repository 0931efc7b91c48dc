"""Which writes to the search table a kept ranking has seen.

Ranking keeps a broad word's best candidates and later brings them up to date from the
rows written since (``cms.search.kept``). Each row written carries ``written``: a value of
the ``cms_search_generation`` sequence, taken once per transaction by a trigger (migration
0004). Before taking it the trigger holds a shared advisory lock keyed by the sequence's
last value, so a reader can tell which values may still belong to uncommitted rows: every
row ``written`` at or below ``Watermark.seen`` is committed and visible to the reader's
next statement. ``nextval`` never waits for another transaction. Deletions and writes a
transaction reads back itself move the sequence too (``changed``), now and after the
commit. SQLite ranks through Wagtail's backend and keeps nothing.
"""

from dataclasses import dataclass

from django.db import connection, transaction

SEQUENCE = "cms_search_generation"
#: The first key of the writers' advisory locks (the second is the sequence's last value).
LOCK_SPACE = 0x5EA4C4


@dataclass(frozen=True)
class Watermark:
    """The sequence's last value and the lowest lock key of writers still in flight."""

    handed: int
    pending: int | None

    @property
    def seen(self) -> int:
        """Rows written at or below this value are all committed."""
        return self.handed if self.pending is None else min(self.handed, self.pending)


def changed() -> None:
    """Note a write to the search table (now, and again once its transaction commits)."""
    if connection.vendor != "postgresql":
        return
    bump()
    transaction.on_commit(bump)


def bump() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [SEQUENCE])


def watermark() -> Watermark:
    """Read before the rows it describes: the sequence first, then the writers in flight (a
    writer locks before it draws its value, so one not yet locked draws above ``handed``).
    The locks are read in a subquery of the sequence's row, hence after it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT handed, (SELECT min(objid::bigint) FROM pg_locks"  # noqa: S608 - constants
            "   WHERE locktype = 'advisory' AND classid = %s::oid AND objsubid = 2"
            "   AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            "   AND handed IS NOT NULL)"
            " FROM (SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS handed"
            f"   FROM {SEQUENCE}) AS sequence",
            [LOCK_SPACE],
        )
        return Watermark(*cursor.fetchone())
