"""``/healthz`` (the process answers), ``/readyz`` (it can serve pages: the CMS answers, or
a cached copy of the front page is still usable) and ``/metrics`` (Prometheus)."""

import hmac

import httpx
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from frontend.api_client import CMSClient, cache_key
from frontend.cache import Cache
from frontend.settings import Settings

NO_STORE = {"Cache-Control": "no-store"}
#: The API answer every page needs first: the front page's, as ``Fetch.find_page`` asks it.
FRONT_PAGE_KEY = cache_key("v2/pages/find/", {"html_path": "/"})


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"}, headers=NO_STORE)


async def readyz(request: Request) -> Response:
    client: CMSClient = request.state.client
    cache: Cache = request.state.cache
    try:
        answer = await client.http.get("v2/pages/", params={"limit": 1, "fields": "-title"})
        cms = "ok" if answer.status_code < 500 else f"the CMS answered {answer.status_code}"
    except httpx.HTTPError as e:
        cms = f"the CMS did not answer: {type(e).__name__}"
    if cms == "ok":
        return JSONResponse({"status": "ready", "cms": cms}, headers=NO_STORE)
    if cache.is_usable_stale(await cache.get(FRONT_PAGE_KEY)):
        return JSONResponse(
            {"status": "ready", "cms": cms, "cache": "serving stale copies"}, headers=NO_STORE
        )
    return JSONResponse(
        {"status": "not ready", "cms": cms, "cache": "no usable copy of the front page"},
        status_code=503,
        headers=NO_STORE,
    )


def may_read_metrics(request: Request, settings: Settings) -> bool:
    supplied = request.headers.get("authorization", "")
    if settings.metrics_token and supplied.lower().startswith("bearer "):
        return hmac.compare_digest(
            supplied[len("bearer ") :].strip().encode(), settings.metrics_token.encode()
        )
    host = request.client.host if request.client else ""
    return host in settings.metrics_allowed_ips


async def metrics(request: Request) -> Response:
    if not may_read_metrics(request, request.state.settings):
        return JSONResponse(
            {"error": "metrics need 'Authorization: Bearer <METRICS_TOKEN>' or an allowed address"},
            status_code=401,
            headers={"WWW-Authenticate": "Bearer", **NO_STORE},
        )
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST, headers=NO_STORE)


routes: list[BaseRoute] = [
    Route("/healthz", healthz),
    Route("/readyz", readyz),
    Route("/metrics", metrics),
]
