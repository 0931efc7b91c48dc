"""``GET /_preview/?token=…``: an editor's draft, rendered like the published page.

The CMS's Preview button frames this URL (see ``home/preview.py``). The draft
comes from ``GET /api/v2/preview/?token=…``, which answers in the shape of the
pages detail, so the page goes through its normal loader and template. What is
different from a reader's page:

* the token is the only key: the answer is fetched for every request and never
  stored, in this app's cache or anyone's (``Cache-Control: no-store``);
* a "Preview" banner says so (a draft of a live page, or of one never published), and
  robots are told to stay away (``<meta name="robots" content="noindex">`` and
  ``X-Robots-Tag``);
* a missing, tampered or expired token gets a page saying what to do, with the
  CMS's status (400, 403, 410).
"""

import logging

import httpx
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from frontend import pages, seo
from frontend.alternates import page_locale
from frontend.api_client import CMSClient, CMSError, Fetch, error_message
from frontend.chrome import load_chrome
from frontend.page_types import BadPageRequest, Context
from frontend.renderer import HTML, Renderer
from frontend.rendering import page_path
from frontend.settings import Settings

logger = logging.getLogger("frontend.preview")

HEADERS = {"Cache-Control": "no-store, private", "X-Robots-Tag": "noindex"}
MAX_TOKEN_LENGTH = 1000


async def fetch_draft(client: CMSClient, token: str) -> tuple[int, object]:
    """(status, JSON) of the CMS's preview endpoint; never cached."""
    try:
        response = await client.http.get("v2/preview/", params={"token": token})
    except httpx.HTTPError as e:
        logger.warning("preview request failed: %s", e)
        return 503, None
    try:
        data = response.json()
    except ValueError:
        data = None
    return response.status_code, data


async def preview(request: Request) -> Response:
    renderer: Renderer = request.state.renderer
    settings: Settings = request.state.settings
    client: CMSClient = request.state.client
    token = request.query_params.get("token", "").strip()
    fetch = Fetch(client)
    chrome = await load_chrome(fetch, settings)
    if not token:
        return error(request, chrome, 400, "This preview link has no token.")
    if len(token) > MAX_TOKEN_LENGTH:
        return error(request, chrome, 403, "This preview link is not valid.")
    status, page = await fetch_draft(client, token)
    if status != 200 or not isinstance(page, dict):
        if status in (400, 403, 404, 410):
            message = error_message(page, "This preview link is not valid.")
            return error(request, chrome, status, message)
        return error(request, chrome, 503, "The CMS did not answer. Try Preview again shortly.")
    kind = pages.page_type_for(page)
    # A Spanish draft is previewed in the Spanish edition: its chrome, words and listings.
    locale = page_locale(page)
    if locale != fetch.locale:
        fetch.locale = locale
        chrome = await load_chrome(fetch, settings)
    try:
        extra = await kind.load(fetch, client, page, {}, settings)
    except (CMSError, BadPageRequest) as e:
        # A page still being created has no id for listings and breadcrumbs yet.
        logger.info("preview of %s rendered without its listings: %s", page.get("title"), e)
        extra = {}
    context = renderer.base_context(
        request,
        chrome,
        page=page,
        og_type=kind.og_type,
        **extra,
        **seo.page_meta(page),
    )
    context.update(
        locale=locale,
        is_home=page["meta"].get("type") == "home.HomePage",
        noindex=True,
        preview=True,
        preview_page_path=page_path(page),
        preview_of_live=page["meta"].get("live") is True,
        preview_noun="story" if kind.og_type == "article" else "page",
    )
    if kind.og_type == "article":  # the template embeds it, as on the published page
        context["json_ld"] = seo.article_json_ld(
            page, settings, chrome["site"]["name"], context["canonical"]
        )
    body = renderer.render(kind.template, **context).body
    return Response(body, media_type=HTML, headers=HEADERS)


def error(request: Request, chrome: Context, status: int, message: str) -> Response:
    renderer: Renderer = request.state.renderer
    rendered = renderer.render(
        "error.html",
        status,
        **renderer.base_context(
            request,
            chrome,
            status=status,
            title="This preview is not available",
            message=message,
            noindex=True,
        ),
    )
    return Response(rendered.body, status_code=status, media_type=HTML, headers=HEADERS)


routes: list[BaseRoute] = [Route("/_preview/", preview)]
