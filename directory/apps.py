from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Link directory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from directory import jobs  # noqa: F401  (registers the daily link check)
