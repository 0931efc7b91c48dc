"""``manage.py flush_view_counts``: move Redis view counters into the database.

Also run every minute by the scheduler (job ``home.flush_view_counts``). Safe to
run at any time, concurrently, and after a crashed flush: no view is lost or
counted twice. With the database backend (no ``REDIS_URL``) it only prunes old
hourly counts.
"""

from django.core.management.base import BaseCommand

from home.most_viewed.counting import flush_view_counts, prune_view_counts


class Command(BaseCommand):
    help = "Flush view counters from Redis to the database and prune old hourly counts."

    def handle(self, *args, **options):
        moved = flush_view_counts()
        pruned = prune_view_counts()
        self.stdout.write(f"{moved} views flushed, {pruned} old hourly counts pruned.")
