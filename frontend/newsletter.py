"""Newsletter forms: subscribe, confirm, unsubscribe, posted to the frontend.

The frontend calls the CMS server-side (no CORS, the reader's IP forwarded in
``X-Forwarded-For``). Forms are protected by a signed double-submit token: the
same HMAC-signed value in an HttpOnly, SameSite=Lax cookie and in a hidden
field; a POST is acted on only when both are present, equal and correctly
signed by this site.

Cached pages (shared by every reader) cannot carry a per-reader token, so the
newsletter box on every page posts just the email: the frontend answers with
a short "confirm your subscription" form that carries the token. Submitting
that (or the form on ``/newsletter/`` itself) subscribes.
"""

import hashlib
import hmac
import logging
import re
import secrets
import time
from typing import Literal
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import Response

from frontend.api_client import PostResult, error_message
from frontend.locales import DEFAULT_LOCALE
from frontend.messages import N_, gettext
from frontend.readers import reader_address
from frontend.settings import Settings

logger = logging.getLogger("frontend.newsletter")

CSRF_COOKIE = "herald_csrf"
CSRF_FIELD = "csrf_token"
TOKEN_MAX_AGE = 24 * 3600
MAX_FORM_BYTES = 16 * 1024
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")

ACTIONS = {
    "confirm": {
        "endpoint": "v3/newsletter/confirm/",
        "title": N_("Confirm your subscription"),
        "intro": N_("One last step: confirm that you want to receive our daily headlines."),
        "button": N_("Confirm my subscription"),
        "done_title": N_("You are subscribed"),
        "done": N_("Thank you. Our daily headlines will arrive in your inbox every morning."),
        "invalid": N_(
            "This confirmation link is not valid any more. It may have expired or "
            "been used already; sign up again below to get a new one."
        ),
    },
    "unsubscribe": {
        "endpoint": "v3/newsletter/unsubscribe/",
        "title": N_("Unsubscribe from the daily headlines"),
        "intro": N_("Stop receiving our daily headlines email."),
        "button": N_("Unsubscribe"),
        "done_title": N_("You are unsubscribed"),
        "done": N_(
            "You will not receive our daily headlines any more. You can sign up again at any time."
        ),
        "invalid": N_(
            "This unsubscribe link is not valid. It may be incomplete: open the link "
            "from the latest email you received."
        ),
    },
}


def _sign(secret: str, message: str) -> str:
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()[:32]


def new_token(secret: str) -> str:
    message = f"{secrets.token_urlsafe(16)}.{int(time.time())}"
    return f"{message}.{_sign(secret, message)}"


def token_is_signed(secret: str, token: str, max_age: int = TOKEN_MAX_AGE) -> bool:
    try:
        nonce, issued_text, signature = token.split(".")
        issued = int(issued_text)
    except (AttributeError, ValueError):
        return False
    if not hmac.compare_digest(signature, _sign(secret, f"{nonce}.{issued}")):
        return False
    return 0 <= time.time() - issued <= max_age


DoubleSubmit = Literal["ok", "missing", "invalid"]


def check_double_submit(
    secret: str, cookie_token: str | None, form_token: str | None
) -> DoubleSubmit:
    """'ok', 'missing' (no token in the form) or 'invalid'."""
    if not form_token:
        return "missing"
    if not cookie_token or not hmac.compare_digest(cookie_token, form_token):
        return "invalid"
    return "ok" if token_is_signed(secret, form_token) else "invalid"


def token_for(request: Request, secret: str) -> tuple[str, bool]:
    """The reader's current token (kept while valid) and whether a cookie must be set."""
    current = request.cookies.get(CSRF_COOKIE)
    if current and token_is_signed(secret, current, TOKEN_MAX_AGE // 2):
        return current, False
    return new_token(secret), True


def set_token_cookie(
    response: Response, token: str, secure: bool, path: str = "/newsletter/"
) -> None:
    """``path``: the edition's public newsletter path (``/es/newsletter/``)."""
    response.set_cookie(
        CSRF_COOKIE,
        token,
        max_age=TOKEN_MAX_AGE,
        path=path,
        httponly=True,
        samesite="lax",
        secure=secure,
    )


async def read_form(request: Request) -> dict[str, str] | None:
    """A urlencoded form body as a dict of first values; None when too large or malformed."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return None
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        return None
    return {key: values[0] for key, values in parsed.items()}


NOT_AN_ADDRESS = N_("“%(email)s” does not look like an email address. Check it and try again.")


def validate_email(email: str | None, locale: str = DEFAULT_LOCALE) -> tuple[str, str | None]:
    email = (email or "").strip()
    if not email:
        return email, N_("Enter your email address.")
    if len(email) > 254 or not EMAIL_RE.match(email):
        return email, gettext(locale, NOT_AN_ADDRESS) % {"email": email[:80]}
    return email, None


def reader_ip(request: Request) -> str:
    """The reader's address, as the CMS's per-address limits must see it."""
    settings: Settings = request.state.settings
    return reader_address(request, settings.trusted_networks)


TOO_MANY = N_("Too many attempts from your connection. Please try again later.")


def cms_failure_message(result: PostResult, default: str) -> tuple[int, str]:
    """(status, message) for a failed CMS write."""
    if result.status in (400, 409, 410, 422):
        return 400, error_message(result.data, default)
    if result.status == 429:
        return 429, TOO_MANY
    if result.status == 404:
        logger.warning("The CMS has no newsletter endpoint (404)")
        return 503, N_("Newsletter sign-up is not available at the moment. Please try again later.")
    return 503, N_("We could not reach our newsroom's systems. Please try again in a few minutes.")
