"""``python manage.py check_links``: check the directory's links now (the daily job's work)."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from directory.jobs import LinkChecker, run_link_check


class Command(BaseCommand):
    help = (
        "Check every link in the directory (HEAD, then GET), record status, final URL and "
        "response time, and mark links broken after failures spanning more than a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--url",
            action="append",
            dest="urls",
            metavar="URL",
            help="Check only this URL (repeatable).",
        )
        parser.add_argument("--timeout", type=float, help="Seconds per request.")
        parser.add_argument("--per-host", type=int, help="Requests in flight per host.")
        parser.add_argument("--host-delay", type=float, help="Seconds between requests to a host.")

    def handle(self, *args, urls=None, timeout=None, per_host=None, host_delay=None, **options):
        overrides = {
            key: value
            for key, value in {
                "TIMEOUT": timeout,
                "PER_HOST": per_host,
                "HOST_DELAY": host_delay,
            }.items()
            if value is not None
        }
        # Progress with a rate and an estimate on stderr; -v 0 is silent.
        with tqdm(
            unit=" links",
            file=options.get("stderr") or sys.stderr,
            disable=int(options.get("verbosity", 1)) == 0,
            mininterval=1,
        ) as progress:
            states = run_link_check(
                urls, checker=LinkChecker.from_settings(**overrides), progress=progress
            )
        total = sum(states.values())
        summary = ", ".join(f"{count} {state}" for state, count in sorted(states.items()))
        self.stdout.write(f"Checked {total} links" + (f": {summary}" if summary else "."))
