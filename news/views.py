"""Admin views of the news plugin: the Articles listing and its CSV/XLSX export."""

from collections import OrderedDict
from datetime import datetime

from django.db.models import OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.pages.listing import IndexView
from wagtail.models import Page, Revision

from cms import wagtail_internals
from cms.publishing.newsroom_time import newsroom_zone
from news.models import WireSource


def proposed_go_live_at(page: Page) -> datetime | None:
    """The go-live of a story's unpublished changes (what the editor submitted, or saved for
    later), read from the listing's ``proposed_go_live`` annotation; ``None`` once it is the
    live or scheduled one, or past."""
    if not page.has_unpublished_changes or not page.proposed_go_live:
        return None
    proposed = parse_datetime(page.proposed_go_live)
    if proposed is None or proposed == page.go_live_at or proposed <= timezone.now():
        return None
    return proposed


def newsroom_csv_time(value: datetime) -> str:
    """``2026-12-05 20:01:00-04:00``: the newsroom's wall clock, with its offset."""
    return timezone.localtime(value, newsroom_zone()).isoformat(sep=" ")


def newsroom_xlsx_time(value: datetime) -> datetime:
    # Spreadsheet cells hold no zone: the newsroom's wall clock, as the column headings say.
    return timezone.make_naive(value, newsroom_zone())


class CountingPaginator(WagtailPaginator):
    """Wagtail's paginator, counting ``counted`` (the same rows) instead of the listing."""

    def __init__(self, object_list, per_page, counted=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.counted = counted

    @cached_property
    def count(self) -> int:
        return self.counted.count() if self.counted is not None else super().count


class ArticleIndexView(IndexView):
    """Wagtail's flat page listing whose export (Download CSV/XLSX, in the header's "More"
    menu) has a header row and the listing's columns, read in the listing's one query."""

    list_export = [
        "title",
        "section_title",
        "source_name",
        "status_string",
        "go_live_at",
        "proposed_go_live",
        "embargo_until",
        "latest_revision_created_at",
        "full_url",
    ]
    export_headings = {
        "title": "Headline",
        "section_title": "Section",
        "source_name": "Source",
        "status_string": "Status",
        "go_live_at": "Go-live",
        "proposed_go_live": "Proposed go-live",
        "embargo_until": "Embargo",
        "latest_revision_created_at": "Updated",
        "full_url": "Public URL",
    }

    # Times in newsroom time (``TIME_ZONE``), as the listing shows them.
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime: {
            IndexView.FORMAT_CSV: newsroom_csv_time,
            IndexView.FORMAT_XLSX: newsroom_xlsx_time,
        },
    }

    def to_row_dict(self, item: Page) -> OrderedDict:
        row = super().to_row_dict(item)
        row["proposed_go_live"] = proposed_go_live_at(item)
        return row

    paginator_class = CountingPaginator

    def stories(self):
        """Every story the user may explore, not annotated: Wagtail's narrowing (a subquery over
        every page, and pages under the root) is a no-op for superusers and for stories (never
        the root) that would make counting join and scan the page table."""
        user = self.request.user
        if user.is_active and user.is_superuser:
            return self.model.objects.all()
        explorable = self.permission_policy.explorable_instances(user)
        return self.model.objects.filter(pk__in=explorable.values_list("pk", flat=True))

    def get_base_queryset(self):
        return self.annotate_queryset(self.stories())

    def get_paginator(self, queryset, per_page, **kwargs):
        # Counted without the rows' annotations (they keep the page table joined); search
        # results count themselves.
        counted = None if self.is_searching else self.filter_queryset(self.stories())
        return self.paginator_class(queryset, per_page, counted=counted, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Each row links to its page on the public site (status badge, "View live").
        wagtail_internals.share_site_root_paths(context["object_list"])
        return context

    def annotate_queryset(self, pages):
        # The source's name and the go-live of the latest revision (what the editor
        # submitted) ride along in the listing's query (columns, and the export's), as
        # subqueries: a join would stay in the listing's count, which drops subqueries.
        latest_revision = Revision.objects.filter(pk=OuterRef("latest_revision_id"))
        pages = (
            super()
            .annotate_queryset(pages)
            .annotate(
                source_name=Subquery(
                    WireSource.objects.filter(pk=OuterRef("source_id")).values("name")[:1]
                ),
                proposed_go_live=Subquery(
                    latest_revision.values(go_live=KeyTextTransform("go_live_at", "content"))[:1]
                ),
            )
        )
        if not self.is_export:
            return pages
        parent_path = wagtail_internals.parent_path_expression(OuterRef("path"))
        return pages.annotate(
            section_title=Subquery(Page.objects.filter(path=parent_path).values("title")[:1])
        )
