"""The search table: one row per public page, with what ranking and facets read."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """A live page's weighted words (title A, boosted fields B, the rest C), stemmed with its
    language's configuration, and the values search sorts and counts by.

    Ranking reads this table alone, in ``first_published_at`` order or through its
    full-text index (``cms.search.ranking``); the public boundary is applied to the
    candidates afterwards, so a row may exist for a page that is not public (yet).
    The vector is filled on PostgreSQL only, where Wagtail's ``search()`` over pages reads it
    too (``cms.search.backend``); SQLite searches through Wagtail's backend.
    PostgreSQL also derives ``head``, the vector's title and deck words, in a generated
    column the model does not declare (migration 0002): only ranking's SQL reads it, and a
    trigger sets ``written`` on every write (migration 0004, ``cms.search.freshness``).
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    config = models.CharField(max_length=32, help_text="PostgreSQL text search configuration.")
    vector = SearchVectorField(null=True)
    texts = models.JSONField(default=dict, help_text='Plain text by weight: {"A": title, ...}.')
    first_published_at = models.DateTimeField(null=True)
    year = models.PositiveSmallIntegerField(null=True)
    section = models.IntegerField(null=True, help_text="The parent page's id.")
    facets = models.JSONField(default=dict, help_text='Plugins\' facet values: {"author": [ids]}.')
    written = models.BigIntegerField(
        null=True,
        editable=False,
        help_text="The change counter's value when the row was last written.",
    )

    class Meta:
        db_table = "cms_search_entry"
        # Kept rankings catch up from the rows written since (cms.search.kept).
        indexes = [models.Index(fields=["written"], name="search_entry_written")]
        verbose_name = "search entry"
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"Search entry of page {self.page_id}"
