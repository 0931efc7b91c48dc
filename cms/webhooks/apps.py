from django.apps import AppConfig

from cms.checks import PLATFORM_REQUIRES, RequiresAppsMixin, register_checks
from cms.webhooks.conf import settings as app_settings


class WebhooksConfig(RequiresAppsMixin, AppConfig):
    name = "cms.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"
    requires = PLATFORM_REQUIRES

    def ready(self):
        from cms.webhooks import signals  # noqa: F401  (page transitions → webhook events)

        register_checks(self, app_settings)
