"""Rich-text page links point at the public site (the frontend), not the CMS."""

from wagtail import hooks

from cms.delivery.page_links import FrontendPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def frontend_page_links(features):
    # Runs after Wagtail's own registration, replacing the "page" link type.
    features.register_link_type(FrontendPageLinkHandler)
