from wagtail import hooks

from home.rich_text import FrontendPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def frontend_page_links(features):
    # Runs after Wagtail's own registration, replacing the "page" link type.
    features.register_link_type(FrontendPageLinkHandler)


# Site furniture admin: markets and newsletter (wagtail-modeladmin).
from wagtail_modeladmin.options import modeladmin_register  # noqa: E402

from home.furniture_admin import MarketsAdminGroup, NewsletterAdminGroup  # noqa: E402

modeladmin_register(MarketsAdminGroup)
modeladmin_register(NewsletterAdminGroup)
