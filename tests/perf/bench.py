"""The benchmark behind ``make bench``: every public read under load, next to a static file.

Run as a script (pytest does not collect it): ``python tests/perf/bench.py``.

1. A dedicated PostgreSQL database (``BENCH_DB``, default ``herald_bench``) is created if
   missing, migrated and filled to ``BENCH_STORIES`` stories (default 100 000) with
   ``load_demo`` (front page, furniture) and ``generate_stories``. A database that already
   holds the right number of stories is reused; one holding more is dropped and rebuilt.
2. The CMS runs as in production: ``cms.settings.production`` (DEBUG off, WhiteNoise), a
   generated SECRET_KEY, gunicorn with 2 workers (gthread, keep-alive, each holding at most
   ``BENCH_CONNECTIONS`` minus its threads, so that both serve wrk), Redis cache, and a
   task worker (``db_worker``; what loading queued is worked off before the servers start).
   A listing larger than ``API_COUNT_EXACT_THRESHOLD`` is measured once the worker has
   counted it (its first reader gets an estimate, which the response cache does not keep).
   The CMS runs three times: with its API response cache (cached rows), with it off
   (``API_RESPONSE_CACHE_SECONDS=0``, uncached rows; listings' counts stay cached per
   content generation, ``API_COUNT_CACHE_SECONDS``, as in production), and with stored API
   documents off as well ("documents off" rows). The frontend runs twice under
   uvicorn (one process each): page cache off against the uncached CMS (cold), on against
   the cached (warm).
3. The listing response is written to ``STATIC_ROOT/bench/listing.json`` before the
   server starts, so the same gunicorn serves a static file of equal size (WhiteNoise).
4. Each request waits for a quiet machine (no autovacuum, statement or task in progress,
   the CPUs idle: ``bench_quiet.py``; the database was vacuumed, analysed and checkpointed
   after loading), gets a wrk warm-up, then ``BENCH_RUNS`` measured runs of
   ``BENCH_DURATION`` seconds with ``BENCH_CONNECTIONS`` connections (throughput, and
   latency under that load, which includes queueing), then, quiet again, ``BENCH_RUNS``
   runs of ``BENCH_LATENCY_DURATION`` seconds on a single connection (the latency of one
   request when the server is not saturated); each figure is the median of its runs.
   SQL queries per request are counted separately, in this process, with Django's test
   client and ``CaptureQueriesContext``, configured as the row's server (the response cache
   on or off, documents on or off) and after one warm-up request: what a long-running
   server's request costs between two publications.
   The warm article is measured a second time while wrk requests that story's view pixel
   on ``BENCH_FLOOD_CONNECTIONS`` (default 1 000) connections; the report sets the two rows
   side by side with their ratio (p50 and req/s).
5. ``var/bench/report.json`` and ``var/bench/report.md`` hold the results: each row's
   p50 divided by the static file's p50 (under load and on one connection), and issue
   8's budgets evaluated on the single-connection latencies; with ``BENCH_BASELINE`` (another
   run's ``report.json``, say at 100 000 stories), every read next to the baseline's
   (``regression.py``). With ``BENCH_PAIRED_DB`` as well (that run's database), a second set
   of servers serves it and every row is measured on both databases in the same minutes,
   their runs alternating; those figures are then the reads' baseline. ``BENCH_ONLY=search``
   measures only the rows whose name holds that text, next to the static file, without the
   wire and admin rows.
6. Then the first search of the broad and the rare word, and the first request of the two
   listings, after each of a series of publications (``bench_search_writes.py``): what
   readers meet between two publications (a publication drops the listings' cached counts).

No timing is asserted here; the script fails only when something does not work
(a server does not start, a request answers an error, wrk is missing).
"""

import datetime
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_admin  # noqa: E402  (this script's siblings, found through the line above)
import bench_machine  # noqa: E402
import bench_search_writes  # noqa: E402
import bench_wires  # noqa: E402
import regression  # noqa: E402
from bench_config import (  # noqa: E402
    BASELINE,
    CONNECTIONS,
    DURATION,
    LATENCY_DURATION,
    ONLY,
    OUT_DIR,
    PAIRED,
    PG_URL,
    RUNS,
    THIS,
    THREADS,
    UNDER_FLOOD,
    WARMUP,
    WIRE_ITEMS,
    log,
    setup_django,
)
from bench_data import disk_use, ensure_database, prepare_data, prepare_paired  # noqa: E402
from bench_reads import bench_story, listings, search_terms, targets, write_static_copy  # noqa: E402
from bench_report import evaluate_budgets, flood_comparison, markdown  # noqa: E402
from bench_servers import (  # noqa: E402
    GUNICORN_THREADS,
    WORKER_CONNECTIONS,
    start_servers,
    stop,
    wait_all_ready,
)
from bench_wrk import measure  # noqa: E402


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: `make bench` installs it (apt-get install wrk).")
    if PAIRED is not None and not BASELINE:
        raise SystemExit(
            "BENCH_PAIRED_DB needs BENCH_BASELINE: the report of that database's own run,"
            " whose files (media, the static copy of its listing) its servers use."
        )
    run_started = time.monotonic()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    ensure_database()
    setup_django()
    probes = {"start": bench_machine.probe()}
    log(f"machine probe: {probes['start']}")
    data = prepare_data()
    plan = targets()
    listing_path = next(path for name, _, path in plan if name.startswith("API listing"))
    if ONLY:  # the static file stays: every ratio is to it
        plan = [plan[0], *[row for row in plan[1:] if ONLY in row[0]]]
    static_bytes = write_static_copy(listing_path)
    log(f"static copy of the listing: {static_bytes} bytes")

    sides = (THIS,) if PAIRED is None else (THIS, PAIRED)
    if PAIRED is not None:
        same_pages_in(PAIRED.db_name)
        log(f"{PAIRED.db_name}: {prepare_paired(PAIRED.env)}")
    servers = []
    results, paired = [], []
    try:
        for side in sides:
            servers.append(start_servers(side))
        for side, side_servers in zip(sides, servers, strict=True):
            wait_all_ready(side_servers, side)
        for name, server, path in plan:
            log(f"measuring {name}")
            flood_page = bench_story()[1].pk if name.endswith(UNDER_FLOOD) else None
            rows = measure(name, server, path, flood_page, sides)
            results.append(rows[0])
            paired += rows[1:]
    finally:
        for side_servers in servers:
            for process in side_servers.values():
                stop(process)

    wires, admin, after_writes = [], [], []
    if not ONLY:
        log("measuring wire ingestion")
        wires = bench_wires.measure_ingestion(WIRE_ITEMS)
        log("measuring admin pages")
        admin = bench_admin.measure_admin(*bench_story())
    if not ONLY or ONLY in "search after a publication":
        log("measuring search after publications")
        # The listings too, unless only some rows were asked for (BENCH_ONLY=search).
        first_listings = {} if ONLY else listings(bench_story()[0])
        after_writes = bench_search_writes.measure_after_writes(*search_terms(), first_listings)

    probes["end"] = bench_machine.probe()
    log(f"machine probe: {probes['end']}")
    for rows in (results, paired):
        ratios_to_static(rows)
    report = {
        "meta": {
            "database": THIS.db_name,
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "stories": data["stories"],
            "data": data,
            "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, load average "
            + " ".join(f"{x:.1f}" for x in os.getloadavg()),
            "probe": probes,
            "duration": DURATION,
            "runs": RUNS,
            "warmup": WARMUP,
            "connections": CONNECTIONS,
            "threads": THREADS,
            "latency_duration": LATENCY_DURATION,
            "server": (
                f"gunicorn 2 workers gthread {GUNICORN_THREADS} threads"
                f" at most {WORKER_CONNECTIONS} connections each keep-alive 5s, a task worker"
            ),
            "disk": disk_use(),
            "elapsed_seconds": round(time.monotonic() - run_started),
        },
        "results": results,
        "budgets": evaluate_budgets(results),
        "flood": flood_comparison(results) if not ONLY else None,
        "wires": wires,
        "admin": admin,
        "search_after_writes": after_writes,
    }
    if PAIRED is not None:
        report["paired"] = {
            "database": PAIRED.db_name,
            "stories": stories_in(PAIRED.db_name),
            "results": paired,
        }
    regression_lines = []
    if BASELINE:
        baseline = json.loads(Path(BASELINE).read_text())
        report["regression"] = regression.compare(baseline, report)
        regression_lines = regression.markdown(baseline, report, report["regression"])
    (OUT_DIR / "report.json").write_text(json.dumps(report, indent=2))
    table = (
        markdown(report)
        + "\n".join(
            [
                *bench_wires.markdown(wires),
                *bench_admin.markdown(admin),
                *bench_search_writes.markdown(after_writes),
                *regression_lines,
            ]
        )
        + "\n"
    )
    (OUT_DIR / "report.md").write_text(table)
    print(table)
    log(f"wrote {OUT_DIR / 'report.json'} and {OUT_DIR / 'report.md'}")


def ratios_to_static(rows):
    """Each row's p50 and req/s next to the static file's (the first row) of the same side."""
    if not rows:
        return
    static = rows[0]
    for row in rows:
        for key in ("p50_ms", "p50_1c_ms"):
            row[key.replace("_ms", "_ratio_to_static")] = (
                round(row[key] / static[key], 2) if static[key] and row[key] is not None else None
            )
        row["rps_ratio_to_static"] = round(static["rps"] / row["rps"], 2) if row["rps"] else None


def same_pages_in(db_name):
    """The rows' paths name pages by id (the detail, the section listing): the paired database
    must hold the same home, section and story under the same ids, as two databases built by
    ``make bench`` from the same demo content do."""
    import psycopg
    from wagtail.models import Locale

    from home.models import HomePage

    section, story = bench_story()
    home = HomePage.objects.get(locale=Locale.get_default())
    with psycopg.connect(f"{PG_URL}/{db_name}") as conn:
        for page in (home, section, story):
            row = conn.execute(
                "SELECT url_path FROM wagtailcore_page WHERE id = %s", [page.pk]
            ).fetchone()
            if row is None or row[0] != page.url_path:
                raise SystemExit(
                    f"{db_name} has {row[0] if row else 'no page'} where {THIS.db_name} has"
                    f" {page.url_path} (id {page.pk}): pair databases built by `make bench`."
                )


def stories_in(db_name):
    import psycopg

    with psycopg.connect(f"{PG_URL}/{db_name}") as conn:
        row = conn.execute("SELECT count(*) FROM news_articlepage").fetchone()
    return row[0] if row else 0


if __name__ == "__main__":
    main()
