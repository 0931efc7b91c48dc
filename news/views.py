"""Admin views of the news plugin: the Articles listing and its CSV/XLSX export."""

from django.db.models import F, OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform
from wagtail.admin.views.pages.listing import IndexView
from wagtail.models import Page

from cms import wagtail_internals


class ArticleIndexView(IndexView):
    """Wagtail's flat page listing whose export (Download CSV/XLSX, in the header's "More"
    menu) has a header row and the listing's columns, read in the listing's one query."""

    list_export = [
        "title",
        "section_title",
        "source_name",
        "status_string",
        "go_live_at",
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
        "embargo_until": "Embargo",
        "latest_revision_created_at": "Updated",
        "full_url": "Public URL",
    }

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
