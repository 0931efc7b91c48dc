"""Read replica: anonymous public API reads go to ``DATABASES["replica"]``, all else to default.

Switched on by ``DATABASE_REPLICA_URL`` (``cms/settings/base.py`` then adds the ``replica``
alias, ``ReplicaRouter`` to ``DATABASE_ROUTERS`` and ``ReplicaReadMiddleware`` right after
``APIResponseCacheMiddleware``). Without it nothing here does anything.

Which reads: ``ReplicaReadMiddleware`` sets a context variable for anonymous (no
``Authorization`` header, no session cookie) GET/HEAD requests under ``/api/v2/`` (not
``/api/v2/preview/``) and ``/api/v3/``; ``ReplicaRouter.db_for_read`` answers ``"replica"``
only while it is set. The admin, previews, authenticated API calls, every other method,
management commands and the scheduler never set it, so they read the primary. Writes always
go to the primary, also inside a replica request (``get_or_create`` reads for write, so it
reads the primary too).

Read-your-publication: an invalidation (``generation.invalidate_api_cache``) bumps the
API cache generation, and the next public read refills the cache. If that refill read a
replica that has not yet replayed the publication, the old content would be cached under the
new generation. So, when the primary is PostgreSQL, ``record_primary_lsn()`` stores the
primary's WAL insert position in the cache just before the generation is bumped, and the
middleware only routes a request to the replica once the replica's
``pg_last_wal_replay_lsn()`` has reached it (NULL: the "replica" is itself a primary, so it
is current); otherwise the request reads the primary. The middleware sits inside the
response cache, so cache hits never check. A replica seen at LSN X is remembered per process:
requests needing at most X skip the check. A replica that is not PostgreSQL is not checked.
"""

import logging
import threading
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from cms.delivery.conf import settings

logger = logging.getLogger("herald.replica")

REPLICA = "replica"
ROUTER = "cms.delivery.replica.ReplicaRouter"
MIDDLEWARE = "cms.delivery.replica.ReplicaReadMiddleware"
PUBLIC_PREFIXES = ("/api/v2/", "/api/v3/")
PRIVATE_PREFIXES = ("/api/v2/preview/",)
#: Stored instead of an LSN when the primary's position could not be read: read the primary.
UNKNOWN_LSN = "unknown"

_replica_reads = ContextVar("herald_replica_reads", default=False)


def replica_enabled():
    """True when a ``replica`` alias is configured and this router is installed."""
    return REPLICA in settings.DATABASES and ROUTER in settings.DATABASE_ROUTERS


def replica_reads_active():
    """True while the current request's reads go to the replica."""
    return _replica_reads.get()


@contextmanager
def replica_reads(active=True):
    """Route this context's reads to the replica (``active``) and restore what was before."""
    token = _replica_reads.set(active)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _replica_reads.get() else DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


# --- WAL positions -----------------------------------------------------------------------


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


# --- Middleware ----------------------------------------------------------------------------


class ReplicaReadMiddleware:
    """Send anonymous public API reads to the replica when it is current enough."""

    def __init__(self, get_response, replay_reader=None):
        if not replica_enabled():
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.replay_reader = replay_reader or replica_replay
        self._seen = -1  # highest LSN the replica is known to have replayed (this process)
        self._lock = threading.Lock()

    def __call__(self, request):
        if not self.public_read(request):
            return self.get_response(request)
        with replica_reads(self.replica_current()):
            return self.get_response(request)

    @staticmethod
    def public_read(request):
        return (
            request.method in ("GET", "HEAD")
            and request.path.startswith(PUBLIC_PREFIXES)
            and not request.path.startswith(PRIVATE_PREFIXES)
            and "HTTP_AUTHORIZATION" not in request.META
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    def replica_current(self):
        required = required_lsn()
        if required is None:
            return True
        if required == UNKNOWN_LSN:
            return False
        needed = parse_lsn(required)
        if needed <= self._seen:
            return True
        try:
            reached, replayed = self.replay_reader(required)
        except DatabaseError:
            logger.exception("Could not read the replica's replay position: reading the primary")
            return False
        if not reached:
            return False
        with self._lock:
            self._seen = max(self._seen, needed, parse_lsn(replayed) if replayed else -1)
        return True
