"""Which connection a read uses: the replica only while the context variable says so, which
``ReplicaReadMiddleware`` sets for anonymous public API reads (``cms.delivery.replica``)."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS

from cms.delivery.conf import settings

REPLICA = "replica"
ROUTER = "cms.delivery.replica.routing.ReplicaRouter"

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
