"""What is not a page: static assets, the view-count pixel and the CMS's purge endpoint."""

import hmac
import json
import logging
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from frontend.cache import PURGE_ALL, Cache
from frontend.page_cache import LISTINGS_MARK
from frontend.readers import reader_address
from frontend.rendering import STATIC_DIR
from frontend.settings import Settings
from frontend.view_hits import ViewHits

logger = logging.getLogger("frontend")

PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
MAX_PURGE_URLS = 2000


class CachedStaticFiles(StaticFiles):
    """Static assets; versioned URLs (``?v=``) are cacheable for a year."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            versioned = b"v=" in scope.get("query_string", b"")
            response.headers["Cache-Control"] = (
                "public, max-age=31536000, immutable" if versioned else "public, max-age=3600"
            )
        return response


async def hit(request: Request) -> Response:
    """A 1×1 GIF; the view is queued for the CMS (``frontend.view_hits``), prefetches are not."""
    view_hits: ViewHits = request.state.view_hits
    settings: Settings = request.state.settings
    page_id: int = request.path_params["page_id"]
    headers = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
    purpose = request.headers.get("sec-purpose", "") + request.headers.get("purpose", "")
    if 0 < page_id < 2**63 and "prefetch" not in purpose:
        reader = reader_address(request, settings.trusted_networks)
        view_hits.record(page_id, reader, request.headers.get("user-agent", ""))
    return Response(PIXEL, media_type="image/gif", headers=headers)


async def purge(request: Request) -> Response:
    """``POST /_purge`` from the CMS: mark the given URLs (and the listings) purged now."""
    settings: Settings = request.state.settings
    cache: Cache = request.state.cache
    secret = settings.purge_secret
    supplied = request.headers.get("authorization", "")
    if not supplied.lower().startswith("bearer "):
        return JSONResponse(
            {"error": "an 'Authorization: Bearer <secret>' header is needed"},
            401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not secret:
        return JSONResponse({"error": "purging is disabled: FRONTEND_PURGE_SECRET is not set"}, 403)
    if not hmac.compare_digest(supplied[len("bearer ") :].strip().encode(), secret.encode()):
        return JSONResponse({"error": "the purge secret is not valid"}, 403)
    try:
        payload = json.loads(await request.body() or b"null")
    except ValueError:
        return JSONResponse({"error": 'the body must be JSON: {"urls": [...]}'}, 400)
    urls = payload.get("urls") if isinstance(payload, dict) else None
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        return JSONResponse({"error": '"urls" must be a list of URLs or paths'}, 400)
    if len(urls) > MAX_PURGE_URLS:
        return JSONResponse({"error": f"at most {MAX_PURGE_URLS} URLs per request"}, 400)
    marks = set()
    for url in urls:
        path = urlsplit(url.strip()).path or "/"
        if path in ("/*", "*"):
            marks.add(PURGE_ALL)
            continue
        if not path.startswith("/"):
            return JSONResponse({"error": f"not a URL or absolute path: {url[:100]!r}"}, 400)
        marks.add(path)
        if path.endswith("/"):
            marks.add(path + "feed.xml")
    if marks:
        marks.add(LISTINGS_MARK)
        await cache.purge(sorted(marks))
    logger.info("Purged %d URLs", len(urls))
    return JSONResponse({"purged": len(dict.fromkeys(urls))})


routes: list[BaseRoute] = [
    Mount("/static", app=CachedStaticFiles(directory=STATIC_DIR), name="static"),
    Route("/_hit/{page_id:int}.gif", hit),
    Route("/_purge", purge, methods=["POST"]),
]
