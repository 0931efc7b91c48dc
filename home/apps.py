from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site furniture"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.api import register_v3_schema_fields

        register_v3_schema_fields()

        # Registers the furniture's and the scheduler's jobs; connects the page transition
        # handlers (invalidation and webhooks).
        from home import furniture_jobs, scheduling_jobs, signals  # noqa: F401
