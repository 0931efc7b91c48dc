"""Templates filled in with what every page shares: the site chrome, the canonical URL,
today's date, versioned static URLs; and the error pages built from them."""

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment
from starlette.requests import Request

from frontend import locales
from frontend.chrome import normalize_site
from frontend.messages import N_, gettext
from frontend.page_types import Context
from frontend.rendering import STATIC_DIR, make_environment
from frontend.settings import Settings

HTML = "text/html; charset=utf-8"
ERROR_TEMPLATES = {404: "404.html", 503: "503.html"}
SOMETHING_WRONG = N_("Something went wrong")
ERROR_TITLES = {
    400: N_("That request could not be understood"),
    404: N_("Page not found"),
    429: N_("Too many requests"),
    502: SOMETHING_WRONG,
    503: N_("The newsroom is briefly unavailable"),
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
    """Renders with the templates of the edition named by the context's ``locale``."""

    def __init__(self, settings: Settings, envs: dict[str, Environment] | None = None) -> None:
        self.envs = envs or {
            locale: make_environment(settings, locale) for locale in locales.LOCALES
        }
        self.env = self.envs[locales.DEFAULT_LOCALE]
        self.settings = settings
        self._static_versions: dict[str, str] = {}
        for env in self.envs.values():
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
        env = self.envs.get(context.get("locale", ""), self.env)
        body = env.get_template(template).render(**context)
        return Rendered(http_status, body)

    def base_context(self, request: Request, chrome: Context | None, **extra: Any) -> Context:
        path = request.url.path
        locale = locales.locale_of_path(path)
        chrome = chrome or {"site": normalize_site(None, self.settings, locale)}
        return {
            "request_path": path,
            "locale": locale,
            "canonical": self.settings.editions.absolute(path),
            "chrome": chrome,
            "site": chrome["site"],
            "is_home": False,
            "now_date": self.envs[locale].filters["date_long"](datetime.now(UTC)),
            # The language switcher and hreflang: the home of each other edition, unless
            # the page names its translations (``frontend.alternates``).
            "alternates": [],
            "switch": [
                {
                    "locale": other,
                    "name": locales.NATIVE_NAMES[other],
                    "url": self.settings.editions.link(locales.home_path(other)),
                }
                for other in locales.other_locales(locale)
            ],
            **extra,
        }

    def error_page(
        self,
        request: Request,
        status: int,
        chrome: Context | None = None,
        message: str = "",
    ) -> Rendered:
        """The error page for ``status``; only a 404 may be cached like a page."""
        locale = locales.locale_of_path(request.url.path)
        rendered = self.render(
            ERROR_TEMPLATES.get(status, "error.html"),
            status,
            **self.base_context(
                request,
                chrome,
                status=status,
                title=gettext(locale, ERROR_TITLES.get(status, SOMETHING_WRONG)),
                message=message,
                noindex=True,
            ),
        )
        rendered.cacheable = status == 404
        return rendered
