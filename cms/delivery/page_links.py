"""Rich text for a headless site: internal page links point at the public frontend."""

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from cms.delivery.batch import current_batch
from cms.delivery.conf import settings
from cms.delivery.paths import page_path
from cms.delivery.visibility import public_pages


class FrontendPageLinkHandler(PageLinkHandler):
    """Expands ``<a linktype="page" id="…">`` to ``FRONTEND_URL`` + the page's path.

    Links to pages that are not publicly visible (``cms.delivery.visibility``: drafts,
    unpublished, expired, private or under a hidden section) lose their href, as
    ``<a>text</a>``, so rich text never leaks the address of content readers cannot see.
    """

    @classmethod
    def get_many(cls, attrs_list):
        """The publicly visible pages linked to (None for the others), in one query as
        Wagtail's; pages already loaded by the API request's batch (public ones only) cost
        no query."""
        batch = current_batch()
        pages = batch["pages"] if batch is not None else {}
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        loaded = {str(pk): page for pk, page in pages.items()}
        if ids and all(pk in loaded for pk in ids):
            return [loaded[pk] for pk in ids]
        found = public_pages(Page.objects.filter(id__in=[pk for pk in ids if pk.isdigit()]))
        by_id = {str(page.pk): page for page in found.defer_streamfields().specific()}
        return [by_id.get(pk) for pk in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        """The linked page itself, in its own edition: not Wagtail's ``page.localized`` (the
        translation in the active language, which a headless API does not have; links in
        a translation point at that edition's pages, as wagtail-localize remaps them)."""
        tags = []
        for page in cls.get_many(attrs_list):
            path = page_path(page) if page is not None else None
            if path is None:
                tags.append("<a>")
            else:
                tags.append(f'<a href="{escape(settings.FRONTEND_URL + path)}">')
        return tags
