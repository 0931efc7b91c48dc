from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site furniture"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.api import register_v3_schema_fields

        register_v3_schema_fields()

        from home import furniture_jobs  # noqa: F401  (registers the furniture's jobs)
