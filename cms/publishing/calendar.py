"""The editorial calendar: upcoming go-lives, expiries and embargo lifts.

One source for the admin's "Upcoming publications" view and ``GET /api/v3/calendar/``.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, WorkflowState

from cms.delivery.paths import page_path
from cms.publishing.embargo import EmbargoMixin

GO_LIVE = "go_live"
EXPIRY = "expiry"
EMBARGO_LIFT = "embargo_lift"
KIND_LABELS = {GO_LIVE: "Goes live", EXPIRY: "Expires", EMBARGO_LIFT: "Embargo lifts"}
DEFAULT_DAYS = 14
MAX_DAYS = 92


@dataclass
class Entry:
    kind: str
    at: datetime
    page: Page
    revision_id: int | None = None
    embargo_until: datetime | None = None

    @property
    def label(self):
        return KIND_LABELS[self.kind]

    def as_dict(self):
        return {
            "kind": self.kind,
            "at": timezone.localtime(self.at),
            "revision_id": self.revision_id,
            "embargo_until": timezone.localtime(self.embargo_until) if self.embargo_until else None,
            "page": {
                "id": self.page.pk,
                "title": self.page.title,
                "locale": self.page.locale.language_code,
                "type": self.page.specific_class._meta.label,
                "live": self.page.live,
                "html_path": page_path(self.page),
                "admin_url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            },
        }


def _embargo_models():
    return [m for m in apps.get_models() if issubclass(m, EmbargoMixin) and issubclass(m, Page)]


def _embargoes(page_ids):
    embargoes = {}
    for model in _embargo_models():
        embargoes.update(
            model.objects.filter(pk__in=page_ids, embargo_until__isnull=False).values_list(
                "pk", "embargo_until"
            )
        )
    return embargoes


def awaiting_approval(start=None, end=None):
    """Go-lives an editor proposed (the latest revision of a page in moderation), with
    ``start <= at < end``: not scheduled until a moderator approves them."""
    start = start or timezone.now()
    end = end or start + timedelta(days=DEFAULT_DAYS)
    in_moderation = WorkflowState.objects.active().values_list("object_id", flat=True)
    pages = Page.objects.filter(
        pk__in=[int(pk) for pk in in_moderation], latest_revision__isnull=False
    ).select_related("latest_revision", "locale")
    entries = []
    for page in pages:
        at = _parse(page.latest_revision.content.get("go_live_at"))
        if at and start <= at < end:
            entries.append(Entry(GO_LIVE, at, page, page.latest_revision_id))
    return entries


def upcoming(start=None, end=None):
    """Entries with ``start <= at < end`` (default: now to 14 days ahead), soonest first."""
    start = start or timezone.now()
    end = end or start + timedelta(days=DEFAULT_DAYS)
    revisions = list(
        Revision.objects.page_revisions()
        .filter(approved_go_live_at__gte=start, approved_go_live_at__lt=end)
        .values_list("pk", "object_id", "approved_go_live_at", "content")
    )
    pending_expiries = [
        (int(object_id), expire)
        for _pk, object_id, _at, content in revisions
        if (expire := _parse(content.get("expire_at"))) and start <= expire < end
    ]
    live_expiring = list(
        Page.objects.filter(live=True, expire_at__gte=start, expire_at__lt=end).values_list(
            "pk", "expire_at"
        )
    )
    lifts = []
    for model in _embargo_models():
        lifts += list(
            model.objects.filter(embargo_until__gte=start, embargo_until__lt=end).values_list(
                "pk", "embargo_until"
            )
        )
    page_ids = {int(object_id) for _pk, object_id, _at, _c in revisions} | {
        pk for pk, _at in pending_expiries + live_expiring + lifts
    }
    pages = {
        page.pk: page for page in Page.objects.filter(pk__in=page_ids).select_related("locale")
    }
    embargoes = _embargoes(page_ids)
    entries = []
    for pk, object_id, at, _content in revisions:
        page = pages.get(int(object_id))
        if page:
            entries.append(Entry(GO_LIVE, at, page, pk, embargoes.get(page.pk)))
    seen = set()
    for page_id, at in live_expiring + pending_expiries:
        if page_id in pages and (page_id, at) not in seen:
            seen.add((page_id, at))
            entries.append(Entry(EXPIRY, at, pages[page_id], None, embargoes.get(page_id)))
    for page_id, at in lifts:
        if page_id in pages:
            entries.append(Entry(EMBARGO_LIFT, at, pages[page_id], None, at))
    entries.sort(key=lambda entry: (entry.at, entry.page.pk, entry.kind))
    return entries


def by_local_day(entries):
    """``[(date, [entries])]`` grouped by the newsroom's local day."""
    return [
        (day, list(items))
        for day, items in groupby(entries, key=lambda entry: timezone.localtime(entry.at).date())
    ]


def _parse(value):
    from django.utils.dateparse import parse_datetime

    return parse_datetime(value) if value else None
