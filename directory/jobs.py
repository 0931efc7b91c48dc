"""Link health: the checker, and its daily job (also ``manage.py check_links``).

Every distinct URL in the directory is requested with HEAD (then GET when the
server refuses HEAD or answers it with an error), following redirects, with a
timeout and an honest User-Agent. Requests run concurrently, but politely: at
most ``PER_HOST`` at a time to one host and ``HOST_DELAY`` seconds between the
starts of two requests to the same host.

Settings (all optional) in ``DIRECTORY_LINK_CHECK``::

    DIRECTORY_LINK_CHECK = {
        "TIMEOUT": 10.0,            # seconds per request
        "CONCURRENCY": 10,          # requests in flight overall
        "PER_HOST": 2,              # requests in flight per host
        "HOST_DELAY": 1.0,          # seconds between requests to one host
        "SLOW_MS": 3000,            # slower than this is "slow"
        "BROKEN_AFTER_HOURS": 24,   # failing this long (twice or more) is "broken"
        "USER_AGENT": "...",
    }
"""

import asyncio
import logging
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
from django.utils import timezone

from cms.operations.background import retrying
from cms.publishing.jobs import register
from directory.conf import settings
from directory.models import DirectoryLink, LinkHealth

logger = logging.getLogger(__name__)

DEFAULTS = {
    "TIMEOUT": 10.0,
    "CONCURRENCY": 10,
    "PER_HOST": 2,
    "HOST_DELAY": 1.0,
    "SLOW_MS": 3000,
    "BROKEN_AFTER_HOURS": 24,
    "USER_AGENT": None,
}


def get_config(**overrides):
    config = {**DEFAULTS, **settings.DIRECTORY_LINK_CHECK, **overrides}
    if not config["USER_AGENT"]:
        config["USER_AGENT"] = (
            f"LAHT-LinkChecker/1.0 (+{settings.FRONTEND_URL}/links/; "
            f"checks the links in {settings.WAGTAIL_SITE_NAME}'s directory)"
        )
    return config


@dataclass(frozen=True)
class CheckResult:
    url: str
    status_code: int | None = None
    final_url: str = ""
    elapsed_ms: int | None = None
    error: str = ""
    redirected: bool = False

    @property
    def ok(self):
        return not self.error and self.status_code is not None and self.status_code < 400


class HostThrottle:
    """Per-host politeness: a concurrency cap and a minimum gap between request starts."""

    def __init__(self, per_host, delay):
        self.per_host = per_host
        self.delay = delay
        self._semaphores = {}
        self._locks = {}
        self._next_start = {}

    async def wait_turn(self, host):
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            loop = asyncio.get_running_loop()
            wait = self._next_start.get(host, 0.0) - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self._next_start[host] = loop.time() + self.delay

    def slot(self, host):
        return self._semaphores.setdefault(host, asyncio.Semaphore(self.per_host))


class LinkChecker:
    def __init__(
        self,
        *,
        timeout,
        concurrency,
        per_host,
        host_delay,
        user_agent,
        transport=None,
    ):
        self.timeout = timeout
        self.concurrency = concurrency
        self.throttle = HostThrottle(per_host, host_delay)
        self.user_agent = user_agent
        self.transport = transport

    @classmethod
    def from_settings(cls, **overrides):
        config = get_config(**overrides)
        return cls(
            timeout=config["TIMEOUT"],
            concurrency=config["CONCURRENCY"],
            per_host=config["PER_HOST"],
            host_delay=config["HOST_DELAY"],
            user_agent=config["USER_AGENT"],
        )

    def check(self, urls, progress=None):
        """Check ``urls`` concurrently; returns ``{url: CheckResult}``. ``progress(1)``,
        when given, is called as each URL is done."""
        return asyncio.run(self.check_many(list(dict.fromkeys(urls)), progress))

    async def check_many(self, urls, progress=None):
        overall = asyncio.Semaphore(self.concurrency)
        async with httpx.AsyncClient(
            follow_redirects=True,
            timeout=httpx.Timeout(self.timeout),
            headers={"User-Agent": self.user_agent, "Accept": "*/*"},
            transport=self.transport,
            max_redirects=10,
        ) as client:

            async def run(url):
                async with overall:
                    result = await self.check_one(client, url)
                if progress is not None:
                    progress(1)
                return result

            results = await asyncio.gather(*(run(url) for url in urls))
        return dict(zip(urls, results, strict=True))

    async def check_one(self, client, url):
        host = (urlsplit(url).hostname or "").lower()
        try:
            try:
                response, elapsed_ms = await self._request(client, "HEAD", url, host)
            except (httpx.RemoteProtocolError, httpx.DecodingError):
                response = None
            if response is None or response.status_code >= 400:
                # Many servers refuse HEAD (405, 501) or answer it wrongly: ask with GET.
                response, elapsed_ms = await self._request(client, "GET", url, host)
        except httpx.TimeoutException:
            return CheckResult(url=url, error=f"timed out after {self.timeout:g} s")
        except httpx.TooManyRedirects:
            return CheckResult(url=url, error="too many redirects")
        except httpx.HTTPError as exc:
            return CheckResult(url=url, error=_describe(exc))
        return CheckResult(
            url=url,
            status_code=response.status_code,
            final_url=str(response.url),
            elapsed_ms=elapsed_ms,
            redirected=bool(response.history),
        )

    async def _request(self, client, method, url, host):
        """One request once the host's turn comes; its time excludes the politeness wait."""
        async with self.throttle.slot(host):
            await self.throttle.wait_turn(host)
            started = time.monotonic()
            if method == "HEAD":
                response = await client.head(url)
            else:
                # Read only the status and headers, never the body.
                async with client.stream("GET", url) as response:
                    pass
            return response, int((time.monotonic() - started) * 1000)


def _describe(exc):
    message = str(exc) or exc.__class__.__name__
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect: {message}"
    return message


def run_link_check(urls=None, *, now=None, checker=None, progress=None):
    """Check the directory's links and record what was seen. Returns a count per state.

    With ``urls`` only those are checked; otherwise every URL any category lists,
    and health records of URLs no longer listed anywhere are dropped. ``progress`` (a
    tqdm bar) is given the number of URLs and advanced as each is checked.
    """

    config = get_config()
    if urls is None:
        targets = sorted(set(DirectoryLink.objects.values_list("url", flat=True)))
        LinkHealth.objects.exclude(url__in=DirectoryLink.objects.values("url")).delete()
    else:
        targets = sorted(set(urls))
    if not targets:
        return Counter()

    checker = checker or LinkChecker.from_settings()
    if progress is not None:
        progress.reset(total=len(targets))
    results = checker.check(targets, progress=progress.update if progress is not None else None)

    now = now or timezone.now()
    existing = LinkHealth.objects.for_urls(targets)
    to_create, to_update = [], []
    for url in targets:
        health = existing.get(url)
        if health is None:
            health = LinkHealth(url=url)
            to_create.append(health)
        else:
            to_update.append(health)
        health.record(
            results[url],
            now=now,
            slow_ms=config["SLOW_MS"],
            broken_after=timedelta(hours=config["BROKEN_AFTER_HOURS"]),
        )
    LinkHealth.objects.bulk_create(to_create)
    LinkHealth.objects.bulk_update(
        to_update,
        [
            "state",
            "state_since",
            "status_code",
            "final_url",
            "response_time_ms",
            "error",
            "consecutive_failures",
            "first_failed_at",
            "last_checked_at",
            "last_ok_at",
        ],
        batch_size=500,
    )
    states = Counter(health.state for health in [*to_create, *to_update])
    logger.info("Checked %d links: %s", len(targets), dict(states))
    return states


@register("directory.check_links", daily_at="03:30", timeout=3 * 3600, attempts=2)
def check_links():
    """Daily: check every link in the directory (see ``manage.py check_links``)."""
    return run_link_check()


@retrying(timeout=3 * 3600, attempts=1)
def check_links_now(urls: list[str] | None = None) -> dict[str, int]:
    """An editor's "Check now" (Reports ▸ Link health): these links, or every link, in the
    background, recorded like the daily check."""
    return dict(run_link_check(urls))
