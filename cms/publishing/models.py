"""Models of the scheduler: job runs (the cross-process lock) and outgoing webhooks."""

import secrets
import uuid

from django import forms
from django.db import models
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

WEBHOOK_EVENTS = [
    ("published", "Published: a page went live"),
    ("unpublished", "Unpublished: a page was taken down or deleted"),
    ("scheduled", "Scheduled: a go-live time was set"),
    ("expired", "Expired: a page reached its expiry time"),
    ("updated", "Updated: a live page changed or moved"),
]
WEBHOOK_EVENT_NAMES = [name for name, _label in WEBHOOK_EVENTS]


def generate_webhook_secret():
    return secrets.token_hex(32)


def all_webhook_events():
    return list(WEBHOOK_EVENT_NAMES)


class JobRun(models.Model):
    """One due run of a periodic job. The unique (name, due_at) row is the lock:
    whichever scheduler inserts it runs the job, the others skip it."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    name = models.CharField(max_length=100)
    due_at = models.DateTimeField()
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    worker = models.CharField(max_length=255, blank=True, help_text="host:pid of the scheduler.")
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-due_at", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "due_at"], name="home_jobrun_one_per_slot")
        ]

    def __str__(self):
        return f"{self.name} @ {self.due_at.isoformat()}"


class WebhookSubscriptionForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        choices=WEBHOOK_EVENTS,
        widget=forms.CheckboxSelectMultiple,
        help_text="Which events to send.",
    )


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
            "Shared secret: each delivery carries X-Herald-Signature: sha256=<HMAC-SHA256 of "
            "the raw body with this secret>. Give it to the subscriber."
        ),
    )
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
    response_body = models.TextField(blank=True, help_text="The start of the last response.")
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event} → {self.subscription.url} ({self.status})"
