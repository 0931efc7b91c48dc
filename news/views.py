"""Admin views of the news plugin: the Articles listing and its CSV/XLSX export."""

from collections import OrderedDict
from datetime import datetime

from django.db.models import F, OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.admin.views.pages.listing import IndexView
from wagtail.models import Page

from cms import wagtail_internals
from cms.publishing.newsroom_time import newsroom_zone


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

    def annotate_queryset(self, pages):
        # The source's name and the go-live of the latest revision (what the editor
        # submitted) ride along in the listing's query (columns, and the export's).
        pages = (
            super()
            .annotate_queryset(pages)
            .annotate(
                source_name=F("source__name"),
                proposed_go_live=KeyTextTransform("go_live_at", "latest_revision__content"),
            )
        )
        if not self.is_export:
            return pages
        parent_path = wagtail_internals.parent_path_expression(OuterRef("path"))
        return pages.annotate(
            section_title=Subquery(Page.objects.filter(path=parent_path).values("title")[:1])
        )
