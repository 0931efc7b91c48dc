from django.apps import AppConfig

from cms.checks import PLATFORM_REQUIRES, RequiresAppsMixin, register_checks
from cms.preview.conf import settings


class PreviewConfig(RequiresAppsMixin, AppConfig):
    name = "cms.preview"
    label = "preview"
    verbose_name = "Headless preview"
    default_auto_field = "django.db.models.BigAutoField"
    requires = PLATFORM_REQUIRES

    def ready(self):
        register_checks(self, settings)
