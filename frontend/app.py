"""The public site: ``uvicorn --factory frontend.app:create_app``.

``create_app`` assembles the route groups under ``frontend.routes``, the
middleware and the error handlers; its lifespan builds the objects every
request shares (``frontend.state.AppState``) and closes them on shutdown.
"""

import contextlib
import logging
import time
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import Response

from frontend import locales, logs
from frontend.api_client import CMSClient
from frontend.cache import Cache, Clock
from frontend.locales import LocaleHostMiddleware
from frontend.rate_limit import RateLimit
from frontend.renderer import HTML, Renderer
from frontend.request_id import RequestIdMiddleware
from frontend.routes import feeds, health, machinery, newsletter, pages, preview
from frontend.security import SecurityHeadersMiddleware
from frontend.settings import Settings
from frontend.state import AppState
from frontend.view_hits import ViewHits

logger = logging.getLogger("frontend")


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL: where the CMS's media may be loaded from."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


async def not_found(request: Request, exc: Exception) -> Response:
    renderer: Renderer = request.state.renderer
    rendered = renderer.error_page(request, 404)
    return Response(rendered.body, status_code=404, media_type=HTML)


async def server_error(request: Request, exc: Exception) -> Response:
    logger.exception("Error rendering %s", request.url.path, exc_info=exc)
    renderer: Renderer = request.state.renderer
    rendered = renderer.error_page(request, 500)
    return Response(
        rendered.body, status_code=500, media_type=HTML, headers={"Cache-Control": "no-store"}
    )


def create_app(
    settings: Settings | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock = time.time,
) -> Starlette:
    """The ASGI app. Tests pass ``transport`` to answer for the CMS (``httpx.MockTransport``)
    and ``clock`` to age the cache without waiting."""
    config = settings or Settings.from_env()
    logs.configure(config.log_format)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[AppState]:
        cache = Cache.from_settings(config, clock)
        client = CMSClient(config, cache, transport=transport)
        renderer = Renderer(config)
        view_hits = ViewHits(config, transport=transport)
        view_hits.start()
        app.state.view_hits = view_hits  # for tests and operators' introspection
        rate_limits = {
            "search": RateLimit(config.search_rate_limit, config.search_rate_window),
            "signup": RateLimit(config.signup_rate_limit, config.signup_rate_window),
        }
        try:
            yield {
                "settings": config,
                "cache": cache,
                "client": client,
                "renderer": renderer,
                "view_hits": view_hits,
                "rate_limits": rate_limits,
            }
        finally:
            await view_hits.close()
            await client.close()
            await cache.close()

    return Starlette(
        # The CMS pages go last: their catch-all claims any path the others do not.
        routes=[
            *health.routes,
            *machinery.routes,
            *feeds.routes,
            *locales.localized(newsletter.routes),
            *preview.routes,
            *locales.localized(pages.routes),
        ],
        middleware=[
            Middleware(RequestIdMiddleware),
            Middleware(
                SecurityHeadersMiddleware,
                cms_origin=origin(config.cms_api_base),
                framed_by=config.preview_framed_by or origin(config.cms_api_base),
                trusted=config.trusted_networks,
            ),
            Middleware(GZipMiddleware, minimum_size=1000),
            Middleware(LocaleHostMiddleware, editions=config.editions),
        ],
        exception_handlers={404: not_found, 500: server_error},
        lifespan=lifespan,
    )
