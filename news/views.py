"""Admin views of the news plugin: the Articles listing and its CSV/XLSX export."""

from collections import OrderedDict
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.pages.listing import IndexView
from wagtail.models import Page, Revision, get_page_models

from cms.publishing.newsroom_time import newsroom_zone
from cms.wagtail_internals.sites import share_site_root_paths
from cms.wagtail_internals.tree import parent_path_expression
from news.models import ArticlePage, WireSource


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


def page_type_ids(base: type[Page]) -> list[int]:
    """Content type ids of ``base`` and of every page type made from it: what its rows in
    the page table carry, so they can be read without joining their own table."""
    models = [model for model in get_page_models() if issubclass(model, base)]
    types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    return [content_type.pk for content_type in types.values()]


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

    #: Filters on a column of the stories' own table; every other filter reads the page table.
    story_table_filters = ("source",)

    def counted(self):
        """The filtered stories to count: the story table's primary key alone when no filter
        reads the page table, else the page table alone, narrowed by Wagtail to what the user
        may explore (its index by type, path and status serves sections and statuses), unless a
        filter needs both tables. ``None`` for search results, which count themselves."""
        if self.is_searching:
            return None
        data = self.filters.form.cleaned_data if self.is_filtering else {}
        on_stories = any(data.get(name) for name in self.story_table_filters)
        on_pages = any(data[name] for name in data if name not in self.story_table_filters)
        user = self.request.user
        if on_stories or (not on_pages and user.is_active and user.is_superuser):
            return self.filter_queryset(self.stories())
        pages = self.permission_policy.explorable_instances(user)
        return self.filter_queryset(pages.filter(content_type_id__in=page_type_ids(ArticlePage)))

    def get_paginator(self, queryset, per_page, **kwargs):
        # Counted without the rows' annotations (they keep the page table joined).
        return self.paginator_class(queryset, per_page, counted=self.counted(), **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Each row links to its page on the public site (status badge, "View live").
        share_site_root_paths(context["object_list"])
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
        parent_path = parent_path_expression(OuterRef("path"))
        return pages.annotate(
            section_title=Subquery(Page.objects.filter(path=parent_path).values("title")[:1])
        )
