"""The admin side of delivery: rich-text page links point at the public site, and an editor who
unpublishes a section is told that its stories are hidden too."""

from django.contrib import messages
from wagtail import hooks

from cms.delivery.page_links import FrontendPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def frontend_page_links(features):
    # Runs after Wagtail's own registration, replacing the "page" link type.
    features.register_link_type(FrontendPageLinkHandler)


# The public boundary (cms.delivery.visibility): unpublishing a section without its
# subpages hides them from readers too; the editor is told so.
@hooks.register("after_unpublish_page")
def warn_subpages_hidden(request, page):
    if request.POST.get("include_descendants"):
        return None
    hidden = page.get_descendants().live().count()
    if hidden:
        messages.warning(
            request,
            f'Readers no longer see "{page.get_admin_display_title()}" nor its {hidden} '
            f"published subpage{'s' if hidden != 1 else ''} (stories under it are hidden on "
            "the site, in the API, feeds, search and newsletters while it is unpublished). "
            "Publish it again to show them again.",
        )
    return None
