"""Embargo: the earliest legal publication time of a page (wire stories).

A page type opts in by inheriting ``EmbargoMixin`` before ``Page``. From then on
nothing makes the page live before ``embargo_until``:

* the admin form refuses "Publish" (or a moderator's approval) while the page is
  embargoed, and any go-live time before the embargo, with "Embargoed until <local time>";
* ``page.publish(revision)`` and so ``revision.publish()`` (the scheduler, bulk
  publish, workflows, API v3 create/update with ``"action": "publish"``) raise
  ``EmbargoError``, a ``ValidationError`` (422 in API v3);
* API v3's ``actions/publish/`` uses ``EmbargoAwarePublishPageRevisionAction``,
  registered for every page type in ``cms/publishing/wagtail_hooks.py``;
* a moderator's approval outside the edit form (dashboard "Approve", "Approve with
  comment") gets the message from ``cms.publishing.views.EmbargoAwareWorkflowActionView``;
* scheduling is allowed when the go-live time is at or after the embargo.

Whoever builds a public preview link must call ``check_public_preview(page)``.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.admin.forms import WagtailAdminPageForm

logger = logging.getLogger("herald.embargo")


def format_local(value):
    """A datetime as the newsroom reads it: ``2026-03-08 06:00 America/Caracas (UTC-04:00)``."""
    local = timezone.localtime(value)
    offset = local.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
    return f"{local:%Y-%m-%d %H:%M} {timezone.get_current_timezone_name()} (UTC{offset})"


class EmbargoError(ValidationError):
    """Refusal to make an embargoed page live (or to schedule it before the embargo)."""

    def __init__(self, field, message, embargo_until):
        super().__init__({field: [message]})
        self.field = field
        self.embargo_until = embargo_until
        self.message_text = message

    def __str__(self):
        return self.message_text


def embargoed_message(embargo_until):
    return (
        f"Embargoed until {format_local(embargo_until)}: it cannot be published before then. "
        "Set a go-live time at or after the embargo to schedule it."
    )


def early_schedule_message(go_live_at, embargo_until):
    return (
        f"Go-live {format_local(go_live_at)} is before the embargo: embargoed until "
        f"{format_local(embargo_until)}."
    )


def effective_embargo(*values):
    """The latest of the given embargo times (``None`` when there is none)."""
    values = [value for value in values if value]
    return max(values) if values else None


def publish_refusal(obj, now=None, also=None):
    """Why ``obj`` (a page as it would be published) may not be published now, or ``None``.

    ``also`` is another embargo time to respect (e.g. the page row's, when a newer
    draft pushed the embargo back). Publishing with a go-live time at or after the
    embargo is scheduling, which is allowed.
    """
    now = now or timezone.now()
    embargo = effective_embargo(getattr(obj, "embargo_until", None), also)
    if embargo is None or embargo <= now:
        return None
    go_live_at = getattr(obj, "go_live_at", None)
    if go_live_at and go_live_at >= embargo:
        return None
    if go_live_at and go_live_at > now:
        return EmbargoError(
            "go_live_at", early_schedule_message(go_live_at, embargo), embargo_until=embargo
        )
    return EmbargoError("embargo_until", embargoed_message(embargo), embargo_until=embargo)


def is_embargoed(page, now=None):
    embargo = getattr(page, "embargo_until", None)
    return bool(embargo and embargo > (now or timezone.now()))


def check_public_preview(page, now=None):
    """Raise ``EmbargoError`` if ``page`` must not be shown through a public preview link."""
    if is_embargoed(page, now):
        raise EmbargoError(
            "embargo_until",
            f"Embargoed until {format_local(page.embargo_until)}: "
            "it cannot be previewed through a public link before then.",
            embargo_until=page.embargo_until,
        )


class EmbargoPageForm(WagtailAdminPageForm):
    """Shows the embargo refusal on the edit form, where the editor can fix it."""

    def is_publishing(self):
        data = self.data or {}
        if data.get("action-publish"):
            return True
        return bool(
            data.get("action-workflow-action") and data.get("workflow-action-name") == "approve"
        )

    def clean(self):
        cleaned_data = super().clean()
        embargo = cleaned_data.get("embargo_until")
        if embargo and embargo <= timezone.now() and "embargo_until" in self.changed_data:
            # A past embargo would be accepted and mean nothing: the editor mistyped it.
            self.add_error(
                "embargo_until",
                f"This embargo ({format_local(embargo)}) is already over. "
                "Enter a future time, or leave it empty when the story has no embargo.",
            )
        if not self.is_publishing() or self.errors.get("go_live_at"):
            return cleaned_data
        candidate = _Candidate(
            embargo_until=cleaned_data.get("embargo_until", self.instance.embargo_until),
            go_live_at=cleaned_data.get("go_live_at", self.instance.go_live_at),
        )
        refusal = publish_refusal(candidate)
        if refusal is not None and refusal.field not in self.errors:
            field = refusal.field if refusal.field in self.fields else None
            self.add_error(field, refusal.message_text)
        return cleaned_data


class _Candidate:
    def __init__(self, embargo_until, go_live_at):
        self.embargo_until = embargo_until
        self.go_live_at = go_live_at


class EmbargoMixin(models.Model):
    """Adds ``embargo_until`` to a page type and refuses to publish before it."""

    embargo_until = models.DateTimeField(
        "embargoed until",
        null=True,
        blank=True,
        db_index=True,
        help_text=(
            "Earliest legal publication time (wire embargo), in the newsroom's time zone. "
            "The story cannot be published, or scheduled to go live, before it."
        ),
    )

    base_form_class = EmbargoPageForm

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        embargo = self.embargo_until
        if embargo and self.go_live_at and self.go_live_at < embargo and embargo > timezone.now():
            raise ValidationError({"go_live_at": early_schedule_message(self.go_live_at, embargo)})

    def get_admin_display_title(self):
        """Explorer listings, choosers and the editor's header flag the embargo."""
        title = super().get_admin_display_title()
        if is_embargoed(self):
            local = timezone.localtime(self.embargo_until)
            return f"{title} [embargoed until {local:%Y-%m-%d %H:%M}]"
        return title

    def publish(self, revision, *args, **kwargs):
        refusal = publish_refusal(revision.as_object(), also=self.embargo_until)
        if refusal is not None:
            logger.warning(
                'Refused to publish "%s" pk=%s revision_id=%s: %s',
                self,
                self.pk,
                revision.pk,
                refusal,
            )
            raise refusal
        return super().publish(revision, *args, **kwargs)


class EmbargoAwarePublishPageRevisionAction(PublishPageRevisionAction):
    """Wagtail's page publish action, refusing embargoed pages (used by API v3 actions)."""

    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        if not isinstance(self.object, EmbargoMixin):
            return
        also = (
            type(self.object)
            .objects.filter(pk=self.object.pk)
            .values_list("embargo_until", flat=True)
            .first()
        )
        refusal = publish_refusal(self.object, also=also)
        if refusal is not None:
            raise refusal
