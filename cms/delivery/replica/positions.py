"""WAL positions: what the primary had written when the API cache was last invalidated, and
whether the replica has replayed it, so a refill never caches what a lagging replica shows."""

import logging

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from cms.delivery.conf import settings
from cms.delivery.replica.routing import REPLICA, replica_enabled

logger = logging.getLogger("herald.replica")

#: Stored instead of an LSN when the primary's position could not be read: read the primary.
UNKNOWN_LSN = "unknown"


def parse_lsn(lsn):
    """``"16/B374D848"`` → an int that orders like the WAL position."""
    high, low = lsn.split("/")
    return (int(high, 16) << 32) | int(low, 16)


def _lsn_key():
    return f"{settings.API_CACHE_PREFIX}:primary-lsn"


def primary_wal_lsn():
    """The primary's WAL insert position (``"X/Y"``), or None when it is not PostgreSQL.

    The insert position, not ``pg_current_wal_lsn()`` (the write position): with
    ``synchronous_commit = off`` a commit can be inserted but not yet written.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
        return cursor.fetchone()[0]


def replica_replay(required_lsn):
    """``(reached, replayed)``: has the replica replayed ``required_lsn``, and up to where.

    ``replayed`` is None when the replica is not in recovery (it is a primary): current.
    A replica that is not PostgreSQL cannot say: it is taken as current.
    """
    if connections[REPLICA].vendor != "postgresql":
        return True, None
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(
            "SELECT pg_last_wal_replay_lsn()::text,"
            " COALESCE(pg_last_wal_replay_lsn() >= %s::pg_lsn, TRUE)",
            [required_lsn],
        )
        replayed, reached = cursor.fetchone()
    return reached, replayed


def record_primary_lsn():
    """Remember the primary's WAL position; called by ``invalidate_api_cache()`` before the bump.

    Does nothing without a replica or when the primary is not PostgreSQL. If the position
    cannot be read, public reads stay on the primary until the next invalidation records one.
    """
    if not replica_enabled():
        return
    try:
        lsn = primary_wal_lsn()
    except DatabaseError:
        logger.exception("Could not read the primary's WAL position: public reads use it")
        lsn = UNKNOWN_LSN
    if lsn is not None:
        cache.set(_lsn_key(), lsn, timeout=None)


def required_lsn():
    """What the replica must have replayed to serve reads (None: no requirement recorded)."""
    return cache.get(_lsn_key())
