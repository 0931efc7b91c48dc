"""The scheduler's flush of view counters (also ``manage.py flush_view_counts``)."""

from django.conf import settings

from cms.publishing.jobs import register
from home.most_viewed.counting import flush_view_counts as flush
from home.most_viewed.counting import prune_view_counts


@register("home.flush_view_counts", every=settings.MOST_VIEWED_FLUSH_EVERY)
def flush_view_counts():
    """Move Redis view counters to the database and forget counts past retention."""

    moved = flush()
    pruned = prune_view_counts()
    return f"{moved} views flushed, {pruned} old hourly counts pruned"
