"""``python manage.py ingest_wire [--agency NAME] PATH…``: ingest wire files once.

Prints what became of each item; exits non-zero when any file (or item) was rejected,
printing each reason. Files are left where they are (the watched folder moves its own).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from news.wires.ingest import ingest_path
from news.wires.rules import active_rules


class Command(BaseCommand):
    help = "Ingest wire files (NewsML-G2, NITF, ninjs, RSS/Atom) onto the desk."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--agency", default="", help="The sending agency (default: the file's provider)."
        )

    def handle(self, *args, **options):
        rules = active_rules()
        failed = 0
        for name in options["paths"]:
            path = Path(name)
            if not path.is_file():
                self.stderr.write(f"REJECTED {name}: no such file")
                failed += 1
                continue
            result = ingest_path(path, agency=options["agency"], rules=rules)
            for outcome in result.outcomes:
                self.stdout.write(
                    f"{name}: {outcome.guid} v{outcome.version} {outcome.result} "
                    f"(item {outcome.item_id})"
                )
            if result.rejected:
                self.stderr.write(f"REJECTED {name}: {result.rejected}")
                failed += 1
            elif result.errors:
                for error in result.errors:
                    self.stderr.write(f"REJECTED {name}: {error}")
                failed += 1
        if failed:
            raise CommandError(f"{failed} of {len(options['paths'])} file(s) rejected.")
