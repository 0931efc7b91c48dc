"""The editor's status panel, with the approved schedule and its one-step actions."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.side_panels import PageStatusSidePanel

from cms.publishing.newsroom_time import newsroom_time

TEMPLATE = "publishing/side_panels/approved_schedule.html"


class NewsroomStatusSidePanel(PageStatusSidePanel):
    """Wagtail's status panel of a page; on a page approved to go live later, says when and
    offers "Move go-live" and a one-click "Cancel schedule" to those who may publish it, and
    "Cancel schedule" (confirmed, taking the approval back) to those who may edit it."""

    def get_status_templates(self, context):
        return [TEMPLATE, *super().get_status_templates(context)]

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        locked = context.get("lock_context", {}).get("locked", False)
        context["approved_schedule"] = self.approved_schedule(locked)
        return context

    def approved_schedule(self, locked: bool) -> dict | None:
        revision = self.object.pk and self.object.scheduled_revision
        if not revision or revision.approved_go_live_at <= timezone.now():
            return None
        page = self.object
        permissions = page.permissions_for_user(self.request.user)
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        cancel = reverse("wagtailadmin_pages:revisions_unschedule", args=[page.pk, revision.pk])
        can_move = permissions.can_unschedule()
        return {
            "at": newsroom_time(revision.approved_go_live_at),
            "can_move": can_move,
            "can_withdraw": not can_move and not locked and permissions.can_edit(),
            "move_url": reverse("publishing_move_schedule", args=[page.pk]),
            "cancel_url": f"{cancel}?{urlencode({'next': edit_url})}",
            "withdraw_url": reverse("publishing_cancel_schedule", args=[page.pk]),
        }
