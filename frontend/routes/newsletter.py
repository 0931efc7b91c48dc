"""The newsletter forms: subscribe, confirm and unsubscribe, relayed to the CMS.

These pages carry a per-reader CSRF token, so they are never cached; the
token, form parsing and messages are in ``frontend.newsletter``.
"""

from typing import Any, Literal

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from frontend import locales, newsletter
from frontend.api_client import CMSClient, Fetch, JSONObject, error_message
from frontend.chrome import load_chrome
from frontend.messages import N_, gettext
from frontend.rate_limit import limited
from frontend.renderer import HTML, Renderer
from frontend.settings import Settings

SUBSCRIBE_TEMPLATE = "newsletter/subscribe.html"
SUBSCRIBE_TITLE = N_("Receive Our Daily Headlines")
FORM_UNREADABLE = N_("The form could not be read. Try again.")
CONFIRM_TITLE = N_("Confirm your subscription")
FORM_EXPIRED = N_("This form has expired. Please submit it again.")
CHECK_INBOX = N_("Check your inbox")
NOT_SUBSCRIBED = N_("That address could not be subscribed.")
BUTTON_EXPIRED = N_("This form has expired. Please press the button again.")
ACTION_TEMPLATE = "newsletter/action.html"


async def newsletter_page(
    request: Request, template: str, status: int = 200, retry_after: str = "", **extra: Any
) -> Response:
    """A newsletter page (never cached) with the reader's CSRF token; a valid cookie
    token is kept, so a refused forgery cannot log the reader's own form out. A 429
    always says when to retry (``retry_after`` seconds, else the sign-up window)."""
    renderer: Renderer = request.state.renderer
    settings: Settings = request.state.settings
    locale = locales.locale_of_path(request.url.path)
    # The messages are the catalogue's (a CMS's own message is shown as it came).
    for key in ("title", "error"):
        if isinstance(extra.get(key), str):
            extra[key] = gettext(locale, extra[key])
    if isinstance(extra.get("texts"), dict):
        extra["texts"] = {key: gettext(locale, text) for key, text in extra["texts"].items()}
    chrome = await load_chrome(Fetch(request.state.client, locale=locale), settings)
    csrf, set_cookie = newsletter.token_for(request, settings.secret_key)
    context = renderer.base_context(
        request, chrome, csrf_token=csrf, noindex=True, status=status, **extra
    )
    body = renderer.render(template, status, **context).body
    response = Response(body, status_code=status, media_type=HTML)
    response.headers["Cache-Control"] = "no-store"
    if status == 429:
        response.headers["Retry-After"] = retry_after or str(settings.signup_rate_window)
    if set_cookie:
        path = settings.editions.public_path(locales.prefix(locale) + "/newsletter/")
        newsletter.set_token_cookie(response, csrf, settings.secure_cookies, path)
    return response


async def subscribe_form(request: Request) -> Response:
    return await newsletter_page(request, SUBSCRIBE_TEMPLATE, title=SUBSCRIBE_TITLE)


async def subscribe(request: Request) -> Response:
    settings: Settings = request.state.settings
    client: CMSClient = request.state.client
    page, title = SUBSCRIBE_TEMPLATE, SUBSCRIBE_TITLE
    retry_after = limited(request, "signup")
    if retry_after is not None:
        return await newsletter_page(
            request, page, 429, str(retry_after), title=title, error=newsletter.TOO_MANY
        )
    form = await newsletter.read_form(request)
    if form is None:
        return await newsletter_page(request, page, 400, title=title, error=FORM_UNREADABLE)
    locale = locales.locale_of_path(request.url.path)
    email, problem = newsletter.validate_email(form.get("email"), locale)
    check = newsletter.check_double_submit(
        settings.secret_key,
        request.cookies.get(newsletter.CSRF_COOKIE),
        form.get(newsletter.CSRF_FIELD),
    )
    if check == "missing":
        # From the box on a (shared, cached) page: ask once more, with a token.
        if problem:
            return await newsletter_page(
                request, page, 400, title=title, email=email, error=problem
            )
        return await newsletter_page(
            request, page, title=CONFIRM_TITLE, email=email, confirm_step=True
        )
    if check == "invalid":
        return await newsletter_page(
            request,
            page,
            403,
            title=title,
            email=email,
            error=FORM_EXPIRED,
        )
    if problem:
        return await newsletter_page(request, page, 400, title=title, email=email, error=problem)
    # The edition the reader signed up on: their daily headlines come in its language
    # (the CMS's default is English, so an English sign-up is sent as it always was).
    payload: JSONObject = {"email": email}
    if locale != locales.DEFAULT_LOCALE:
        payload["language"] = locale
    if form.get("consent_text_version"):
        payload["consent_text_version"] = form["consent_text_version"][:50]
    result = await client.post(
        "v3/newsletter/subscribe/",
        payload,
        headers={"X-Forwarded-For": newsletter.reader_ip(request)},
    )
    if result.ok:
        return await newsletter_page(
            request, "newsletter/done.html", title=CHECK_INBOX, email=email, done=True
        )
    status, message = newsletter.cms_failure_message(result, NOT_SUBSCRIBED)
    return await newsletter_page(
        request, page, status, result.retry_after, title=title, email=email, error=message
    )


async def confirm(request: Request) -> Response:
    return await action(request, "confirm")


async def unsubscribe(request: Request) -> Response:
    return await action(request, "unsubscribe")


async def action(request: Request, name: Literal["confirm", "unsubscribe"]) -> Response:
    """A link from an email: GET shows a button (scanners change nothing), POST acts."""
    settings: Settings = request.state.settings
    client: CMSClient = request.state.client
    texts = newsletter.ACTIONS[name]
    template = ACTION_TEMPLATE
    if request.method == "GET":
        token = request.query_params.get("token", "").strip()
        if not token or len(token) > 200:
            return await newsletter_page(
                request, template, 400, texts=texts, title=texts["title"], error=texts["invalid"]
            )
        return await newsletter_page(
            request, template, texts=texts, title=texts["title"], token_value=token
        )
    form = await newsletter.read_form(request) or {}
    token = (form.get("token") or request.query_params.get("token", "")).strip()[:200]
    # Unsubscribing needs no CSRF token: the signed token is a secret only the reader's
    # email holds, and a mail provider's one-click POST (RFC 8058: the URL of the
    # List-Unsubscribe header, "List-Unsubscribe=One-Click") comes without cookies.
    check = "ok"
    if name != "unsubscribe":
        check = newsletter.check_double_submit(
            settings.secret_key,
            request.cookies.get(newsletter.CSRF_COOKIE),
            form.get(newsletter.CSRF_FIELD),
        )
    if check != "ok":
        return await newsletter_page(
            request,
            template,
            403,
            texts=texts,
            title=texts["title"],
            token_value=token,
            error=BUTTON_EXPIRED,
        )
    if not token:
        return await newsletter_page(
            request, template, 400, texts=texts, title=texts["title"], error=texts["invalid"]
        )
    result = await client.post(
        texts["endpoint"],
        {"token": token},
        headers={"X-Forwarded-For": newsletter.reader_ip(request)},
    )
    if result.ok:
        return await newsletter_page(
            request, template, texts=texts, title=texts["done_title"], done=True
        )
    if result.status in (400, 410, 422):
        return await newsletter_page(
            request,
            template,
            400,
            texts=texts,
            title=texts["title"],
            error=error_message(result.data, texts["invalid"]),
        )
    status, message = newsletter.cms_failure_message(result, texts["invalid"])
    return await newsletter_page(
        request,
        template,
        status,
        result.retry_after,
        texts=texts,
        title=texts["title"],
        token_value=token,
        error=message,
    )


routes: list[BaseRoute] = [
    Route("/newsletter/", subscribe_form, methods=["GET"]),
    Route("/newsletter/", subscribe, methods=["POST"]),
    Route("/newsletter/confirm/", confirm, methods=["GET", "POST"]),
    Route("/newsletter/unsubscribe/", unsubscribe, methods=["GET", "POST"]),
]
