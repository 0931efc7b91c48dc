from django.apps import AppConfig

from cms.checks import PLATFORM_REQUIRES, RequiresAppsMixin, register_checks


class NewsConfig(RequiresAppsMixin, AppConfig):
    name = "news"
    verbose_name = "News"
    default_auto_field = "django.db.models.BigAutoField"
    requires = (*PLATFORM_REQUIRES, "cms.countries", "cms.search", "wagtail.embeds")

    def ready(self):
        from taggit.models import Tag

        from cms.delivery.invalidation import register_dependency  # models are ready only here
        from cms.delivery.labels import register_label_translations  # imports models
        from news import signals  # noqa: F401
        from news.models import (  # models are ready only here
            Author,
            AuthorTranslation,
            WireSource,
            WireSourceTranslation,
        )

        # Stories' API documents show authors, wire sources and tags (cms.delivery.documents),
        # and their labels in the story's language.
        for model in (Author, WireSource, Tag):
            register_dependency(model)
        for model in (AuthorTranslation, WireSourceTranslation):
            register_label_translations(model)
        register_checks(self)
