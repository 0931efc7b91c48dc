"""``python manage.py ingest_wire [--agency NAME] PATH…``: ingest wire files once.

Prints what became of each item; exits non-zero when any file (or item) was rejected,
printing each reason. Files are left where they are (the watched folder moves its own).
They are read and parsed a batch at a time, and each batch's items stored together.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from news.wires.inbox import BATCH
from news.wires.ingest import FileResult, ingest_paths
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
        names = options["paths"]
        for start in range(0, len(names), BATCH):
            batch = names[start : start + BATCH]
            found = [Path(name).is_file() for name in batch]
            paths = [Path(name) for name, ok in zip(batch, found, strict=True) if ok]
            results = iter(ingest_paths(paths, agency=options["agency"], rules=rules))
            for name, ok in zip(batch, found, strict=True):
                if not ok:
                    self.stderr.write(f"REJECTED {name}: no such file")
                    failed += 1
                else:
                    failed += self._report(name, next(results))
        if failed:
            raise CommandError(f"{failed} of {len(names)} file(s) rejected.")

    def _report(self, name: str, result: FileResult) -> int:
        """Print what became of the file's items; 1 when it (or an item) was rejected."""
        for outcome in result.outcomes:
            self.stdout.write(
                f"{name}: {outcome.guid} v{outcome.version} {outcome.result} "
                f"(item {outcome.item_id})"
            )
        if result.rejected:
            self.stderr.write(f"REJECTED {name}: {result.rejected}")
            return 1
        for error in result.errors:
            self.stderr.write(f"REJECTED {name}: {error}")
        return 1 if result.errors else 0
