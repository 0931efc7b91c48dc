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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from frontend.settings import Settings

logger = logging.getLogger("frontend.cache")

PURGE_ALL = "*"

Clock = Callable[[], float]


@dataclass(frozen=True)
class Entry:
    value: Any
    stored_at: float

    def age(self, now: float | None = None) -> float:
        return (now if now is not None else time.time()) - self.stored_at

    def is_fresh(self, ttl: float, not_before: float = 0.0, now: float | None = None) -> bool:
        return self.age(now) < ttl and self.stored_at > not_before


class Backend(Protocol):
    """Where entries live: this process's memory or Redis."""

    async def get_many(self, keys: Sequence[str]) -> list[Entry | None]: ...

    async def set(self, key: str, entry: Entry, expire: float) -> None: ...

    async def set_many(self, items: Iterable[tuple[str, Entry]], expire: float) -> None: ...

    async def close(self) -> None: ...


class MemoryBackend:
    """Least-recently-used dict of entries, bounded in size and age."""

    def __init__(
        self, max_entries: int = 5000, max_age: float = 86400, clock: Clock = time.time
    ) -> None:
        self.max_entries = max_entries
        self.max_age = max_age
        self.clock = clock
        self._data: OrderedDict[str, tuple[Entry, float]] = OrderedDict()

    async def get_many(self, keys: Sequence[str]) -> list[Entry | None]:
        now = self.clock()
        found: list[Entry | None] = []
        for key in keys:
            item = self._data.get(key)
            if item is not None and item[1] < now:
                del self._data[key]
                item = None
            if item is not None:
                self._data.move_to_end(key)
            found.append(item[0] if item is not None else None)
        return found

    async def set(self, key: str, entry: Entry, expire: float) -> None:
        self._data[key] = (entry, self.clock() + expire)
        self._data.move_to_end(key)
        while len(self._data) > self.max_entries:
            self._data.popitem(last=False)

    async def set_many(self, items: Iterable[tuple[str, Entry]], expire: float) -> None:
        for key, entry in items:
            await self.set(key, entry, expire)

    async def close(self) -> None:
        self._data.clear()


class RedisBackend:
    """Entries as JSON in Redis, shared by every frontend process."""

    def __init__(self, url: str, prefix: str) -> None:
        import redis.asyncio as redis

        self.prefix = prefix + ":"
        self.client = redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)

    async def get_many(self, keys: Sequence[str]) -> list[Entry | None]:
        try:
            raw = await self.client.mget([self.prefix + key for key in keys])
        except Exception as e:
            logger.warning("Redis unavailable, treating as a cache miss: %s", e)
            return [None] * len(keys)
        found: list[Entry | None] = []
        for item in raw:
            if item is None:
                found.append(None)
                continue
            data = json.loads(item)
            found.append(Entry(data["v"], data["t"]))
        return found

    async def set(self, key: str, entry: Entry, expire: float) -> None:
        await self.set_many([(key, entry)], expire)

    async def set_many(self, items: Iterable[tuple[str, Entry]], expire: float) -> None:
        try:
            async with self.client.pipeline(transaction=False) as pipe:
                for key, entry in items:
                    payload = json.dumps({"v": entry.value, "t": entry.stored_at})
                    pipe.set(self.prefix + key, payload, ex=max(1, int(expire)))
                await pipe.execute()
        except Exception as e:
            logger.warning("Redis unavailable, not caching: %s", e)

    async def close(self) -> None:
        await self.client.aclose()


class Cache:
    """API answers and rendered pages, with purge markers per URL path."""

    def __init__(
        self, backend: Backend, ttl: float, stale_max_age: float, clock: Clock = time.time
    ) -> None:
        self.backend = backend
        self.ttl = ttl
        self.stale_max_age = max(stale_max_age, ttl)
        # Seconds since the epoch; tests pass a controllable clock instead of sleeping.
        self.clock = clock

    @classmethod
    def from_settings(cls, settings: Settings, clock: Clock = time.time) -> "Cache":
        if settings.redis_url:
            backend: Backend = RedisBackend(settings.redis_url, settings.cache_key_prefix)
        else:
            backend = MemoryBackend(settings.cache_max_entries, settings.stale_max_age, clock)
        return cls(backend, settings.cache_ttl, settings.stale_max_age, clock)

    async def get(self, key: str) -> Entry | None:
        return (await self.backend.get_many([key]))[0]

    async def get_with_purge_time(
        self, key: str, marks: Iterable[str]
    ) -> tuple[Entry | None, float]:
        """The entry under ``key`` and the latest purge of any of ``marks`` (or everything)."""
        found = await self.backend.get_many([key, *(_mark(m) for m in (PURGE_ALL, *marks))])
        entry, markers = found[0], found[1:]
        purged_at = max([marker.stored_at for marker in markers if marker] or [0.0])
        return entry, purged_at

    async def set(self, key: str, value: Any, stored_at: float | None = None) -> Entry:
        entry = Entry(value, stored_at if stored_at is not None else self.clock())
        await self.backend.set(key, entry, self.stale_max_age)
        return entry

    def is_fresh(self, entry: Entry | None, not_before: float = 0.0) -> bool:
        return entry is not None and entry.is_fresh(self.ttl, not_before, self.clock())

    def is_usable_stale(self, entry: Entry | None) -> bool:
        return entry is not None and entry.age(self.clock()) < self.stale_max_age

    def age(self, entry: Entry) -> float:
        return entry.age(self.clock())

    async def purge(self, paths: Iterable[str]) -> int:
        """Mark paths (or ``*``) purged now. Returns how many markers were set."""
        now = self.clock()
        unique = list(dict.fromkeys(paths))
        # A marker only matters while entries older than it could still be fresh.
        await self.backend.set_many(
            [(_mark(path), Entry(None, now)) for path in unique], self.ttl + 1
        )
        return len(unique)

    async def close(self) -> None:
        await self.backend.close()


def _mark(path: str) -> str:
    return "purged:" + path
