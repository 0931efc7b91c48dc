"""Scheduler jobs of the site furniture (imported from ``HomeConfig.ready``).

Each is also a management command: ``import_quotes --url``, ``flush_view_counts``
and ``send_daily_headlines``.
"""

from django.conf import settings

from home.jobs import register


@register("home.import_market_quotes", every=settings.MARKETS_IMPORT_EVERY)
def import_market_quotes():
    """Import quotes from ``MARKETS_PROVIDER_URL``, an HTTP JSON provider or a ``file://``
    CSV/JSON file (does nothing when it is not set)."""
    from home.markets import import_quotes_source

    if not settings.MARKETS_PROVIDER_URL:
        return "no MARKETS_PROVIDER_URL configured"
    return str(import_quotes_source(settings.MARKETS_PROVIDER_URL))


@register("home.flush_view_counts", every=settings.MOST_VIEWED_FLUSH_EVERY)
def flush_view_counts():
    """Move Redis view counters to the database and forget counts past retention."""
    from home.most_viewed import flush_view_counts as flush
    from home.most_viewed import prune_view_counts

    moved = flush()
    pruned = prune_view_counts()
    return f"{moved} views flushed, {pruned} old hourly counts pruned"


@register("home.send_daily_headlines", daily_at=settings.NEWSLETTER_SEND_AT)
def send_daily_headlines():
    """Send today's daily headlines to every confirmed subscriber (resumable)."""
    from home.newsletter import send_daily_headlines as send

    return str(send())
