from django.apps import AppConfig


class HostHomeConfig(AppConfig):
    name = "tests.plugins.host_home"
    label = "home"
    default_auto_field = "django.db.models.BigAutoField"
