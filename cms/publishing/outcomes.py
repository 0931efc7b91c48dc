"""What the desk is told after Approve, Reject, Publish or Unschedule (a moderator's or an
editor's): the result, in newsroom time (``cms.publishing.newsroom_time``)."""

from datetime import datetime

from django.utils import timezone
from wagtail.models import Page

from cms.publishing.newsroom_time import newsroom_time


def publication_outcome(page: Page) -> str:
    """Where ``page`` stands now that it was published, approved or rejected."""
    page = Page.objects.get(pk=page.pk).specific  # the stored state, not the form's
    title = page.get_admin_display_title()
    scheduled = page.scheduled_revision
    if scheduled is not None and scheduled.approved_go_live_at > timezone.now():
        at = newsroom_time(scheduled.approved_go_live_at)
        if page.live:
            return f'"{title}" stays live as it is; the approved version replaces it on {at}.'
        return f'"{title}" is scheduled: it goes live on {at}.'
    if (state := page.current_workflow_state) is not None:
        task = state.current_task_state.task if state.current_task_state else None
        step = f' at step "{task.name}"' if task else ""
        return f'"{title}" awaits approval{step} ({newsroom_time(timezone.now())}).'
    if page.live:
        published = page.last_published_at or timezone.now()
        return f'"{title}" is live on the public site since {newsroom_time(published)}.'
    return f'"{title}" is not published; it stays a draft ({newsroom_time(timezone.now())}).'


def rejection_outcome(page: Page) -> str:
    page = Page.objects.get(pk=page.pk).specific
    kept = "The live version stays as it is" if page.live else "It stays unpublished"
    return (
        f'"{page.get_admin_display_title()}" was sent back to its editor at '
        f"{newsroom_time(timezone.now())}. {kept}."
    )


def unschedule_outcome(page: Page, go_live_at: datetime | None) -> str:
    title = page.get_admin_display_title()
    when = f" on {newsroom_time(go_live_at)}" if go_live_at else ""
    kept = "The live version stays as it is" if page.live else "It stays a draft"
    return f'Schedule cancelled: "{title}" will not go live{when}. {kept}.'


def withdrawal_outcome(page: Page, go_live_at: datetime) -> str:
    """An editor's cancellation: the approval went with the go-live."""
    title = page.get_admin_display_title()
    kept = "The live version stays as it is" if page.live else "It stays a draft"
    return (
        f'Schedule cancelled: "{title}" will not go live on {newsroom_time(go_live_at)}. '
        f"{kept}, and needs the desk's approval again before it goes live."
    )
