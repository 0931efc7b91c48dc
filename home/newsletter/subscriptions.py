"""Signing up, confirming and leaving: double opt-in with signed tokens and per-address limits."""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from home.newsletter.emails import build_message
from home.newsletter.models import (
    CONFIRM_SALT,
    UNSUBSCRIBE_SALT,
    Subscriber,
    logger,
    new_nonce,
    normalize_email,
)


def check_email(email):
    """The normalised address, or ValidationError with a message readers understand."""
    email = normalize_email(email)
    if not email:
        raise ValidationError("Enter your email address.")
    if len(email) > 254:
        raise ValidationError("That email address is too long.")
    try:
        validate_email(email)
    except ValidationError as e:
        raise ValidationError("Enter a valid email address, like name@example.com.") from e
    return email


def hit_rate_limit(scope, ident, limit, window):
    """Count one request against ``limit`` per ``window`` seconds; True when over the limit."""
    bucket = int(time.time() // window)
    key = f"home.ratelimit.{scope}.{ident}.{bucket}"
    cache.add(key, 0, window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window + 5)
        count = 1
    return count > limit


def subscribe(email, *, ip=None, user_agent="", consent_text_version="", language=None):
    """Create or refresh a pending subscription and send the confirmation link.

    Answers nothing about whether the address was known: callers respond the
    same way whatever happens here.
    """
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(email=email, consent_at=now)
            except IntegrityError:
                subscriber = Subscriber.objects.select_for_update().get(email=email)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return subscriber
        if language:
            subscriber.language = language
        subscriber.status = Subscriber.Status.PENDING
        subscriber.consent_at = now
        subscriber.consent_ip = ip
        subscriber.consent_user_agent = (user_agent or "")[:500]
        subscriber.consent_text_version = (consent_text_version or "")[:50]
        subscriber.confirmation_sent_at = now
        subscriber.save()
        transaction.on_commit(lambda: send_confirmation(subscriber))
    return subscriber


def confirm_subject(language):
    """The confirmation email's subject in the reader's language (home/locale)."""
    with translation.override(language):
        return gettext("Confirm your subscription to the {site} daily headlines").format(
            site=settings.WAGTAIL_SITE_NAME
        )


def send_confirmation(subscriber):
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "confirm_url": subscriber.confirm_url(),
        "unsubscribe_url": subscriber.unsubscribe_url(),
        "valid_hours": settings.NEWSLETTER_CONFIRM_MAX_AGE // 3600,
        "frontend_url": settings.FRONTEND_URL,
    }
    try:
        message = build_message(
            confirm_subject(subscriber.language),
            "home/email/confirm_subscription",
            context,
            subscriber,
        )
        message.send()
    except Exception:
        # The reader gets the same answer either way; the failure is in the logs.
        logger.exception(
            "Could not send the newsletter confirmation to subscriber %s", subscriber.pk
        )


class TokenError(Exception):
    def __init__(self, code, message):
        self.code = code
        self.message = message
        super().__init__(message)


def _read_token(token, salt, max_age=None):
    token = (token or "").strip()
    try:
        if max_age is None:
            data = signing.Signer(salt=salt).unsign_object(token)
        else:
            data = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as e:
        raise TokenError(
            "expired",
            f"This confirmation link has expired (links are valid for {max_age // 3600} hours). "
            "Subscribe again to get a new one.",
        ) from e
    except (signing.BadSignature, ValueError, TypeError) as e:
        raise TokenError(
            "invalid",
            "This link is not valid. Check that you opened the whole link from the email.",
        ) from e
    if not isinstance(data, dict) or not isinstance(data.get("s"), int) or "n" not in data:
        raise TokenError("invalid", "This link is not valid.")
    return data["s"], str(data["n"])


def confirm(token):
    """Confirm a subscription; a token works once. Raises TokenError."""
    subscriber_id, nonce = _read_token(
        token, CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE
    )
    now = timezone.now()
    # The nonce changes as the token is used: a replay (or a concurrent double
    # click) matches no row.
    updated = Subscriber.objects.filter(pk=subscriber_id, confirm_nonce=nonce).update(
        status=Subscriber.Status.CONFIRMED,
        confirmed_at=now,
        unsubscribed_at=None,
        confirm_nonce=new_nonce(),
        updated_at=now,
    )
    if not updated:
        if Subscriber.objects.filter(pk=subscriber_id).exists():
            raise TokenError(
                "used",
                "This confirmation link has already been used. If you are not receiving the "
                "headlines, subscribe again.",
            )
        raise TokenError("invalid", "This link is not valid: the subscription no longer exists.")
    return Subscriber.objects.get(pk=subscriber_id)


def unsubscribe(token):
    """Unsubscribe through the link in any email. Repeating it is harmless."""
    subscriber_id, nonce = _read_token(token, UNSUBSCRIBE_SALT)
    subscriber = Subscriber.objects.filter(pk=subscriber_id, unsubscribe_nonce=nonce).first()
    if subscriber is None:
        raise TokenError("invalid", "This unsubscribe link is not valid.")
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        now = timezone.now()
        Subscriber.objects.filter(pk=subscriber.pk).update(
            status=Subscriber.Status.UNSUBSCRIBED,
            unsubscribed_at=now,
            confirm_nonce=new_nonce(),
            updated_at=now,
        )
    return subscriber
