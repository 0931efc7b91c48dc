from django.apps import AppConfig

from cms.checks import PLATFORM_REQUIRES, RequiresAppsMixin, register_checks
from directory.conf import settings as app_settings


class DirectoryConfig(RequiresAppsMixin, AppConfig):
    name = "directory"
    verbose_name = "Link directory"
    default_auto_field = "django.db.models.BigAutoField"
    requires = (*PLATFORM_REQUIRES, "cms.countries")

    def ready(self):
        from directory import jobs  # noqa: F401  (registers the daily link check)

        register_checks(self, app_settings)
