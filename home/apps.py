from django.apps import AppConfig

from cms.wagtail_internals.hooks import unregister_hook


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site furniture"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registers the furniture's scheduler jobs and the furniture's cache invalidation,
        # and connects the newsletter's bounce handling to anymail's tracking signal.
        from home.markets import jobs as market_jobs  # noqa: F401
        from home.most_viewed import jobs as most_viewed_jobs  # noqa: F401
        from home.newsletter import bounces  # noqa: F401
        from home.newsletter import jobs as newsletter_jobs  # noqa: F401
        from home.site_settings import signals  # noqa: F401

        self.keep_translation_buttons_out_of_listings()

    def keep_translation_buttons_out_of_listings(self):
        """wagtail-localize's "Translate this page" and "Sync translated pages" cost two
        queries per row of every page listing (the articles listing, the explorer); they stay
        in each page's header menu."""
        from wagtail_localize import wagtail_hooks as localize_hooks  # registers them first

        unregister_hook(
            "register_page_listing_more_buttons", localize_hooks.page_listing_more_buttons
        )
