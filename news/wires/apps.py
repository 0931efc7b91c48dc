from django.apps import AppConfig

from cms.checks import PLATFORM_REQUIRES, RequiresAppsMixin, register_checks
from news.wires.conf import settings as app_settings


class WiresConfig(RequiresAppsMixin, AppConfig):
    name = "news.wires"
    label = "wires"
    verbose_name = "Wires"
    default_auto_field = "django.db.models.BigAutoField"
    requires = (*PLATFORM_REQUIRES, "news", "cms.countries")

    def ready(self):
        from news.wires import jobs  # noqa: F401  (registers the folder scan and feed polling)

        register_checks(self, app_settings)
