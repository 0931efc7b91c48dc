from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "cms.publishing"
    label = "publishing"
    verbose_name = "Publishing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.publishing import housekeeping  # noqa: F401  (registers the platform's jobs)
