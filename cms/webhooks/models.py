"""Webhook subscriptions and their deliveries (one row per event and receiver)."""

import uuid

from django.db import models
from django.utils import timezone

from cms.webhooks.events import WEBHOOK_EVENTS, all_webhook_events, generate_webhook_secret
from cms.webhooks.forms import WebhookSubscriptionForm


class WebhookSubscription(models.Model):
    """A partner URL told about publication events, signed with its own secret."""

    url = models.URLField("URL", max_length=500, help_text="Receives a JSON POST per event.")
    description = models.CharField(max_length=255, blank=True, help_text="Who this is for.")
    events = models.JSONField(
        default=all_webhook_events,
        help_text="Which events to send.",
    )
    secret = models.CharField(
        max_length=128,
        default=generate_webhook_secret,
        help_text=(
            "Standard Webhooks secret (whsec_…): deliveries carry webhook-id, "
            "webhook-timestamp and webhook-signature. Give it to the subscriber."
        ),
    )
    previous_secret = models.CharField(
        max_length=128, blank=True, help_text="Still signs deliveries until the time below."
    )
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    base_form_class = WebhookSubscriptionForm

    class Meta:
        ordering = ["url"]
        verbose_name = "webhook subscription"

    def __str__(self):
        return self.description or self.url

    def wants(self, event):
        return self.active and event in (self.events or [])

    def signing_secrets(self, now=None):
        """The secrets a delivery is signed with now: the current one, then the previous
        one while its grace period lasts."""
        now = now or timezone.now()
        expires = self.previous_secret_expires_at
        if self.previous_secret and expires and expires > now:
            return [self.secret, self.previous_secret]
        return [self.secret]

    def rotate_secret(self, grace):
        """A new secret; the current one keeps signing for ``grace`` (a timedelta)."""
        self.previous_secret = self.secret
        self.previous_secret_expires_at = timezone.now() + grace
        self.secret = generate_webhook_secret()
        self.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at"])
        return self.secret


class WebhookDelivery(models.Model):
    """One event for one subscriber: sent by the scheduler, retried with backoff."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=20, choices=WEBHOOK_EVENTS)
    page_id = models.BigIntegerField(null=True, blank=True)
    payload = models.TextField(help_text="The exact JSON body that is signed and sent.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    locked_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    # Status and timing only: a receiver's body is never stored, so the delivery log cannot
    # be used to read what an address answers.
    duration_ms = models.PositiveIntegerField(
        null=True, blank=True, help_text="How long the last attempt took."
    )
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="home_webhoo_status_a6af4c_idx")
        ]

    def __str__(self):
        return f"{self.event} → {self.subscription.url} ({self.status})"
