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

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

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
        # Suppressed by the mail provider's report (home/newsletter/bounces.py): nothing
        # more is sent until the reader subscribes and confirms again.
        BOUNCED = "bounced", "Suppressed: hard bounce"
        COMPLAINED = "complained", "Suppressed: spam complaint"

    email = models.EmailField(max_length=254, unique=True, help_text="Stored in lower case.")
    language = models.CharField(
        max_length=10,
        choices=settings.WAGTAIL_CONTENT_LANGUAGES,
        default="en",
        db_index=True,
        help_text="The edition whose daily headlines the reader receives, in its language.",
    )
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

    date = models.DateField()
    language = models.CharField(
        max_length=10, choices=settings.WAGTAIL_CONTENT_LANGUAGES, default="en"
    )
    subject = models.CharField(max_length=255)
    content = models.JSONField(default=dict, help_text="Top stories, latest stories and cartoon.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "language"]
        verbose_name = "daily headlines issue"
        # One issue a day per edition: subscribers get their language's.
        constraints = [
            models.UniqueConstraint(fields=["date", "language"], name="unique_issue_per_edition")
        ]

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


def normalize_email(email):
    return (email or "").strip().lower()
