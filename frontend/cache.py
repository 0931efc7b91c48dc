"""A small TTL cache with purge markers and stale copies, in process or in Redis.

Entries are JSON-able values stamped with the time they were fetched. An entry
is *fresh* while it is younger than ``cache_ttl`` and newer than any purge of
the URL it belongs to; it stays available as a *stale* copy (for
stale-if-error) until ``stale_max_age``.

Purging does not delete anything: it records "purged at T" for a path (or for
everything, ``*``). A page built before T is no longer fresh, and while
rebuilding it every API answer older than T is refetched, so a purged URL
shows fresh content on the next request, while the old copies remain usable
if the CMS is down at that moment.

With ``REDIS_URL`` set, entries and purge markers live in Redis and are shared
by every frontend process; a Redis outage degrades to cache misses, never to
errors.
"""

import json
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass

logger = logging.getLogger("frontend.cache")

PURGE_ALL = "*"


@dataclass(frozen=True)
class Entry:
    value: object
    stored_at: float

    def age(self, now=None):
        return (now if now is not None else time.time()) - self.stored_at

    def is_fresh(self, ttl, not_before=0.0, now=None):
        return self.age(now) < ttl and self.stored_at > not_before


class MemoryBackend:
    """Least-recently-used dict of entries, bounded in size and age."""

    def __init__(self, max_entries=5000, max_age=86400, clock=time.time):
        self.max_entries = max_entries
        self.max_age = max_age
        self.clock = clock
        self._data = OrderedDict()

    async def get_many(self, keys):
        now = self.clock()
        found = []
        for key in keys:
            item = self._data.get(key)
            if item is not None and item[1] < now:
                del self._data[key]
                item = None
            if item is not None:
                self._data.move_to_end(key)
            found.append(item[0] if item is not None else None)
        return found

    async def set(self, key, entry, expire):
        self._data[key] = (entry, self.clock() + expire)
        self._data.move_to_end(key)
        while len(self._data) > self.max_entries:
            self._data.popitem(last=False)

    async def set_many(self, items, expire):
        for key, entry in items:
            await self.set(key, entry, expire)

    async def close(self):
        self._data.clear()


class RedisBackend:
    """Entries as JSON in Redis, shared by every frontend process."""

    def __init__(self, url, prefix):
        import redis.asyncio as redis

        self.prefix = prefix + ":"
        self.client = redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)

    async def get_many(self, keys):
        try:
            raw = await self.client.mget([self.prefix + key for key in keys])
        except Exception as e:
            logger.warning("Redis unavailable, treating as a cache miss: %s", e)
            return [None] * len(keys)
        found = []
        for item in raw:
            if item is None:
                found.append(None)
                continue
            data = json.loads(item)
            found.append(Entry(data["v"], data["t"]))
        return found

    async def set(self, key, entry, expire):
        await self.set_many([(key, entry)], expire)

    async def set_many(self, items, expire):
        try:
            async with self.client.pipeline(transaction=False) as pipe:
                for key, entry in items:
                    payload = json.dumps({"v": entry.value, "t": entry.stored_at})
                    pipe.set(self.prefix + key, payload, ex=max(1, int(expire)))
                await pipe.execute()
        except Exception as e:
            logger.warning("Redis unavailable, not caching: %s", e)

    async def close(self):
        await self.client.aclose()


class Cache:
    """API answers and rendered pages, with purge markers per URL path."""

    def __init__(self, backend, ttl, stale_max_age, clock=time.time):
        self.backend = backend
        self.ttl = ttl
        self.stale_max_age = max(stale_max_age, ttl)
        # Seconds since the epoch; tests pass a controllable clock instead of sleeping.
        self.clock = clock

    @classmethod
    def from_settings(cls, settings, clock=time.time):
        if settings.redis_url:
            backend = RedisBackend(settings.redis_url, settings.cache_key_prefix)
        else:
            backend = MemoryBackend(settings.cache_max_entries, settings.stale_max_age, clock)
        return cls(backend, settings.cache_ttl, settings.stale_max_age, clock)

    async def get(self, key):
        return (await self.backend.get_many([key]))[0]

    async def get_with_purge_time(self, key, marks):
        """The entry under ``key`` and the latest purge of any of ``marks`` (or everything)."""
        found = await self.backend.get_many([key, *(_mark(m) for m in (PURGE_ALL, *marks))])
        entry, markers = found[0], found[1:]
        purged_at = max([marker.stored_at for marker in markers if marker] or [0.0])
        return entry, purged_at

    async def set(self, key, value, stored_at=None):
        entry = Entry(value, stored_at if stored_at is not None else self.clock())
        await self.backend.set(key, entry, self.stale_max_age)
        return entry

    def is_fresh(self, entry, not_before=0.0):
        return entry is not None and entry.is_fresh(self.ttl, not_before, self.clock())

    def is_usable_stale(self, entry):
        return entry is not None and entry.age(self.clock()) < self.stale_max_age

    def age(self, entry):
        return entry.age(self.clock())

    async def purge(self, paths):
        """Mark paths (or ``*``) purged now. Returns how many markers were set."""
        now = self.clock()
        paths = list(dict.fromkeys(paths))
        # A marker only matters while entries older than it could still be fresh.
        await self.backend.set_many(
            [(_mark(path), Entry(None, now)) for path in paths], self.ttl + 1
        )
        return len(paths)

    async def close(self):
        await self.backend.close()


def _mark(path):
    return "purged:" + path
