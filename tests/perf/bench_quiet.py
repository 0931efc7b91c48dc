"""Waiting for a quiet machine before each row: background work (autovacuum after a large
write, a queued task, a request still running from the previous row) would otherwise be
measured as the row's own cost, and differently at each archive size."""

import time

from bench_config import DB_NAME, PAIRED, PG_URL, QUIET_SECONDS, log

#: The share of all CPUs other processes may keep busy while the machine counts as quiet.
BUSY_LIMIT = 0.15


def cpu_busy(interval: float = 0.5) -> float:
    """The share of all CPUs busy over ``interval`` seconds (from /proc/stat)."""

    def sample() -> tuple[int, int]:
        with open("/proc/stat") as stat:
            fields = [int(value) for value in stat.readline().split()[1:]]
        idle = fields[3] + fields[4]  # idle and iowait
        return idle, sum(fields)

    idle_before, total_before = sample()
    time.sleep(interval)  # the sampling window of a measurement, not a wait for state
    idle_after, total_after = sample()
    total = total_after - total_before
    return 1 - (idle_after - idle_before) / total if total else 0.0


def database_busy() -> list[str]:
    """What PostgreSQL and the task queues are still doing: autovacuum workers (any database),
    statements running for over a second in the databases under test, and tasks ready or
    running."""
    from django.db import connection

    databases = [connection.settings_dict["NAME"], *([PAIRED.db_name] if PAIRED else [])]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT backend_type, left(query, 60) FROM pg_stat_activity"
            " WHERE pid <> pg_backend_pid() AND (backend_type = 'autovacuum worker'"
            " OR (datname = ANY(%s) AND state = 'active'"
            " AND now() - query_start > interval '1 second'))",
            [databases],
        )
        busy = [f"{kind}: {query}" for kind, query in cursor.fetchall()]
    tasks = queued_tasks()
    return [*busy, f"{tasks} tasks queued or running"] if tasks else busy


def queued_tasks() -> int:
    """Tasks ready or running in this run's queue and in the paired database's (the same
    query, sent there over its own connection)."""
    import psycopg
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.ready() | DBTaskResult.objects.running()
    count = queued.count()
    if PAIRED is not None and PAIRED.db_name != DB_NAME:
        sql, params = queued.values("pk").query.sql_with_params()
        with psycopg.connect(f"{PG_URL}/{PAIRED.db_name}") as conn:
            row = conn.execute(f"SELECT count(*) FROM ({sql}) AS queued", params).fetchone()  # noqa: S608
            count += row[0] if row else 0
    return count


def wait_quiet() -> dict:
    """Returns once the database has nothing in progress and the CPUs are idle, or after
    ``BENCH_QUIET_SECONDS`` (the row is then measured anyway, and marked): how long it took,
    whether it was quiet and the last thing waited for, for the report."""
    started = time.monotonic()
    waited_for: list[str] = []
    while True:
        busy = database_busy()
        load = cpu_busy()
        quiet = not busy and load < BUSY_LIMIT
        if not quiet:
            waited_for = busy or [f"CPU {load:.0%} busy"]
        elapsed = time.monotonic() - started
        if quiet or elapsed >= QUIET_SECONDS:
            if waited_for:
                outcome = "quiet" if quiet else "still busy, measuring anyway"
                log(f"{outcome} after {elapsed:.0f} s (waited for {', '.join(waited_for)})")
            return {"seconds": round(elapsed, 1), "quiet": quiet, "waited_for": waited_for}
