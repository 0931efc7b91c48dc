"""Template tags for e-mails and admin templates about scheduled publication."""

from django import template
from django.conf import settings
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from cms.publishing.newsroom_time import newsroom_time
from cms.wagtail_internals.tree import cache_parents

register = template.Library()


@register.simple_tag
def scheduled_go_live(page) -> dict | None:
    """``{"at": local go-live time, "preview_url": the approved revision's preview}`` while
    ``page`` waits for a scheduled go-live, else ``None``: until then its public URL is a 404,
    so e-mails link the preview (editors sign in to see it)."""
    revision = getattr(page, "scheduled_revision", None)
    if revision is None or revision.approved_go_live_at <= timezone.now():
        return None
    path = reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk])
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return {"at": newsroom_time(revision.approved_go_live_at), "preview_url": base_url + path}


@register.filter
def newsroom_datetime(value) -> str:
    """A datetime in the newsroom's zone, named (``Fri 4 Dec 2026, 20:01 Caracas time``)."""
    return newsroom_time(value) if value else ""


@register.filter
def proposed_go_live(revision) -> str:
    """The future go-live a revision was saved (submitted) with, in newsroom time, else ``""``:
    what a moderator approves when they approve that revision."""
    value = revision.content.get("go_live_at") if revision is not None else None
    proposed = parse_datetime(value) if isinstance(value, str) else None
    return newsroom_time(proposed) if proposed and proposed > timezone.now() else ""


@register.simple_tag
def read_parents(pages) -> str:
    """Reads what the page chooser's rows show of each page's parent (its Parent column and
    title cell call ``get_parent()``) and locale for all rows at once, not row by row."""
    pages = list(pages)
    cache_parents(pages)
    for page in pages:
        page.chooser_parent_id = page.get_parent().pk if page.depth > 1 else None
    prefetch_related_objects(pages, "locale")
    return ""
