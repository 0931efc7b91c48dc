"""The paper's editions: which locale a URL belongs to and where each edition lives.

The CMS gives every Spanish page a path under ``/es/`` and every English one an
unprefixed path; inside this process a URL's locale is read from that prefix alone.
By default the public site uses the same paths. With ``FRONTEND_LOCALE_HOSTS``
(``es=es.example.com``) an edition is served from a host of its own instead:
``LocaleHostMiddleware`` adds the prefix to requests arriving on that host, and
``Editions.link`` turns a CMS path into that host's URL, so one rendering path serves
both setups.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Receive, Scope, Send

DEFAULT_LOCALE = "en"
LOCALES = ("en", "es")
# What each locale is called in its own language (the language switcher) and in Open Graph.
NATIVE_NAMES = {"en": "English", "es": "Español"}
OG_LOCALES = {"en": "en_US", "es": "es_ES"}
# Paths that belong to no edition: assets, machinery and operators' endpoints.
EDITIONLESS = ("/static/", "/_", "/healthz", "/readyz", "/metrics", "/robots.txt", "/sitemap.xml")


def prefix(locale: str) -> str:
    """``""`` for the default edition, ``"/es"`` for Spanish."""
    return "" if locale == DEFAULT_LOCALE else "/" + locale


def home_path(locale: str) -> str:
    return prefix(locale) + "/"


def locale_of_path(path: str) -> str:
    """The locale a site (or CMS ``html_path``) path belongs to."""
    for locale in LOCALES:
        if locale != DEFAULT_LOCALE and (path == "/" + locale or path.startswith(f"/{locale}/")):
            return locale
    return DEFAULT_LOCALE


def unprefixed(path: str) -> str:
    """The path within its edition: ``/es/mundo/`` → ``/mundo/``."""
    locale = locale_of_path(path)
    return path[len(prefix(locale)) :] or "/"


def other_locales(locale: str) -> list[str]:
    return [other for other in LOCALES if other != locale]


def parse_hosts(value: str) -> tuple[tuple[str, str], ...]:
    """``"es=es.example.com"`` (comma-separated) as ``(("es", "es.example.com"),)``."""
    pairs = []
    for item in value.split(","):
        if not item.strip():
            continue
        locale, sep, host = item.partition("=")
        locale, host = locale.strip(), host.strip().lower()
        if not sep or locale not in LOCALES or not host:
            raise ValueError(
                f"FRONTEND_LOCALE_HOSTS entries look like 'es=es.example.com', not {item!r} "
                f"(locales: {', '.join(LOCALES)})"
            )
        pairs.append((locale, host))
    return tuple(pairs)


@dataclass(frozen=True)
class Editions:
    """Public URLs of each edition: a path prefix on ``site_url``, or a host of its own."""

    site_url: str
    hosts: Mapping[str, str]

    @property
    def by_host(self) -> bool:
        return bool(self.hosts)

    def base_url(self, locale: str) -> str:
        """Scheme and host an edition is served from (the site's own without a host of its own)."""
        host = self.hosts.get(locale)
        if not host:
            return self.site_url
        return f"{urlsplit(self.site_url).scheme}://{host}"

    def absolute(self, path: str) -> str:
        """The public URL of a site path as the CMS writes it (``/es/mundo/``)."""
        locale = locale_of_path(path)
        if self.hosts.get(locale):
            return self.base_url(locale) + unprefixed(path)
        return self.site_url + path

    def public_path(self, path: str) -> str:
        """The path part of a site path's public URL (``/mundo/`` on a Spanish host)."""
        return unprefixed(path) if self.hosts.get(locale_of_path(path)) else path

    def link(self, path: str) -> str:
        """A link to a site path: the path itself when every edition shares this host, else
        the absolute URL (a reader on one edition's host reaches the other's)."""
        if not self.by_host or not path.startswith("/"):
            return path
        return self.absolute(path)

    def locale_of_host(self, host: str) -> str | None:
        host = host.lower().split(":", 1)[0]
        for locale, own in self.hosts.items():
            if own.split(":", 1)[0] == host:
                return locale
        return None


class LocaleHostMiddleware:
    """With per-locale hosts: a request on an edition's host is routed as its prefixed path
    (``es.example.com/mundo/`` is ``/es/mundo/`` inside), and a prefixed path on another host
    is sent to the edition's host, so each page has one public URL."""

    def __init__(self, app: ASGIApp, editions: Editions) -> None:
        self.app = app
        self.editions = editions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.editions.by_host:
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith(EDITIONLESS):
            await self.app(scope, receive, send)
            return
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        locale = self.editions.locale_of_host(host)
        if locale is not None:
            scope = {**scope, "path": prefix(locale) + path}
            scope.pop("raw_path", None)
        elif locale_of_path(path) in self.editions.hosts:
            query = scope.get("query_string", b"").decode("latin-1")
            location = self.editions.absolute(path) + ("?" + query if query else "")
            await send(
                {
                    "type": "http.response.start",
                    "status": 301,
                    "headers": [(b"location", location.encode("latin-1"))],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        await self.app(scope, receive, send)


def localized(routes: Iterable[BaseRoute]) -> list[BaseRoute]:
    """The routes again under each other edition's prefix (first, so that a catch-all among
    the originals does not claim them); the catch-all itself already sees every path."""
    originals = list(routes)
    copies: list[BaseRoute] = []
    for locale in LOCALES:
        if locale == DEFAULT_LOCALE:
            continue
        for route in originals:
            if isinstance(route, Route) and not route.path.startswith("/{"):
                methods = sorted(route.methods or ()) or None
                copies.append(Route(prefix(locale) + route.path, route.endpoint, methods=methods))
    return copies + originals
