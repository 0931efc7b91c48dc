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

``routing`` holds the context variable and ``ReplicaRouter``, ``positions`` the WAL positions
and ``middleware`` ``ReplicaReadMiddleware``; import each name from its module.
"""
