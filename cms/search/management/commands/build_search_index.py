"""Write the search table's entry of every live page (after loading content without signals)."""

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page
from wagtail.search import index

from cms.search import entries
from cms.search.models import SearchEntry

CHUNK = 500


class Command(BaseCommand):
    help = "Rebuild the search table (cms.search) from the live pages."

    def handle(self, *args, **options):
        SearchEntry.objects.exclude(page__live=True).delete()
        live = Page.objects.live().filter(depth__gt=1)
        total = 0
        for type_id in live.values_list("content_type", flat=True).distinct().order_by():
            model = ContentType.objects.get_for_id(type_id).model_class()
            if model is None:
                continue
            related = [
                field.field_name
                for field in model.get_search_fields()
                if isinstance(field, index.RelatedFields)
            ]
            pages = model.objects.live().filter(depth__gt=1).select_related("locale")
            ids = list(pages.values_list("pk", flat=True).order_by("pk"))
            for start in range(0, len(ids), CHUNK):
                chunk = pages.filter(pk__in=ids[start : start + CHUNK]).prefetch_related(*related)
                with transaction.atomic():
                    entries.store_many(list(chunk))
                total += len(ids[start : start + CHUNK])
        self.stdout.write(f"Indexed {total} pages for search.")
