"""A partial index on the expiry times of pages that have one.

The public boundary's lookup form (``cms.delivery.visibility.hidden_subtree_paths``) and
the next expiry (``cms.delivery.generation.next_expiry``) look for live pages by
``expire_at``; few pages have one, so the index is small and the lookups read only them.
"""

from django.db import migrations

INDEX = "herald_page_expiry"


class Migration(migrations.Migration):
    dependencies = [("delivery", "0002_page_parents_index")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (expire_at)"
            " WHERE expire_at IS NOT NULL",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
