"""Newsletter: double opt-in subscribers, cartoons and the daily headlines email.

Subscribing (``POST /api/v3/newsletter/subscribe/``) records consent and sends a
confirmation link; the frontend's confirmation page POSTs the token back. A
confirmation token is a :class:`~django.core.signing.TimestampSigner` signature
of the subscriber id and a per-subscriber nonce: it expires after
``NEWSLETTER_CONFIRM_MAX_AGE`` seconds and the nonce is replaced once it is
used, so a used link cannot be replayed. Unsubscribe links (in every email)
are signed the same way with their own nonce and do not expire.

The daily headlines are sent by :func:`send_daily_headlines`: one
:class:`NewsletterIssue` per day with its content frozen when it is created, and
one :class:`NewsletterDelivery` per subscriber (unique per issue). Deliveries
are claimed with an atomic UPDATE before sending and marked sent right after
each message, so a crash and a rerun, or two concurrent runs, send nobody twice.
"""

import logging
import secrets
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.delivery.images import absolute_media_url
from cms.delivery.teasers import fetch_teasers
from cms.delivery.visibility import public_pages
from home.most_viewed.models import story_content_types, top_page_ids

logger = logging.getLogger(__name__)

CONFIRM_SALT = "home.newsletter.confirm"
UNSUBSCRIBE_SALT = "home.newsletter.unsubscribe"


def new_nonce():
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    """A reader who asked for the daily headlines, with the record of their consent."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    email = models.EmailField(max_length=254, unique=True, help_text="Stored in lower case.")
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    consent_at = models.DateTimeField("consent given at", default=timezone.now)
    consent_ip = models.GenericIPAddressField("consent IP address", null=True, blank=True)
    consent_user_agent = models.CharField("consent user agent", max_length=500, blank=True)
    consent_text_version = models.CharField(
        max_length=50, blank=True, help_text="Version of the consent text the reader agreed to."
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirm_nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    unsubscribe_nonce = models.CharField(max_length=32, default=new_nonce, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="unique_subscriber_email_ci"),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    def confirm_token(self):
        return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(
            {"s": self.pk, "n": self.confirm_nonce}
        )

    def unsubscribe_token(self):
        return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(
            {"s": self.pk, "n": self.unsubscribe_nonce}
        )

    def confirm_url(self):
        return f"{settings.FRONTEND_URL}/newsletter/confirm/?token={self.confirm_token()}"

    def unsubscribe_url(self):
        return f"{settings.FRONTEND_URL}/newsletter/unsubscribe/?token={self.unsubscribe_token()}"


@register_snippet
class Cartoon(index.Indexed, models.Model):
    """The cartoon at the end of the daily headlines ("so every email has a happy ending")."""

    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    caption = models.CharField(max_length=500)
    date = models.DateField(
        default=timezone.localdate,
        db_index=True,
        help_text="The newsletter of this day (and later, until a newer one) carries it.",
    )

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("date")]

    search_fields = [index.SearchField("caption"), index.FilterField("date")]

    class Meta:
        ordering = ["-date", "-pk"]
        get_latest_by = "date"

    def __str__(self):
        return f"{self.date:%Y-%m-%d}: {self.caption}"


class NewsletterIssue(models.Model):
    """One day's daily headlines; its content is frozen when the first send starts."""

    class Status(models.TextChoices):
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    date = models.DateField(unique=True)
    subject = models.CharField(max_length=255)
    content = models.JSONField(default=dict, help_text="Top stories, latest stories and cartoon.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = "daily headlines issue"

    def __str__(self):
        return self.subject


class NewsletterDelivery(models.Model):
    """One subscriber's copy of one issue. Unique per (issue, subscriber): sent at most once."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending (interrupted if it stays so)"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped (no longer subscribed)"

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    claim = models.CharField(max_length=32, blank=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="unique_delivery")
        ]
        verbose_name_plural = "newsletter deliveries"

    def __str__(self):
        return f"{self.issue} → {self.subscriber_id}: {self.status}"


# --- Subscribing -----------------------------------------------------------------


def normalize_email(email):
    return (email or "").strip().lower()


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


def subscribe(email, *, ip=None, user_agent="", consent_text_version=""):
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
        subscriber.status = Subscriber.Status.PENDING
        subscriber.consent_at = now
        subscriber.consent_ip = ip
        subscriber.consent_user_agent = (user_agent or "")[:500]
        subscriber.consent_text_version = (consent_text_version or "")[:50]
        subscriber.confirmation_sent_at = now
        subscriber.save()
        transaction.on_commit(lambda: send_confirmation(subscriber))
    return subscriber


def send_confirmation(subscriber):
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "confirm_url": subscriber.confirm_url(),
        "unsubscribe_url": subscriber.unsubscribe_url(),
        "valid_hours": settings.NEWSLETTER_CONFIRM_MAX_AGE // 3600,
        "frontend_url": settings.FRONTEND_URL,
    }
    try:
        message = _message(
            f"Confirm your subscription to the {settings.WAGTAIL_SITE_NAME} daily headlines",
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


# --- Daily headlines ----------------------------------------------------------


def _message(subject, template, context, subscriber):
    context = {**context, "unsubscribe_url": subscriber.unsubscribe_url()}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[subscriber.email],
        headers={"List-Unsubscribe": f"<{context['unsubscribe_url']}>"},
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def cartoon_summary(cartoon):

    if cartoon is None:
        return None
    rendition = cartoon.image.get_rendition("width-600|format-jpeg|jpegquality-85")
    return {
        "caption": cartoon.caption,
        "date": cartoon.date.isoformat(),
        "alt": cartoon.image.default_alt_text or cartoon.caption,
        "url": absolute_media_url(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }


def build_issue_content(date):
    """Top stories (most viewed over 24 h), latest headlines and the latest cartoon."""
    from wagtail.models import Page

    top_ids = [page_id for page_id, _ in top_page_ids("24h", settings.NEWSLETTER_TOP_STORIES)]
    latest_ids = list(
        public_pages(Page.objects.filter(content_type__in=story_content_types()))
        .exclude(pk__in=top_ids)
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)[: settings.NEWSLETTER_LATEST_STORIES]
    )
    teasers = fetch_teasers(top_ids + latest_ids)
    cartoon = Cartoon.objects.filter(date__lte=date).select_related("image").first()
    return {
        "top": [teasers[pk] for pk in top_ids if pk in teasers],
        "latest": [teasers[pk] for pk in latest_ids if pk in teasers],
        "cartoon": cartoon_summary(cartoon),
    }


def get_or_create_issue(date):
    issue = NewsletterIssue.objects.filter(date=date).first()
    if issue is not None:
        return issue
    subject = (
        f"{settings.WAGTAIL_SITE_NAME}: Daily Headlines for {date:%A, %B} {date.day}, {date:%Y}"
    )
    # Built outside the transaction: its renditions are committed as they are made, so two
    # schedulers building the same issue at once do not deadlock on them.
    content = build_issue_content(date)
    try:
        with transaction.atomic():
            return NewsletterIssue.objects.create(date=date, subject=subject, content=content)
    except IntegrityError:
        return NewsletterIssue.objects.get(date=date)


class SendInterrupted(Exception):
    pass


@dataclass
class SendReport:
    issue: NewsletterIssue
    sent: int = 0
    skipped: int = 0
    already_sent: int = 0
    interrupted: int = 0

    def __str__(self):
        text = f"{self.issue.subject}: sent {self.sent} now, {self.already_sent} already sent"
        if self.skipped:
            text += f", {self.skipped} skipped (unsubscribed meanwhile)"
        if self.interrupted:
            text += (
                f", {self.interrupted} interrupted mid-send by an earlier crash "
                "(not retried, to send nobody twice; see the deliveries admin)"
            )
        return text


def _retryable():
    return Q(status=NewsletterDelivery.Status.PENDING) | Q(
        status=NewsletterDelivery.Status.FAILED, attempts__lt=settings.NEWSLETTER_MAX_ATTEMPTS
    )


def send_daily_headlines(date=None, *, batch_size=None, connection=None):
    """Send today's issue to every confirmed subscriber who has not had it yet."""
    date = date or timezone.localdate()
    batch_size = batch_size or settings.NEWSLETTER_BATCH_SIZE
    issue = get_or_create_issue(date)
    report = SendReport(issue=issue)
    if issue.status != NewsletterIssue.Status.SENT:
        _enqueue(issue)
        connection = connection or get_connection()
        while _send_batch(issue, batch_size, connection, report):
            pass
        if not issue.deliveries.filter(_retryable()).exists():
            NewsletterIssue.objects.filter(pk=issue.pk).update(
                status=NewsletterIssue.Status.SENT, finished_at=timezone.now()
            )
            issue.refresh_from_db()
    counts = dict(issue.deliveries.values_list("status").annotate(n=models.Count("pk")).order_by())
    report.already_sent = counts.get(NewsletterDelivery.Status.SENT, 0) - report.sent
    report.interrupted = counts.get(NewsletterDelivery.Status.SENDING, 0)
    return report


def _enqueue(issue):
    """A delivery row for every confirmed subscriber without one (idempotent)."""
    confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).exclude(
        deliveries__issue=issue
    )
    ids = list(confirmed.values_list("pk", flat=True))
    NewsletterDelivery.objects.bulk_create(
        [NewsletterDelivery(issue=issue, subscriber_id=pk) for pk in ids],
        ignore_conflicts=True,
        batch_size=500,
    )


def _send_batch(issue, batch_size, connection, report):
    ids = list(
        issue.deliveries.filter(_retryable())
        .order_by("pk")
        .values_list("pk", flat=True)[:batch_size]
    )
    if not ids:
        return False
    claim = uuid.uuid4().hex
    # Atomic claim: a delivery another sender claimed meanwhile no longer matches.
    NewsletterDelivery.objects.filter(_retryable(), pk__in=ids).update(
        status=NewsletterDelivery.Status.SENDING, claim=claim
    )
    claimed = list(
        NewsletterDelivery.objects.filter(claim=claim, status=NewsletterDelivery.Status.SENDING)
        .select_related("subscriber")
        .order_by("pk")
    )
    context = _issue_context(issue)
    connection.open()
    try:
        for delivery in claimed:
            subscriber = delivery.subscriber
            if subscriber.status != Subscriber.Status.CONFIRMED:
                _finish(delivery, NewsletterDelivery.Status.SKIPPED)
                report.skipped += 1
                continue
            try:
                message = _message(issue.subject, "home/email/daily_headlines", context, subscriber)
                message.connection = connection
                if not message.send():
                    raise RuntimeError("the mail backend accepted no message")
            except Exception as e:
                NewsletterDelivery.objects.filter(pk=delivery.pk).update(
                    status=NewsletterDelivery.Status.FAILED,
                    attempts=F("attempts") + 1,
                    error=f"{type(e).__name__}: {e}"[:2000],
                )
                # Give the rest of the batch back untouched, then stop: a rerun resumes.
                NewsletterDelivery.objects.filter(
                    claim=claim, status=NewsletterDelivery.Status.SENDING
                ).exclude(pk=delivery.pk).update(status=NewsletterDelivery.Status.PENDING)
                raise SendInterrupted(
                    f"Sending stopped at {subscriber.email} ({e}); {report.sent} sent in this "
                    "run. Run the command again to resume: nobody receives the issue twice."
                ) from e
            _finish(delivery, NewsletterDelivery.Status.SENT)
            report.sent += 1
    finally:
        connection.close()
    return True


def _finish(delivery, status):
    NewsletterDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        attempts=F("attempts") + 1,
        sent_at=timezone.now() if status == NewsletterDelivery.Status.SENT else None,
        error="",
    )


def _issue_context(issue):
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "subject": issue.subject,
        "date": issue.date,
        "top": issue.content.get("top", []),
        "latest": issue.content.get("latest", []),
        "cartoon": issue.content.get("cartoon"),
        "frontend_url": settings.FRONTEND_URL,
    }
