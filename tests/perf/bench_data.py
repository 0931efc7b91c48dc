"""The benchmark's database: created, migrated and filled to ``BENCH_STORIES`` stories, with
their API documents and search entries, and its size on disk."""

import io
import os
import subprocess
import time

from bench_config import DB_NAME, PG_URL, ROOT, STORIES, VENV_BIN, log


def ensure_database(drop=False):
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        if drop:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
            log(f"created database {DB_NAME}")


def prepare_data():
    """Migrate and fill the database; returns what was done (for the report)."""
    from django.core.management import call_command
    from django.db import connections
    from wagtail.models import Page

    from cms.search.models import SearchEntry
    from news.models import ArticlePage

    call_command("migrate", interactive=False, verbosity=0)
    count = ArticlePage.objects.count()
    if count > STORIES:
        log(f"{DB_NAME} holds {count} stories, more than {STORIES}: rebuilding it")
        connections.close_all()
        ensure_database(drop=True)
        call_command("migrate", interactive=False, verbosity=0)
        count = 0
    info = {"existing_stories": count, "demo": "reused"}
    if count == 0:
        try:
            call_command("load_demo", verbosity=0)
            info["demo"] = "loaded"
        except Exception as e:  # noqa: BLE001 - reported, the generated archive still runs
            info["demo"] = f"failed: {e!r}"
            log(f"load_demo failed ({e!r}); continuing with generated stories only")
        count = ArticlePage.objects.count()
    missing = STORIES - count
    if missing > 0:
        log(f"generating {missing} stories")
        started = time.monotonic()
        call_command("generate_stories", count=missing, verbosity=0)
        elapsed = time.monotonic() - started
        info["generated"] = missing
        info["generation_seconds"] = round(elapsed, 1)
        info["generation_rate"] = round(missing / elapsed)
        log(f"generated {missing} stories in {elapsed:.0f}s ({missing / elapsed:.0f}/s)")
    info["stories"] = ArticlePage.objects.count()
    # The stories' API documents (cms.delivery.documents), which the scheduler keeps current in
    # production; here rendered up front (only what is missing on a reused database).
    started = time.monotonic()
    out = io.StringIO()
    call_command("render_api_documents", stdout=out)
    info["documents"] = out.getvalue().strip()
    info["documents_seconds"] = round(time.monotonic() - started, 1)
    log(info["documents"])
    # The search table (cms.search): stories generated in bulk send no signals.
    if SearchEntry.objects.count() < Page.objects.live().filter(depth__gt=1).count():
        started = time.monotonic()
        call_command("build_search_index", stdout=out)
        info["search_index_seconds"] = round(time.monotonic() - started, 1)
        log(f"search table built in {info['search_index_seconds']}s")
    # What loading queued (search and reference index updates, purges): done before the
    # servers start, so the worker beside them is idle until a reader queues a count.
    started = time.monotonic()
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "db_worker", "--batch", "--no-reload",
         "--no-startup-delay", "--verbosity=0"],
        cwd=ROOT, check=True,
    )  # fmt: skip
    info["queued_tasks_seconds"] = round(time.monotonic() - started, 1)
    started = time.monotonic()
    vacuum_and_checkpoint()
    info["vacuum_seconds"] = round(time.monotonic() - started, 1)
    call_command("collectstatic", interactive=False, verbosity=0)
    return info


def prepare_paired(env: dict[str, str]) -> str:
    """Prepare the paired database as ``prepare_data`` prepares this run's: its own run's last
    rows publish stories, which drops their documents, so render what is missing and run what
    was queued; otherwise that side would render its newest stories for every uncached reader.
    Returns ``render_api_documents``' summary."""
    run = {**os.environ, **env}
    rendered = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "render_api_documents"],
        cwd=ROOT, env=run, check=True, capture_output=True, text=True,
    )  # fmt: skip
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "db_worker", "--batch", "--no-reload",
         "--no-startup-delay", "--verbosity=0"],
        cwd=ROOT, env=run, check=True,
    )  # fmt: skip
    return rendered.stdout.strip()


def vacuum_and_checkpoint():
    """Statistics and visibility maps current and dirty pages written before the first row:
    rendering every document writes gigabytes at a million stories, and a server with
    autovacuum off (as here) would otherwise plan on stale statistics, one with it on would do
    this work while rows are measured."""
    import psycopg

    with psycopg.connect(f"{PG_URL}/{DB_NAME}", autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
        conn.execute("CHECKPOINT")


def disk_use():
    """The database's size on disk and its largest tables (indexes and TOAST included)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND c.relkind = 'r'"
            " ORDER BY 2 DESC LIMIT 5"
        )
        tables = dict(cursor.fetchall())
    return {"database_bytes": total, "largest_tables_bytes": tables}
