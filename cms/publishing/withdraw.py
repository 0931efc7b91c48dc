"""Withdrawing an approved story from its schedule, for whoever may edit it.

Wagtail's unschedule needs publish permission, and leaves the revision's approval to the
moderator who may publish anyway. Cancelling here takes the approval back with the go-live:
the revision stays a draft (what it says is unchanged; only the cancelled time goes) and goes
live only once the desk approves it again.
"""

from datetime import datetime

from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from cms.publishing.newsroom_time import newsroom_time
from cms.publishing.outcomes import withdrawal_outcome

TEMPLATE = "publishing/withdraw.html"


def withdraw_from_schedule(page: Page, revision: Revision, user) -> datetime | None:
    """``revision`` of ``page`` no longer goes live; returns the go-live it had, or ``None``
    when the scheduler published it (or someone cancelled it) first."""
    go_live_at = revision.approved_go_live_at
    with transaction.atomic():
        # Claimed as the scheduler claims a due revision: one of the two wins.
        claimed = Revision.objects.filter(pk=revision.pk, approved_go_live_at=go_live_at).update(
            approved_go_live_at=None
        )
        if not claimed or go_live_at is None:
            return None
        # A page that is not live holds the scheduled version in its row (its Go-live column).
        Page.objects.filter(pk=page.pk, live=False).update(go_live_at=None)
        # The draft no longer proposes the cancelled time: the next submission sets its own.
        latest = page.get_latest_revision()
        for draft in {revision, latest} - {None}:
            if parse_datetime(draft.content.get("go_live_at") or "") == go_live_at:
                draft.content["go_live_at"] = None
                Revision.objects.filter(pk=draft.pk).update(content=draft.content)
        log(
            instance=page,
            action="wagtail.schedule.cancel",
            user=user,
            revision=revision,
            data={
                "revision": {
                    "id": revision.pk,
                    "created": revision.created_at.isoformat(),
                    "go_live_at": go_live_at.isoformat(),
                    "has_live_version": page.live,
                }
            },
        )
    return go_live_at


@require_http_methods(["GET", "POST"])
def withdraw_view(request, page_id: int):
    """``GET``: what cancelling does, to confirm; ``POST``: cancelled, back to the editor."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        # A 403 that says why (Wagtail's admin turns PermissionDenied into a redirect home).
        refusal = "Only those who may edit this story can cancel its schedule."
        context = {"page": page, "refusal": refusal}
        return TemplateResponse(request, TEMPLATE, context, status=403)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    title = page.get_admin_display_title()
    lock = page.get_lock()
    if lock is not None and lock.for_user(request.user):
        messages.error(request, f'"{title}" is locked: its schedule cannot be cancelled now.')
        return redirect(edit_url)
    revision = page.scheduled_revision
    if revision is None:
        messages.error(request, f'"{title}" has no schedule to cancel.')
        return redirect(edit_url)
    if request.method == "POST":
        go_live_at = withdraw_from_schedule(page, revision, request.user)
        if go_live_at is None:
            messages.error(request, f'"{title}" has no schedule to cancel.')
        else:
            messages.success(request, withdrawal_outcome(page, go_live_at))
        return redirect(edit_url)
    context = {
        "page": page,
        "approved_at": newsroom_time(revision.approved_go_live_at),
        "edit_url": edit_url,
    }
    return TemplateResponse(request, TEMPLATE, context)
