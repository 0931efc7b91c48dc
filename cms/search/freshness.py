"""A counter of changes to the search table, so that a cached ranking never outlives them.

Ranking keeps a broad word's best candidates in the cache under the counter's value
(``cms.search.ranking``). The counter is a PostgreSQL sequence: ``nextval`` never waits for
another transaction and every connection sees it at once. A change bumps it when written
(the writing transaction, and a test, read fresh rankings) and again after its commit, so a
ranking computed in between, without the uncommitted rows, sits under a value no later
request asks for. SQLite ranks through Wagtail's backend and caches nothing.
"""

from django.db import connection, transaction

SEQUENCE = "cms_search_generation"


def changed() -> None:
    """Note a write to the search table (now, and again once its transaction commits)."""
    if connection.vendor != "postgresql":
        return
    bump()
    transaction.on_commit(bump)


def bump() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [SEQUENCE])


def current() -> int:
    """The counter (a new sequence's first ``nextval`` leaves ``last_value`` as it was, hence
    ``is_called``)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_value + is_called::int FROM {SEQUENCE}")  # noqa: S608
        return cursor.fetchone()[0]
