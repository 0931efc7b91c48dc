"""Newsletter v3 endpoints: the sign-up box, subscribe, confirm and unsubscribe."""

import hashlib
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema, Status

from cms.delivery.client_ip import client_ip
from cms.delivery.schemas import (
    LOCALE_QUERY,
    PUBLIC_READ,
    Language,
    ProblemOut,
    StrictIn,
    cacheable_json,
    problem,
)
from home.newsletter.subscriptions import (
    TokenError,
    check_email,
    confirm,
    hit_rate_limit,
    subscribe,
    unsubscribe,
)
from home.site_settings.api import NewsletterInfoOut
from home.site_settings.models import localised, settings_for_request, site_payload


class SubscribeIn(StrictIn):
    email: str = Field(max_length=1000)
    consent_text_version: str | None = Field(
        None, max_length=50, description="Version of the consent text the reader saw."
    )
    language: Language = Field(
        "en", description="The edition whose daily headlines (and emails) the reader gets."
    )


class NewsletterResultOut(Schema):
    status: Literal["accepted", "confirmed", "unsubscribed"]
    detail: str


class TokenIn(StrictIn):
    token: str = Field(max_length=2000)


newsletter_router = Router(tags=["newsletter"])


SUBSCRIBE_ACCEPTED = (
    "Thanks! Check your inbox: we sent a link to confirm your subscription. It is valid for "
    "72 hours."
)


@newsletter_router.get(
    "/",
    response={200: NewsletterInfoOut, 304: None},
    auth=PUBLIC_READ,
    summary="The newsletter form: heading, blurb, consent text and its version",
    operation_id="newsletter_info",
)
def newsletter_info(request, locale: Language = LOCALE_QUERY):

    return cacheable_json(request, NewsletterInfoOut, site_payload(request, locale)["newsletter"])


@newsletter_router.post(
    "/subscribe/",
    response={202: NewsletterResultOut, 400: ProblemOut, 422: ProblemOut, 429: ProblemOut},
    summary="Subscribe (double opt-in): the same answer whether or not the address is known",
    description=(
        "Called server-side by the frontend, which passes the reader's IP as the last "
        "X-Forwarded-For entry and the reader's User-Agent. Rate limited per IP and per "
        "address (429)."
    ),
    operation_id="newsletter_subscribe",
)
def newsletter_subscribe(request, data: SubscribeIn):

    ip = client_ip(request)
    limit, window = settings.NEWSLETTER_RATE_LIMIT_PER_IP
    if hit_rate_limit("subscribe-ip", ip or "unknown", limit, window):
        return too_many(
            "Too many subscription requests from your network. Please try again later.", window
        )
    try:
        email = check_email(data.email)
    except ValidationError as e:
        return problem(
            422,
            e.messages[0],
            code="email",
            errors=[{"loc": ["body", "email"], "msg": e.messages[0]}],
        )
    limit, window = settings.NEWSLETTER_RATE_LIMIT_PER_ADDRESS
    address_key = hashlib.sha256(email.encode()).hexdigest()
    if hit_rate_limit("subscribe-address", address_key, limit, window):
        return too_many(
            "Too many subscription requests for this address. Please try again later.", window
        )

    consent_text_version = data.consent_text_version
    if not consent_text_version:
        furniture = localised(settings_for_request(request)[0], data.language)
        consent_text_version = furniture.newsletter_consent_version
    subscribe(
        email,
        ip=ip,
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        consent_text_version=consent_text_version,
        language=data.language,
    )
    return Status(202, {"status": "accepted", "detail": SUBSCRIBE_ACCEPTED})


def too_many(detail, window):
    """A 429 that says when to retry: at worst when the limit's window has passed."""
    response = problem(429, detail, code="rate_limited")
    response["Retry-After"] = str(window)
    return response


def _token_endpoint(request, token, action, status, detail):

    limit, window = settings.NEWSLETTER_RATE_LIMIT_PER_IP
    if hit_rate_limit(f"{status}-ip", client_ip(request) or "unknown", limit * 3, window):
        return too_many("Too many requests. Please try again later.", window)
    try:
        action(token)
    except TokenError as e:
        return problem(400, e.message, code=e.code)
    return {"status": status, "detail": detail}


@newsletter_router.post(
    "/confirm/",
    response={200: NewsletterResultOut, 400: ProblemOut, 422: ProblemOut, 429: ProblemOut},
    summary="Confirm a subscription with the token from the email (single use, 72 hours)",
    description="400 codes: invalid (tampered or truncated), expired, used.",
    operation_id="newsletter_confirm",
)
def newsletter_confirm(request, data: TokenIn):

    return _token_endpoint(
        request,
        data.token,
        confirm,
        "confirmed",
        "Your subscription is confirmed: the daily headlines will arrive every morning.",
    )


@newsletter_router.post(
    "/unsubscribe/",
    response={200: NewsletterResultOut, 400: ProblemOut, 422: ProblemOut, 429: ProblemOut},
    summary="Unsubscribe with the token from the link in any email",
    operation_id="newsletter_unsubscribe",
)
def newsletter_unsubscribe(request, data: TokenIn):

    return _token_endpoint(
        request,
        data.token,
        unsubscribe,
        "unsubscribed",
        "You are unsubscribed and will receive no more emails from us.",
    )
