"""Write (or check) the committed OpenAPI snapshot of /api/v3/ at docs/openapi.json.

``make openapi`` rewrites it after an intended contract change; the test suite
fails when the live schema differs from the snapshot (an unannounced change).
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import get_resolver
from wagtail.api.v3.urls import api as api_v3

SNAPSHOT = Path(settings.BASE_DIR) / "docs" / "openapi.json"


def current_schema():
    # Loading the URLconf mounts the apps' routers on Wagtail's v3 API (cms.delivery.api).
    get_resolver().url_patterns  # noqa: B018
    return api_v3.get_openapi_schema(path_prefix="/api/v3")


def render(schema):
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"


class Command(BaseCommand):
    help = "Write the API v3 OpenAPI snapshot to docs/openapi.json (or --check it)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the snapshot differs.")

    def handle(self, *args, check=False, **options):
        text = render(current_schema())
        if check:
            if not SNAPSHOT.exists() or SNAPSHOT.read_text() != text:
                raise CommandError(
                    "OpenAPI schema differs from docs/openapi.json: run make openapi"
                )
            self.stdout.write("OpenAPI snapshot is current.")
            return
        SNAPSHOT.write_text(text)
        self.stdout.write(f"Wrote {SNAPSHOT}")
