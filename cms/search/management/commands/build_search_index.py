"""Write the search table's entry of every live page (after loading content without signals)."""

from django.core.management.base import BaseCommand

from cms.search.rebuild import rebuild


class Command(BaseCommand):
    help = "Rebuild the search table (cms.search) from the live pages."

    def handle(self, *args, **options):
        self.stdout.write(f"Indexed {rebuild()} pages for search.")
