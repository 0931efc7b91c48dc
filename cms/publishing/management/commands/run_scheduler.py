"""``manage.py run_scheduler``: publish, expire and run periodic jobs, forever.

Safe to run several at once (see ``cms.publishing.scheduler``). Wakes every
``SCHEDULER_INTERVAL`` seconds, or earlier for the next go-live, expiry,
embargo lift, job slot or webhook retry. A database error is logged, the
connection dropped and the tick retried with a growing pause (up to a minute);
SIGTERM or SIGINT stops it between ticks.
"""

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections, connections
from django.utils import timezone

from cms.publishing import scheduler
from cms.publishing.conf import settings

logger = logging.getLogger("herald.scheduler")

MAX_BACKOFF = 60.0
#: Shortest pause between ticks, so a due item that keeps failing cannot spin the CPU.
MIN_PAUSE = 0.05


class Command(BaseCommand):
    help = "Publish scheduled revisions, expire pages and run periodic jobs (long-running)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run one tick and exit (tests, cron)."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between ticks (default: the SCHEDULER_INTERVAL setting).",
        )

    def handle(self, *args, once=False, interval=None, **options):
        if once:
            done = scheduler.tick()
            self.stdout.write(
                "expired {expired}, published {published}, jobs {jobs}, webhooks {webhooks}".format(
                    **done
                )
            )
            return
        interval = interval if interval is not None else settings.SCHEDULER_INTERVAL
        stop = threading.Event()

        def request_stop(signum, frame):
            logger.info(
                "Scheduler %s: %s received, stopping",
                scheduler.worker_name(),
                signal.Signals(signum).name,
            )
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        self.loop(stop, interval)

    def loop(self, stop, interval):
        logger.info("Scheduler %s started (interval %ss)", scheduler.worker_name(), interval)
        failures = 0
        seen_slots = {}
        while not stop.is_set():
            close_old_connections()
            try:
                scheduler.tick(seen_slots=seen_slots)
                due = scheduler.next_due()
            except Exception as e:
                failures += 1
                pause = min(interval * 2**failures, MAX_BACKOFF)
                kind = "Database error" if isinstance(e, DatabaseError) else "Error"
                logger.error(
                    "%s (%s consecutive): %s; retrying in %.1fs",
                    kind,
                    failures,
                    " ".join(str(e).split()),
                    pause,
                    exc_info=not isinstance(e, DatabaseError),
                )
                connections.close_all()
                stop.wait(pause)
                continue
            if failures:
                logger.info("Database reachable again after %s failed ticks", failures)
                failures = 0
            pause = interval
            if due is not None:
                pause = min(pause, (due - timezone.now()).total_seconds())
            stop.wait(max(pause, MIN_PAUSE))
        connections.close_all()
        logger.info("Scheduler %s stopped", scheduler.worker_name())
