"""The frontend's configuration, read from the environment in this one place.

The frontend is not Django: it has its own small settings object built from
``FRONTEND_*``, ``CMS_API_URL`` and ``REDIS_URL`` (``FRONTEND_REDIS_URL``
takes precedence, for a frontend using another Redis than the CMS). Tests build one with
``Settings.from_env({...})`` or ``Settings(...)`` directly.
"""

import functools
import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Self

from frontend.locales import Editions, parse_hosts
from frontend.readers import Network, parse_networks

logger = logging.getLogger("frontend")


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as e:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from e


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    value = env.get(name)
    if not value:
        return default
    try:
        return float(value)
    except ValueError as e:
        raise ValueError(f"{name} must be a number, not {value!r}") from e


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = env.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    # Where the CMS API lives (contract: the frontend knows the CMS only through this).
    cms_api_url: str = "http://127.0.0.1:8000/api/"
    # The public URL of this site: canonical links, feeds, sitemaps.
    public_url: str = "http://127.0.0.1:3000"
    site_name: str = "Latin American Herald Tribune"
    # Editions served from a host of their own instead of a path prefix, as
    # (("es", "es.example.com"),). Empty: Spanish under /es/ on public_url's host.
    locale_hosts: tuple[tuple[str, str], ...] = ()
    time_zone: str = "America/Caracas"
    # Bearer secret the CMS sends to POST /_purge. Empty: purging is refused.
    purge_secret: str = ""
    # Signs the newsletter forms' double-submit tokens. Set it when running
    # several frontend processes; otherwise each process makes its own.
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # Seconds an API answer or a rendered page is fresh (also the pages' max-age).
    cache_ttl: int = 60
    # Seconds a cached copy may still be served while the CMS is down (stale-if-error).
    stale_max_age: int = 86400
    # Entries kept by the in-process cache (least recently used are dropped).
    cache_max_entries: int = 5000
    redis_url: str = ""
    cache_key_prefix: str = "herald-frontend"
    # Seconds to connect to the CMS and to wait for its answer (each API request).
    api_connect_timeout: float = 0.5
    api_timeout: float = 2.0
    # Seconds a page build may take before the last rendered copy is served instead
    # (stale_budget), or, with no copy, the 503 page (page_budget).
    stale_budget: float = 1.0
    page_budget: float = 2.0
    # Proxies whose X-Forwarded-For (and X-Forwarded-Proto) entries are believed:
    # the reader is the rightmost address that is not one of these (addresses or CIDRs).
    trusted_proxies: tuple[str, ...] = ("127.0.0.1", "::1")
    # Origins (space-separated) whose pages may frame /_preview/: the CMS admin's public
    # origin. Empty: the origin of cms_api_url.
    preview_framed_by: str = ""
    # View pixel: pending views are kept per page for at most hit_queue_pages pages (views of
    # a page beyond that are dropped and counted), sent every hit_flush_seconds in batches
    # over hit_connections connections; one reader's views of a page within hit_window
    # seconds count once (hit_window_entries readers×pages remembered).
    hit_queue_pages: int = 10_000
    hit_flush_seconds: float = 1.0
    hit_connections: int = 2
    hit_timeout: float = 5.0
    hit_window: int = 1800
    hit_window_entries: int = 200_000
    # Requests per reader address and window (seconds) before a 429 with Retry-After.
    search_rate_limit: int = 30
    search_rate_window: int = 60
    signup_rate_limit: int = 10
    signup_rate_window: int = 3600
    page_size: int = 20
    secure_cookies: bool = False
    # "json": one JSON object per log line (frontend.logs).
    log_format: str = "plain"
    # /metrics answers this bearer token or these client addresses; with neither, nobody.
    metrics_token: str = ""
    metrics_allowed_ips: tuple[str, ...] = ()

    @functools.cached_property
    def trusted_networks(self) -> tuple[Network, ...]:
        return parse_networks(self.trusted_proxies)

    @functools.cached_property
    def editions(self) -> Editions:
        return Editions(self.site_url, dict(self.locale_hosts))

    @property
    def cms_api_base(self) -> str:
        return self.cms_api_url.rstrip("/") + "/"

    @property
    def site_url(self) -> str:
        return self.public_url.rstrip("/")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Self:
        env = os.environ if env is None else env
        port = _int(env, "FRONTEND_PORT", 3000)
        secret_key = env.get("FRONTEND_SECRET_KEY", "")
        if not secret_key:
            secret_key = secrets.token_urlsafe(32)
            logger.info("FRONTEND_SECRET_KEY is not set: form tokens are signed per process")
        public_url = env.get("FRONTEND_URL") or f"http://127.0.0.1:{port}"
        return cls(
            cms_api_url=env.get("CMS_API_URL") or cls.cms_api_url,
            public_url=public_url.rstrip("/"),
            site_name=env.get("FRONTEND_SITE_NAME") or cls.site_name,
            locale_hosts=parse_hosts(env.get("FRONTEND_LOCALE_HOSTS", "")),
            time_zone=env.get("FRONTEND_TIME_ZONE") or env.get("TIME_ZONE") or cls.time_zone,
            purge_secret=env.get("FRONTEND_PURGE_SECRET", ""),
            secret_key=secret_key,
            cache_ttl=_int(env, "FRONTEND_CACHE_TTL", cls.cache_ttl),
            stale_max_age=_int(env, "FRONTEND_STALE_MAX_AGE", cls.stale_max_age),
            cache_max_entries=_int(env, "FRONTEND_CACHE_MAX_ENTRIES", cls.cache_max_entries),
            redis_url=env.get("FRONTEND_REDIS_URL") or env.get("REDIS_URL", ""),
            cache_key_prefix=env.get("FRONTEND_CACHE_KEY_PREFIX") or cls.cache_key_prefix,
            api_connect_timeout=_float(
                env, "FRONTEND_API_CONNECT_TIMEOUT", cls.api_connect_timeout
            ),
            api_timeout=_float(env, "FRONTEND_API_TIMEOUT", cls.api_timeout),
            stale_budget=_float(env, "FRONTEND_STALE_BUDGET", cls.stale_budget),
            page_budget=_float(env, "FRONTEND_PAGE_BUDGET", cls.page_budget),
            trusted_proxies=tuple(
                item.strip()
                for item in env.get("FRONTEND_TRUSTED_PROXIES", "127.0.0.1,::1").split(",")
                if item.strip()
            ),
            preview_framed_by=env.get("FRONTEND_PREVIEW_FRAMED_BY", ""),
            hit_queue_pages=_int(env, "FRONTEND_HIT_QUEUE_PAGES", cls.hit_queue_pages),
            hit_window=_int(env, "FRONTEND_HIT_WINDOW", cls.hit_window),
            search_rate_limit=_int(env, "FRONTEND_SEARCH_RATE_LIMIT", cls.search_rate_limit),
            signup_rate_limit=_int(env, "FRONTEND_SIGNUP_RATE_LIMIT", cls.signup_rate_limit),
            page_size=_int(env, "FRONTEND_PAGE_SIZE", cls.page_size),
            secure_cookies=_bool(env, "FRONTEND_SECURE_COOKIES", public_url.startswith("https:")),
            log_format=env.get("LOG_FORMAT") or cls.log_format,
            metrics_token=env.get("FRONTEND_METRICS_TOKEN") or env.get("METRICS_TOKEN", ""),
            metrics_allowed_ips=tuple(
                item.strip()
                for item in (
                    env.get("FRONTEND_METRICS_ALLOWED_IPS") or env.get("METRICS_ALLOWED_IPS", "")
                ).split(",")
                if item.strip()
            ),
        )

    def with_overrides(self, **changes: Any) -> Self:
        return replace(self, **changes)
