"""``manage.py send_daily_headlines``: today's headlines to every confirmed subscriber.

Also run by the scheduler at ``NEWSLETTER_SEND_AT`` (job ``home.send_daily_headlines``).
Resumable and idempotent: run it again after a failure and it sends only to the
subscribers who have not had the issue yet.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from wagtail.coreutils import get_content_languages

from home.newsletter.sending import SendInterrupted, editions_to_send, send_daily_headlines


class Command(BaseCommand):
    help = "Send the daily headlines email (resumable: nobody receives an issue twice)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Issue date, YYYY-MM-DD (default: today in TIME_ZONE).")
        parser.add_argument("--batch-size", type=int, default=None)
        parser.add_argument(
            "--language",
            choices=list(get_content_languages()),
            help="One edition's issue (default: every edition with subscribers, each to its own).",
        )

    def handle(self, *args, **options):
        date = None
        if options["date"]:
            try:
                date = datetime.date.fromisoformat(options["date"])
            except ValueError as e:
                raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from e
        languages = [options["language"]] if options["language"] else editions_to_send()
        for language in languages:
            try:
                report = send_daily_headlines(
                    date, batch_size=options["batch_size"], language=language
                )
            except SendInterrupted as e:
                raise CommandError(str(e)) from e
            self.stdout.write(self.style.SUCCESS(str(report)))
