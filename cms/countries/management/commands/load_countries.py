from django.core.management.base import BaseCommand

from cms.countries.catalogue import ensure_countries, known_countries
from cms.countries.models import Country


class Command(BaseCommand):
    help = (
        "Create the catalogued countries that are missing (ISO code, English name, region); "
        "countries already stored are left as editors made them."
    )

    def handle(self, *args, **options) -> None:
        before = Country.objects.count()
        ensure_countries(known_countries())
        created = Country.objects.count() - before
        self.stdout.write(f"Created {created} countries ({len(known_countries())} catalogued).")
