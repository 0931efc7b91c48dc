from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "cms.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.webhooks import signals  # noqa: F401  (page transitions → webhook events)
