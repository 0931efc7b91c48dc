from django.apps import AppConfig

from cms.checks import PLATFORM_REQUIRES, RequiresAppsMixin, register_checks
from cms.publishing.conf import settings as app_settings


class PublishingConfig(RequiresAppsMixin, AppConfig):
    name = "cms.publishing"
    label = "publishing"
    verbose_name = "Publishing"
    default_auto_field = "django.db.models.BigAutoField"
    requires = PLATFORM_REQUIRES

    def ready(self):
        from cms.publishing import housekeeping  # noqa: F401  (registers the platform's jobs)

        register_checks(self, app_settings)
