"""Templates filled in with what every page shares: the site chrome, the canonical URL,
today's date, versioned static URLs; and the error pages built from them."""

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment
from starlette.requests import Request

from frontend import pages
from frontend.rendering import STATIC_DIR
from frontend.settings import Settings

HTML = "text/html; charset=utf-8"
ERROR_TEMPLATES = {404: "404.html", 503: "503.html"}
ERROR_TITLES = {
    400: "That request could not be understood",
    404: "Page not found",
    429: "Too many requests",
    502: "Something went wrong",
    503: "The newsroom is briefly unavailable",
}


@dataclass
class Rendered:
    """A built page, before it becomes a response (and, when cacheable, a cache entry)."""

    status: int
    body: str = ""
    content_type: str = HTML
    location: str = ""
    cacheable: bool = True
    headers: dict[str, str] = field(default_factory=dict)


class Renderer:
    def __init__(self, env: Environment, settings: Settings) -> None:
        self.env = env
        self.settings = settings
        self._static_versions: dict[str, str] = {}
        env.globals["static"] = self.static_url

    def static_url(self, name: str) -> str:
        """``/static/<name>?v=<content hash>``, so a changed asset gets a new URL."""
        version = self._static_versions.get(name)
        if version is None:
            try:
                version = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:10]
            except OSError:
                version = "0"
            self._static_versions[name] = version
        return f"/static/{name}?v={version}"

    def render(self, template: str, http_status: int = 200, /, **context: Any) -> Rendered:
        body = self.env.get_template(template).render(**context)
        return Rendered(http_status, body)

    def base_context(
        self, request: Request, chrome: pages.Context | None, **extra: Any
    ) -> pages.Context:
        chrome = chrome or {"site": pages.normalize_site(None, self.settings)}
        path = request.url.path
        return {
            "request_path": path,
            "canonical": self.settings.site_url + path,
            "chrome": chrome,
            "site": chrome["site"],
            "is_home": False,
            "now_date": self.env.filters["date_long"](datetime.now(UTC)),
            **extra,
        }

    def error_page(
        self,
        request: Request,
        status: int,
        chrome: pages.Context | None = None,
        message: str = "",
    ) -> Rendered:
        """The error page for ``status``; only a 404 may be cached like a page."""
        rendered = self.render(
            ERROR_TEMPLATES.get(status, "error.html"),
            status,
            **self.base_context(
                request,
                chrome,
                status=status,
                title=ERROR_TITLES.get(status, "Something went wrong"),
                message=message,
                noindex=True,
            ),
        )
        rendered.cacheable = status == 404
        return rendered
