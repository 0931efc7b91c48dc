"""The view pixel's counter: hits queued in memory and sent to the CMS in batches.

A hit never waits for the CMS and never uses the connections that build pages:
``ViewHits.record`` only adds one to the page's pending count (the queue is bounded
by the number of pages pending; a hit for one more page is dropped, and counted as
dropped), and a flusher task sends what is pending every ``hit_flush_seconds`` over its
own small connection pool. One reader (address and User-Agent) viewing one page again
within ``hit_window`` seconds is not counted again, nor are bots nor prefetches.

Every accepted hit ends up either stored by the CMS (``sent``) or ``dropped`` (queue
full, the CMS refused the page or could not be reached): ``accepted == sent + dropped``
once the queue is empty.
"""

import asyncio
import contextlib
import hashlib
import logging
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Literal

import httpx

from frontend.metrics import VIEW_HITS
from frontend.settings import Settings

logger = logging.getLogger("frontend.hits")

# The CMS's default bot pattern (MOST_VIEWED_BOT_PATTERN) for the views this process counts.
BOT_PATTERN = re.compile(
    r"bot\b|bot/|robot|crawl|spider|slurp|facebookexternalhit|facebookcatalog|embedly|"
    r"preview|mediapartners|adsbot|headless|lighthouse|pingdom|uptime|monitor|scrap|"
    r"curl/|wget/|httpie|python-|httpx|aiohttp|go-http-client|java/|okhttp|libwww|"
    r"feedfetcher|ia_archiver|archive\.org|validator|whatsapp|telegram|slack|discord",
    re.IGNORECASE,
)
BATCH_PATH = "v3/most-viewed/hits/batch/"
BATCH_SIZE = 500

Outcome = Literal["accepted", "dropped", "repeat", "bot"]


@dataclass
class HitStats:
    accepted: int = 0
    dropped: int = 0
    sent: int = 0
    repeats: int = 0
    bots: int = 0


class ViewHits:
    def __init__(
        self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.settings = settings
        self.stats = HitStats()
        self.pending: dict[int, int] = {}
        self.sending = 0
        self._seen: OrderedDict[bytes, float] = OrderedDict()
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self.http = httpx.AsyncClient(
            base_url=settings.cms_api_base,
            timeout=httpx.Timeout(settings.hit_timeout, connect=settings.api_connect_timeout),
            headers={"Accept": "application/json", "User-Agent": "herald-frontend"},
            limits=httpx.Limits(
                max_connections=settings.hit_connections,
                max_keepalive_connections=settings.hit_connections,
            ),
            transport=transport,
        )

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="view-hits-flusher")

    async def close(self) -> None:
        """Stop the flusher after sending what is pending."""
        self._stopping.set()
        if self._task is not None:
            await self._task
        await self.flush()
        await self.http.aclose()

    def record(self, page_id: int, reader: str, user_agent: str) -> Outcome:
        """Count one pixel hit (constant time, no I/O)."""
        if not user_agent.strip() or BOT_PATTERN.search(user_agent):
            self.stats.bots += 1
            return "bot"
        if self._seen_recently(page_id, reader, user_agent):
            self.stats.repeats += 1
            return "repeat"
        self.stats.accepted += 1
        VIEW_HITS.labels("accepted").inc()
        if page_id not in self.pending and len(self.pending) >= self.settings.hit_queue_pages:
            self._drop(1)
            return "dropped"
        self.pending[page_id] = self.pending.get(page_id, 0) + 1
        return "accepted"

    def _drop(self, views: int) -> None:
        self.stats.dropped += views
        if views:
            VIEW_HITS.labels("dropped").inc(views)

    def _seen_recently(self, page_id: int, reader: str, user_agent: str) -> bool:
        key = hashlib.blake2b(f"{page_id}|{reader}|{user_agent}".encode(), digest_size=16).digest()
        now = time.monotonic()
        seen_at = self._seen.pop(key, None)
        recent = seen_at is not None and now - seen_at < self.settings.hit_window
        self._seen[key] = seen_at if recent and seen_at is not None else now
        while len(self._seen) > self.settings.hit_window_entries:
            self._seen.popitem(last=False)  # the oldest reader may count again: bounded memory
        return recent

    @property
    def idle(self) -> bool:
        return not self.pending and not self.sending

    async def _run(self) -> None:
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.settings.hit_flush_seconds)
            try:
                await self.flush()
            except Exception:  # the flusher must outlive any one batch
                logger.exception("Sending view counts failed")

    async def flush(self) -> None:
        """Send every pending view to the CMS, in batches of BATCH_SIZE pages."""
        batch, self.pending = self.pending, {}
        items = sorted(batch.items())
        total = sum(batch.values())
        self.sending += total
        done = 0
        try:
            for start in range(0, len(items), BATCH_SIZE):
                chunk = items[start : start + BATCH_SIZE]
                await self._send(chunk)
                done += sum(count for _, count in chunk)
        finally:
            self.sending -= total
            self._drop(total - done)  # interrupted: what was not sent is dropped

    async def _send(self, items: list[tuple[int, int]]) -> None:
        views = sum(count for _, count in items)
        payload = {"hits": [{"page_id": page, "views": count} for page, count in items]}
        try:
            response = await self.http.post(BATCH_PATH, json=payload)
            counted = response.json().get("counted", 0) if response.status_code == 202 else 0
        except (httpx.HTTPError, ValueError, AttributeError) as e:
            logger.warning("%d views not recorded: %s", views, e)
            counted = 0
        self.stats.sent += counted
        self._drop(views - counted)
        if counted < views:
            logger.info("%d of %d views not counted by the CMS", views - counted, views)
