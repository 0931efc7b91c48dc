from django.apps import AppConfig


class PreviewConfig(AppConfig):
    name = "cms.preview"
    label = "preview"
    verbose_name = "Headless preview"
    default_auto_field = "django.db.models.BigAutoField"
