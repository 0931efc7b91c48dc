"""``wagtail.contrib.frontend_cache`` backend for the frontend's purge endpoint.

Contract: ``POST {FRONTEND_URL}/_purge`` with ``Authorization: Bearer
<FRONTEND_PURGE_SECRET>`` and ``{"urls": [...]}`` answers ``200 {"purged": N}``.

Purges requested inside a database transaction are held back until it commits
(a purge before the commit would let the frontend re-cache the old content) and
merged: one request per transaction, whoever asked (``cms.delivery.invalidation`` or
Wagtail's own page_published handler). Failures are logged, never raised: a
publication must not fail because the frontend is down.

Settings (``WAGTAILFRONTENDCACHE["frontend"]``): ``LOCATION`` (the purge URL),
``HOSTNAMES`` (the frontend's host:port), ``TIMEOUT`` (seconds, default 3) and
optionally ``SECRET`` (default: ``settings.FRONTEND_PURGE_SECRET``).
"""

import logging
import threading

import httpx
from django.db import transaction
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from cms.delivery.conf import settings

logger = logging.getLogger("herald.frontend_cache")

_pending = threading.local()


class FrontendPurgeBackend(BaseBackend):
    def __init__(self, params):
        params = dict(params)
        self.location = params.pop("LOCATION", None) or settings.FRONTEND_URL + "/_purge"
        self.secret = params.pop("SECRET", None)
        self.timeout = params.pop("TIMEOUT", 3)
        super().__init__(params)

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        urls = list(dict.fromkeys(urls))
        if not urls:
            return
        if transaction.get_connection().in_atomic_block:
            self._buffer().update(urls)
            # One callback per call (a rolled-back savepoint drops its own); the
            # first to run after the commit sends everything, the others find nothing.
            transaction.on_commit(self._flush_buffer)
            return
        self._send(self._drain(urls))

    def _buffer(self):
        buffers = getattr(_pending, "buffers", None)
        if buffers is None:
            buffers = _pending.buffers = {}
        return buffers.setdefault(self.location, set())

    def _drain(self, urls=()):
        buffer = self._buffer()
        pending = sorted(buffer.union(urls))
        buffer.clear()
        return pending

    def _flush_buffer(self):
        urls = self._drain()
        if urls:
            self._send(urls)

    def _send(self, urls):
        secret = self.secret or settings.FRONTEND_PURGE_SECRET
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        try:
            response = httpx.post(
                self.location, json={"urls": urls}, headers=headers, timeout=self.timeout
            )
        except httpx.HTTPError as e:
            # A frontend that is not running has nothing cached to purge (e.g. load_demo
            # before `make run` starts it); one that refuses the purge is an error below.
            logger.warning("Purge of %d URLs failed: %s: %s", len(urls), self.location, e)
            return False
        if response.status_code >= 300:
            logger.error(
                "Purge of %d URLs refused: %s answered %s %s",
                len(urls),
                self.location,
                response.status_code,
                response.text[:200],
            )
            return False
        logger.info("Purged %d URLs at %s", len(urls), self.location)
        return True
