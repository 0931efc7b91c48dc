"""Rich text for a headless site: internal page links point at the public frontend."""

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from cms.delivery.batch import current_batch
from cms.delivery.conf import settings


class FrontendPageLinkHandler(PageLinkHandler):
    """Expands ``<a linktype="page" id="…">`` to ``FRONTEND_URL`` + the page's path.

    Links to pages that are not live (drafts, unpublished) lose their href, so
    rich text never leaks the address of unpublished content.
    """

    @classmethod
    def get_many(cls, attrs_list):
        """Pages already loaded by the API request's batch (cms.delivery.api) cost no query."""
        batch = current_batch()
        pages = batch["pages"] if batch is not None else {}
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        loaded = {str(pk): page for pk, page in pages.items()}
        if ids and all(pk in loaded for pk in ids):
            return [loaded[pk] for pk in ids]
        return super().get_many(attrs_list)

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        tags = []
        for page in cls.get_many(attrs_list):
            url_parts = page.localized.get_url_parts() if page is not None and page.live else None
            if url_parts is None:
                tags.append("<a>")
            else:
                href = escape(settings.FRONTEND_URL + url_parts[2])
                tags.append(f'<a href="{href}">')
        return tags
