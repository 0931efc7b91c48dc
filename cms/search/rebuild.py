"""Writing the search table's entry of every live page: after content was loaded without
signals (the story generator), and once after an upgrade brought the table in."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page
from wagtail.search import index

from cms.search import entries, freshness
from cms.search.models import SearchEntry

CHUNK = 500


def index_pages(model: type[Page], ids: list[int]) -> None:
    """Write the entries of these live pages of one specific type (content created without
    signals, such as the story generator's), a chunk per transaction."""
    related = [
        field.field_name
        for field in model.get_search_fields()
        if isinstance(field, index.RelatedFields)
    ]
    pages = model.objects.live().filter(depth__gt=1).select_related("locale")
    for start in range(0, len(ids), CHUNK):
        chunk = pages.filter(pk__in=ids[start : start + CHUNK]).prefetch_related(*related)
        with transaction.atomic():
            entries.store_many(list(chunk))


def rebuild() -> int:
    """Replace the table's entries with those of the live pages; the number indexed."""
    if SearchEntry.objects.exclude(page__live=True).delete()[0]:
        freshness.changed()
    live = Page.objects.live().filter(depth__gt=1)
    total = 0
    for type_id in live.values_list("content_type", flat=True).distinct().order_by():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        live_of_type = model.objects.live().filter(depth__gt=1)
        ids = list(live_of_type.values_list("pk", flat=True).order_by("pk"))
        index_pages(model, ids)
        total += len(ids)
    return total


def fill_if_empty() -> int:
    """Index an installation whose live pages predate the table (an upgrade): nothing when
    the table already has entries or there is nothing live to index."""
    if SearchEntry.objects.exists() or not Page.objects.live().filter(depth__gt=1).exists():
        return 0
    return rebuild()
