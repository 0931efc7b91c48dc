from django.apps import AppConfig


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
