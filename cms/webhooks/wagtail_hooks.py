"""Webhook subscriptions in the admin (Settings → Webhooks) and in API v3."""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.delivery.extensions import API_V3_ROUTERS
from cms.webhooks.api import webhooks_router
from cms.webhooks.models import WebhookSubscription


@hooks.register(API_V3_ROUTERS)
def webhooks_api():
    return [("/webhooks/", webhooks_router)]


class WebhookSubscriptionViewSet(SnippetViewSet):
    model = WebhookSubscription
    icon = "link-external"
    menu_label = "Webhooks"
    add_to_settings_menu = True
    list_display = ["url", "description", "events", "active"]
    panels = [
        FieldPanel("url"),
        FieldPanel("description"),
        FieldPanel("events"),
        FieldPanel("active"),
        FieldPanel("secret", read_only=True),
    ]


register_snippet(WebhookSubscriptionViewSet)
