"""The site furniture in the admin (wagtail-modeladmin) and its v3 endpoints."""

from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from cms.delivery.extensions import API_V3_ROUTERS
from home.markets.admin import MarketsAdminGroup
from home.markets.api import markets_router
from home.models import HomePage
from home.most_viewed.api import most_viewed_router
from home.newsletter.admin import NewsletterAdminGroup
from home.newsletter.api import newsletter_router
from home.site_settings.api import site_router
from home.views import FrontPageViewSet


@hooks.register("register_admin_viewset")
def register_front_page_viewset():
    return FrontPageViewSet("front_page", model=HomePage)


modeladmin_register(MarketsAdminGroup)
modeladmin_register(NewsletterAdminGroup)


@hooks.register(API_V3_ROUTERS)
def furniture_api():
    return [
        ("/markets/", markets_router),
        ("/most-viewed/", most_viewed_router),
        ("/newsletter/", newsletter_router),
        ("/site/", site_router),
    ]
