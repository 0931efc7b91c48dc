"""``python manage.py load_demo``: the demo publication, idempotent.

Each app contributes its demo content through a ``demo`` module with a
``load(command)`` function; this command runs them in dependency order inside
one transaction. A second run finds everything in place and changes nothing.
"""

import importlib
import importlib.util

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_MODULES = ["home.demo", "news.demo", "directory.demo"]


class Command(BaseCommand):
    help = "Load the demo publication (sections, stories, directory, furniture, users). Idempotent."

    def handle(self, *args, **options):
        with transaction.atomic():
            for module_name in DEMO_MODULES:
                if importlib.util.find_spec(module_name) is None:
                    continue
                module = importlib.import_module(module_name)
                module.load(self)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
