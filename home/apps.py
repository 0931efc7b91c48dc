from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site furniture"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.api import register_v3_schema_fields

        register_v3_schema_fields()

        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        # Registers the furniture's and the scheduler's jobs; connects the page transition
        # handlers (invalidation and webhooks).
        from home import furniture_jobs, scheduling_jobs, signals  # noqa: F401
        from home.documents import register_dependency
        from home.models import Country

        # API documents show images (with renditions), documents (rich-text links) and
        # countries: saving or deleting one drops the documents showing it.
        for model in (get_image_model(), get_document_model(), Country):
            register_dependency(model)
