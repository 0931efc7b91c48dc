from django.apps import AppConfig

from cms.checks import RequiresAppsMixin, register_checks
from cms.operations.conf import settings as app_settings


class OperationsConfig(RequiresAppsMixin, AppConfig):
    name = "cms.operations"
    label = "operations"
    verbose_name = "Operations"
    default_auto_field = "django.db.models.BigAutoField"
    # Its metrics count webhook deliveries and tasks (read by name, not imported).
    requires = ("cms.webhooks", "django_tasks", "django_tasks_db")

    def ready(self):
        from cms.operations import signals  # noqa: F401  (task signals → worker heartbeat)

        register_checks(self, app_settings)
