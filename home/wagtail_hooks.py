from wagtail import hooks

from home.rich_text import FrontendPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def frontend_page_links(features):
    # Runs after Wagtail's own registration, replacing the "page" link type.
    features.register_link_type(FrontendPageLinkHandler)
