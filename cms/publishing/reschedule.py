"""Moving an approved schedule in one step: a new go-live for the revision the desk approved.

Wagtail moves a schedule in two (Status → Edit schedule changes the draft, then Publish), and
publishes the draft with it; here the approved revision keeps its content, newer drafts stay
drafts, and only its go-live changes (logged as Wagtail logs a scheduling).
"""

from datetime import UTC, datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.admin import messages
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from cms.publishing.embargo import early_schedule_message, effective_embargo
from cms.publishing.newsroom_time import newsroom_time, zone_label


class MoveScheduleForm(forms.Form):
    go_live_at = forms.DateTimeField(label="New go-live", widget=AdminDateTimeInput)

    def __init__(self, *args, page: Page, revision: Revision, **kwargs):
        super().__init__(*args, **kwargs)
        self.page, self.revision = page, revision
        self.fields["go_live_at"].help_text = zone_label()

    def clean_go_live_at(self) -> datetime:
        go_live_at = self.cleaned_data["go_live_at"]
        if go_live_at <= timezone.now():
            raise forms.ValidationError("The new go-live must be in the future.")
        approved = self.revision.as_object()
        if approved.expire_at and go_live_at >= approved.expire_at:
            raise forms.ValidationError("The new go-live must be before the expiry.")
        embargo = effective_embargo(
            getattr(approved, "embargo_until", None), getattr(self.page, "embargo_until", None)
        )
        if embargo and go_live_at < embargo:
            raise forms.ValidationError(early_schedule_message(go_live_at, embargo))
        return go_live_at


def move_schedule(page: Page, revision: Revision, go_live_at: datetime, user) -> None:
    """The approved ``revision`` of ``page`` goes live at ``go_live_at`` instead."""
    go_live_at = go_live_at.astimezone(UTC)
    with transaction.atomic():
        revision.content["go_live_at"] = go_live_at.isoformat()
        revision.approved_go_live_at = go_live_at
        revision.save(update_fields=["content", "approved_go_live_at"])
        if not page.live:  # the page row holds the scheduled version (its Go-live column)
            Page.objects.filter(pk=page.pk).update(go_live_at=go_live_at)
        log(
            instance=page,
            action="wagtail.publish.schedule",
            user=user,
            revision=revision,
            data={
                "revision": {
                    "id": revision.id,
                    "created": revision.created_at.isoformat(),
                    "go_live_at": go_live_at.isoformat(),
                    "has_live_version": page.live,
                }
            },
        )


def move_schedule_view(request, page_id: int):
    """``GET``: the form, with the approved go-live; ``POST``: moved, back to the editor with
    the outcome, or the form again with the error (400)."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_unschedule():
        raise PermissionDenied
    revision = page.scheduled_revision
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if revision is None or revision.approved_go_live_at <= timezone.now():
        messages.error(request, f'"{page.get_admin_display_title()}" has no schedule to move.')
        return redirect(edit_url)
    initial = {"go_live_at": timezone.localtime(revision.approved_go_live_at)}
    form = MoveScheduleForm(request.POST or None, initial=initial, page=page, revision=revision)
    if request.method == "POST" and form.is_valid():
        move_schedule(page, revision, form.cleaned_data["go_live_at"], request.user)
        at = newsroom_time(form.cleaned_data["go_live_at"])
        messages.success(request, f'"{page.get_admin_display_title()}" now goes live on {at}.')
        return redirect(edit_url)
    context = {
        "page": page,
        "form": form,
        "approved_at": newsroom_time(revision.approved_go_live_at),
        "edit_url": edit_url,
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "publishing/move_schedule.html", context, status=status)
