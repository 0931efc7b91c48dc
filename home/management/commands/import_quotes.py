"""``manage.py import_quotes FILE`` or ``--url URL``: load market quotes, all or nothing.

CSV files have a header naming ``symbol,value,as_of`` (``source`` optional);
JSON is an array of objects with the same keys, or ``{"quotes": [...]}``.
``as_of`` is ISO 8601 (a naive time is local ``TIME_ZONE``; a bare date means
that day's close). Every bad row is reported with its line number and nothing
is imported unless every row is good.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.markets.imports import QuoteImportError, import_quotes_file, import_quotes_source


class Command(BaseCommand):
    help = "Import market quotes from a CSV/JSON file or an HTTP JSON provider (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="A .csv or .json file of quotes.")
        parser.add_argument(
            "--url",
            nargs="?",
            const="",
            default=None,
            help="Fetch JSON from this http(s) URL, or read a file:// URL "
            "(MARKETS_PROVIDER_URL when given without a value).",
        )

    def handle(self, *args, **options):
        url = options["url"]
        if url == "":
            url = settings.MARKETS_PROVIDER_URL
            if not url:
                raise CommandError("--url needs a URL, or set MARKETS_PROVIDER_URL.")
        if bool(url) == bool(options["file"]):
            raise CommandError("Give either a file or --url.")
        try:
            result = import_quotes_source(url) if url else import_quotes_file(options["file"])
        except FileNotFoundError as e:
            raise CommandError(f"No such file: {options['file']}") from e
        except (UnicodeDecodeError, IsADirectoryError) as e:
            raise CommandError(f"Cannot read {options['file']}: {e}") from e
        except QuoteImportError as e:
            for error in e.errors:
                self.stderr.write(error)
            raise CommandError(
                f"{len(e.errors)} bad row(s): nothing was imported. Fix them and run again."
            ) from e
        self.stdout.write(self.style.SUCCESS(f"Imported quotes: {result}"))
