from django.apps import AppConfig
from django.db.models.signals import post_migrate

from cms.checks import PLATFORM_REQUIRES, RequiresAppsMixin, register_checks
from cms.search.conf import settings as app_settings


class SearchConfig(RequiresAppsMixin, AppConfig):
    name = "cms.search"
    label = "cms_search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"
    requires = PLATFORM_REQUIRES

    def ready(self):
        from cms.search import signals  # noqa: F401  (keeps the search table in step with publishing)

        post_migrate.connect(signals.on_migrated, sender=self)
        register_checks(self, app_settings)
