"""Webhook subscriptions in the admin (Settings → Webhooks, with "Rotate secret") and in API v3."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.delivery.extensions import API_V3_ROUTERS
from cms.webhooks.api import webhooks_router
from cms.webhooks.models import WebhookSubscription
from cms.webhooks.views import RotateSecretView, SubscriptionEditView


@hooks.register(API_V3_ROUTERS)
def webhooks_api():
    return [("/webhooks/", webhooks_router)]


class WebhookSubscriptionViewSet(SnippetViewSet):
    model = WebhookSubscription
    edit_view_class = SubscriptionEditView
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

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            rotate_url_name=self.get_url_name("rotate_secret"), **kwargs
        )

    @property
    def rotate_secret_view(self):
        return self.construct_view(
            RotateSecretView,
            rotate_url_name=self.get_url_name("rotate_secret"),
            edit_url_name=self.get_url_name("edit"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                f"rotate-secret/<{self.pk_path_converter}:pk>/",
                self.rotate_secret_view,
                name="rotate_secret",
            ),
        ]


register_snippet(WebhookSubscriptionViewSet)
