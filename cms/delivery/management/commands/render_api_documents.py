"""``python manage.py render_api_documents``: store the API documents the pages lack.

The scheduler does the same a little at a time (``delivery.render_api_documents``);
this command is for a release, a bulk import or a benchmark: it renders every
public page of a document type that has no current document (or ``--limit`` of
them), newest first. ``--rebuild`` drops every document first. On PostgreSQL,
``--workers`` processes share the pages (by id modulo the number of processes), except
inside an open transaction, which one process renders.
"""

import contextlib
import multiprocessing
import os
import queue
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from tqdm import tqdm

from cms.delivery import planner_statistics
from cms.delivery.documents import dropping, rendering, versioning

#: Documents stored in one run above which the tables are vacuumed and analyzed.
VACUUM_AFTER = 10_000


class Command(BaseCommand):
    help = "Render and store the API documents of public pages that have no current one."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, help="Stop after storing this many.")
        parser.add_argument("--batch-size", type=int, default=200, help="Pages per render.")
        parser.add_argument(
            "--workers",
            type=int,
            default=min(os.cpu_count() or 1, 4),
            help="Processes rendering in parallel on PostgreSQL (one on SQLite, or with --limit).",
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="Drop every document first, then render."
        )

    def handle(self, *args, limit=None, batch_size=200, workers=1, rebuild=False, **options):
        if not versioning.enabled():
            raise CommandError("API documents are off (API_DOCUMENTS=0).")
        for name, value in (
            ("--limit", limit),
            ("--batch-size", batch_size),
            ("--workers", workers),
        ):
            if value is not None and value < 1:
                raise CommandError(f"{name} must be at least 1.")
        if rebuild:
            dropping.drop_after_commit(dropping.Targets(everything=True))
        if connection.vendor != "postgresql" or limit is not None or connection.in_atomic_block:
            # Inside a caller's transaction other connections would not see its pages, and
            # closing this connection for the fork would break the transaction.
            workers = 1
        started = time.monotonic()
        verbosity = int(options.get("verbosity", 1))
        total = rendering.count_missing() if verbosity else None
        # Progress with a rate and an estimate on stderr; -v 0 is silent.
        with tqdm(
            total=total if limit is None or total is None else min(total, limit),
            unit=" documents",
            file=options.get("stderr") or sys.stderr,
            disable=verbosity == 0,
            mininterval=1,
        ) as progress:
            tables = planner_statistics.GrowingTables()
            if workers == 1:

                def advance(count):
                    progress.update(count)
                    tables.add(count)

                stored = rendering.render_missing(limit=limit, batch=batch_size, progress=advance)
            else:
                stored = self.render_in_processes(workers, batch_size, progress, tables)
        elapsed = time.monotonic() - started
        rate = stored / elapsed if elapsed else 0
        if stored >= VACUUM_AFTER and not connection.in_atomic_block:
            # Fresh statistics and visibility map after a bulk load (as generate_stories
            # does), instead of autovacuum catching up under traffic.
            planner_statistics.refresh(vacuum=True)
        processes = f"{workers} process{'es' if workers > 1 else ''}"
        self.stdout.write(
            f"Stored {stored} API documents in {elapsed:.1f}s ({rate:.0f}/s, {processes})."
        )

    def render_in_processes(self, workers, batch_size, progress, tables):
        """Forked processes, each rendering the pages whose id is its number modulo ``workers``;
        they count what they store in shared memory, shown here in ``progress``, while this
        process keeps the ``tables``' statistics fresh."""
        connections.close_all()  # each process opens its own connection
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        done = context.Value("q", 0)
        processes = [
            context.Process(
                target=self.run_worker, args=(shard, workers, batch_size, results, done)
            )
            for shard in range(workers)
        ]
        for process in processes:
            process.start()
        stored = []
        while len(stored) < len(processes):
            with contextlib.suppress(queue.Empty):
                stored.append(results.get(timeout=0.5))
            tables.add(done.value - tables.stored)
            progress.update(done.value - progress.n)
        for process in processes:
            process.join()
        failed = [i for i, process in enumerate(processes) if process.exitcode != 0]
        if failed or None in stored:
            raise CommandError(
                f"Worker(s) {failed} failed (see the error above); what they stored remains."
            )
        return sum(stored)

    @staticmethod
    def run_worker(shard, workers, batch_size, results, done):
        def count(n):
            with done.get_lock():
                done.value += n

        stored = None
        try:
            stored = rendering.render_missing(
                batch=batch_size, shard=(shard, workers), progress=count
            )
        finally:
            results.put(stored)
            connections.close_all()
