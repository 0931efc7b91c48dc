"""``python manage.py load_demo``: the demo publication, idempotent.

Each app contributes its demo content through a ``demo`` module with a
``load(command)`` function; this command runs them in dependency order inside
one transaction, then each module's optional ``finish(command)`` (for content
that links other apps' pages, such as the site navigation). A second run finds everything
in place and changes nothing.
"""

import importlib
import importlib.util

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_MODULES = [
    "home.demo.furniture",
    "home.demo.news",
    "home.demo.wires",
    "home.demo.directory",
    "home.demo.editorial",
    # Translations of the pages and snippets above (the Spanish edition).
    "home.demo.labels",
    "home.demo.spanish",
]


class Command(BaseCommand):
    help = "Load the demo publication (sections, stories, directory, furniture, users). Idempotent."

    def handle(self, *args, **options):
        with transaction.atomic():
            modules = [
                importlib.import_module(name)
                for name in DEMO_MODULES
                if importlib.util.find_spec(name) is not None
            ]
            for module in modules:
                module.load(self)
            for module in modules:
                if hasattr(module, "finish"):
                    module.finish(self)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
