"""The frontend's configuration, read from the environment in this one place.

The frontend is not Django: it has its own small settings object built from
``FRONTEND_*``, ``CMS_API_URL`` and ``REDIS_URL`` (``FRONTEND_REDIS_URL``
takes precedence, for a frontend using another Redis than the CMS). Tests build one with
``Settings.from_env({...})`` or ``Settings(...)`` directly.
"""

import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Self

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
    language: str = "en"
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
    api_timeout: float = 5.0
    hit_timeout: float = 2.0
    page_size: int = 20
    secure_cookies: bool = False
    # "json": one JSON object per log line (frontend.logs).
    log_format: str = "plain"
    # /metrics answers this bearer token or these client addresses; with neither, nobody.
    metrics_token: str = ""
    metrics_allowed_ips: tuple[str, ...] = ()

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
            time_zone=env.get("FRONTEND_TIME_ZONE") or env.get("TIME_ZONE") or cls.time_zone,
            purge_secret=env.get("FRONTEND_PURGE_SECRET", ""),
            secret_key=secret_key,
            cache_ttl=_int(env, "FRONTEND_CACHE_TTL", cls.cache_ttl),
            stale_max_age=_int(env, "FRONTEND_STALE_MAX_AGE", cls.stale_max_age),
            cache_max_entries=_int(env, "FRONTEND_CACHE_MAX_ENTRIES", cls.cache_max_entries),
            redis_url=env.get("FRONTEND_REDIS_URL") or env.get("REDIS_URL", ""),
            cache_key_prefix=env.get("FRONTEND_CACHE_KEY_PREFIX") or cls.cache_key_prefix,
            api_timeout=_float(env, "FRONTEND_API_TIMEOUT", cls.api_timeout),
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
