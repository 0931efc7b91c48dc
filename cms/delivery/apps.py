from django.apps import AppConfig

from cms.checks import PLATFORM_REQUIRES, RequiresAppsMixin, register_checks
from cms.delivery.conf import settings as app_settings


class DeliveryConfig(RequiresAppsMixin, AppConfig):
    name = "cms.delivery"
    label = "delivery"
    verbose_name = "API delivery"
    default_auto_field = "django.db.models.BigAutoField"
    requires = PLATFORM_REQUIRES

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        from cms.delivery import signals  # noqa: F401  (connects the transitions' invalidation)
        from cms.delivery.invalidation import register_dependency  # models are ready only here
        from cms.delivery.schemas import register_v3_schema_fields  # before v3 builds schemas

        register_v3_schema_fields()
        # API documents show images (with renditions) and documents (rich-text links).
        for model in (get_image_model(), get_document_model()):
            register_dependency(model)

        register_checks(self, app_settings)
