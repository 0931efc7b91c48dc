"""The benchmark behind ``make bench``: every public read under load, next to a static file.

Run as a script (pytest does not collect it): ``python tests/perf/bench.py``.

1. A dedicated PostgreSQL database (``BENCH_DB``, default ``herald_bench``) is created if
   missing, migrated and filled to ``BENCH_STORIES`` stories (default 100 000) with
   ``load_demo`` (front page, furniture) and ``generate_stories``. A database that already
   holds the right number of stories is reused; one holding more is dropped and rebuilt.
2. The CMS runs as in production: ``cms.settings.production`` (DEBUG off, WhiteNoise), a
   generated SECRET_KEY, gunicorn with 2 workers (gthread, keep-alive), Redis cache. It
   runs twice: with its API response cache (cached rows) and with it off
   (``API_RESPONSE_CACHE_SECONDS=0``, uncached rows; listings' counts stay cached per
   content generation, ``API_COUNT_CACHE_SECONDS``, as in production). The frontend runs twice under
   uvicorn (one process each): page cache off against the uncached CMS (cold), on against
   the cached (warm).
3. The listing response is written to ``STATIC_ROOT/bench/listing.json`` before the
   server starts, so the same gunicorn serves a static file of equal size (WhiteNoise).
4. Each request gets a wrk warm-up, then ``BENCH_RUNS`` measured runs of
   ``BENCH_DURATION`` seconds with ``BENCH_CONNECTIONS`` connections (throughput, and
   latency under that load, which includes queueing), then one run of
   ``BENCH_LATENCY_DURATION`` seconds on a single connection (the latency of one request
   when the server is not saturated). SQL queries per request are counted separately,
   in this process, with Django's test client and ``CaptureQueriesContext`` after the
   API response cache is invalidated (so the count is the uncached cost).
   The warm article is measured a second time while wrk requests that story's view pixel
   on ``BENCH_FLOOD_CONNECTIONS`` (default 1 000) connections; the report sets the two rows
   side by side with their ratio (p50 and req/s).
5. ``var/bench/report.json`` and ``var/bench/report.md`` hold the results: each row's
   p50 divided by the static file's p50 (under load and on one connection), and issue
   8's budgets evaluated on the single-connection latencies; with ``BENCH_BASELINE`` (another
   run's ``report.json``, say at 100 000 stories), every read next to the baseline's
   (``regression.py``). ``BENCH_ONLY=search`` measures only the rows whose name holds
   that text, next to the static file, without the wire and admin rows.
6. Then the first search of the broad and the rare word, and the first request of the two
   listings, after each of a series of publications (``bench_search_writes.py``): what
   readers meet between two publications (a publication drops the listings' cached counts).

No timing is asserted here; the script fails only when something does not work
(a server does not start, a request answers an error, wrk is missing).
"""

import contextlib
import datetime
import io
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "perf"))
import bench_admin  # noqa: E402  (this script's sibling, found through the line above)
import bench_search_writes  # noqa: E402  (likewise)
import bench_wires  # noqa: E402  (likewise)
import regression  # noqa: E402  (likewise)

VENV_BIN = Path(sys.executable).parent

STORIES = int(os.environ.get("BENCH_STORIES", "100000"))
DB_NAME = os.environ.get("BENCH_DB", "herald_bench")
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
# Wire items ingested for the wire ingestion row (tests/perf/bench_wires.py).
WIRE_ITEMS = int(os.environ.get("BENCH_WIRE_ITEMS", "2000"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
RUNS = int(os.environ.get("BENCH_RUNS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
# Connections requesting the view pixel during the flood row.
FLOOD_CONNECTIONS = int(os.environ.get("BENCH_FLOOD_CONNECTIONS", "1000"))
UNDER_FLOOD = ", under a pixel flood"
LATENCY_DURATION = int(os.environ.get("BENCH_LATENCY_DURATION", "5"))
OUT_DIR = Path(os.environ.get("BENCH_OUT", ROOT / "var" / "bench"))
BASELINE = os.environ.get("BENCH_BASELINE")  # another run's report.json, for regression rows
ONLY = os.environ.get("BENCH_ONLY", "")  # measure only the rows whose name contains this
START_TIMEOUT = 90


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CMS_PORT = free_port()
CMS_COLD_PORT = free_port()
CMS_RENDER_PORT = free_port()
COLD_PORT = free_port()
WARM_PORT = free_port()
CMS = f"http://127.0.0.1:{CMS_PORT}"
CMS_COLD = f"http://127.0.0.1:{CMS_COLD_PORT}"
CMS_RENDER = f"http://127.0.0.1:{CMS_RENDER_PORT}"

# The CMS's environment: production settings, this run's database, Redis and ports.
CMS_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "bench-" + secrets.token_urlsafe(32),
    "DATABASE_URL": f"{PG_URL}/{DB_NAME}",
    "REDIS_URL": REDIS_URL,
    "CACHE_KEY_PREFIX": f"herald-bench-{DB_NAME}",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "VAR_DIR": str(OUT_DIR / "var"),
    # Fixed, not this run's ports: they are written into every stored API document (their
    # version), so a database prepared by an earlier run (or by `make run`'s defaults) keeps
    # its documents. Nothing here follows these URLs.
    "WAGTAILAPI_BASE_URL": "http://127.0.0.1:8000",
    "FRONTEND_URL": "http://127.0.0.1:3000",
    "FRONTEND_PURGE_SECRET": "bench-purge-" + secrets.token_urlsafe(16),
    "LOG_LEVEL": "WARNING",
}


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Database and data ------------------------------------------------------------------


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
    call_command("collectstatic", interactive=False, verbosity=0)
    return info


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


# --- Requests -------------------------------------------------------------------------


def search_terms():
    """A word most stories contain and one that only a few do."""
    from news.management.generation.vocabulary import BROAD_TERM, TAIL_WORDS, tail_word
    from news.models import ArticlePage

    for rank in range(TAIL_WORDS - 1000, 0, -2500):
        word = tail_word(rank)
        if ArticlePage.objects.live().search(word).count():
            return BROAD_TERM, word
    return BROAD_TERM, tail_word(TAIL_WORDS - 1000)


def bench_story():
    """(section, story) of the frontend's section and article rows."""
    from news.models import ArticlePage, SectionPage

    section = SectionPage.objects.live().filter(slug="world").first() or SectionPage.objects.first()
    return section, ArticlePage.objects.live().child_of(section).order_by("-date").first()


def listings(section) -> dict[str, str]:
    """The two listings a frontend reads most: every story, and a section's teasers."""
    from frontend.api_client import TEASER_FIELDS

    return {
        "API listing, 20 stories, all fields": (
            "/api/v2/pages/?type=news.ArticlePage&fields=*&limit=20"
        ),
        "API section listing (frontend's)": (
            f"/api/v2/pages/?type=news.ArticlePage&descendant_of={section.pk}"
            f"&fields={TEASER_FIELDS}&order=-date&limit=20"
        ),
    }


def targets():
    """(name, server, path, cacheable) for every read the issue lists."""
    from wagtail.models import Locale

    from cms.delivery.paths import page_path
    from home.models import HomePage

    home = HomePage.objects.get(locale=Locale.get_default())  # the English edition's
    section, story = bench_story()
    broad, rare = search_terms()
    story_path = page_path(story)
    section_path = page_path(section)
    api = [
        *listings(section).items(),
        ("API detail", f"/api/v2/pages/{story.pk}/"),
        ("API find by path", f"/api/v2/pages/find/?html_path={story_path}"),
        (
            f"API search, broad term ({broad})",
            f"/api/v2/pages/?type=news.ArticlePage&search={broad}&limit=20",
        ),
        (
            f"API search, rare term ({rare})",
            f"/api/v2/pages/?type=news.ArticlePage&search={rare}&limit=20",
        ),
        ("API home page data", f"/api/v2/pages/{home.pk}/"),
        ("API v3 site", "/api/v3/site/"),
        ("API v3 markets", "/api/v3/markets/"),
        ("API v3 most viewed", "/api/v3/most-viewed/"),
    ]
    rendered = [api[0], api[2]]  # the listing and the detail, rendered on every request
    return [
        ("static file (listing size)", "cms", "/static/bench/listing.json"),
        # Cached rows next to the static file, before the rows that keep both CPUs busy
        # (a quarter of a millisecond of other work doubles their ratio).
        *[(f"{name}, cached", "cms", path) for name, path in api],
        *[(f"{name}, uncached", "cms-cold", path) for name, path in api],
        *[(f"{name}, uncached, documents off", "cms-render", path) for name, path in rendered],
        ("frontend home, cold", "cold", "/"),
        ("frontend section, cold", "cold", section_path),
        ("frontend article, cold", "cold", story_path),
        ("frontend home, warm", "warm", "/"),
        ("frontend section, warm", "warm", section_path),
        ("frontend article, warm", "warm", story_path),
        # The same row while FLOOD_CONNECTIONS connections request the view pixel.
        (f"frontend article, warm{UNDER_FLOOD}", "warm", story_path),
    ]


def write_static_copy(listing_path):
    """The listing's bytes as a static file, served by the same gunicorn (WhiteNoise)."""
    from django.conf import settings
    from django.test import Client

    response = Client(HTTP_HOST="127.0.0.1").get(listing_path)
    if response.status_code != 200:
        raise SystemExit(f"listing answered {response.status_code}: {response.content[:300]!r}")
    target = Path(settings.STATIC_ROOT) / "bench" / "listing.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(response.content)
    return len(response.content)


def count_queries(path, cached, documents=True):
    """SQL queries for one request in a warm process: after the API response cache was
    invalidated (uncached), or answered from it (cached); with stored API documents used
    or not (``documents``)."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    if not documents:
        with override_settings(API_DOCUMENTS=False):
            return count_queries(path, cached)

    def invalidate():
        with contextlib.suppress(ImportError):
            from cms.delivery.generation import invalidate_api_cache

            invalidate_api_cache()

    client = Client(HTTP_HOST="127.0.0.1")
    if not cached:
        invalidate()  # so that the warm-up renders, as a long-running server process has
    client.get(path)  # per-process caches (content types, site root paths)
    if not cached:
        invalidate()
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    return len(ctx.captured_queries)


# --- Servers --------------------------------------------------------------------------


def start(command, env, name):
    log_file = open(OUT_DIR / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.log_file = log_file
    return process


def wait_ready(process, url, name):
    import httpx

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with {process.returncode}; see {OUT_DIR}/{name}.log")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)  # polling an observable condition (the port answers), with a deadline
    raise SystemExit(f"{name} did not answer {url} within {START_TIMEOUT}s")


def stop(process):
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    process.log_file.close()


def start_servers():
    gunicorn = [
        str(VENV_BIN / "gunicorn"),
        "cms.wsgi:application",
        "--workers=2",
        "--worker-class=gthread",
        "--threads=4",
        "--keep-alive=5",
        "--no-control-socket",  # two servers run side by side
    ]
    frontend_env = {
        key: value for key, value in CMS_ENV.items() if key not in ("REDIS_URL", "SECRET_KEY")
    }
    frontend_env.update(
        {
            "FRONTEND_PURGE_SECRET": CMS_ENV["FRONTEND_PURGE_SECRET"],
            "FRONTEND_SECRET_KEY": secrets.token_urlsafe(32),
        }
    )
    os.environ.pop("REDIS_URL", None)  # the frontends use their in-process cache
    servers = {
        "cms": start([*gunicorn, f"--bind=127.0.0.1:{CMS_PORT}"], CMS_ENV, "cms"),
        "cms-cold": start(
            [*gunicorn, f"--bind=127.0.0.1:{CMS_COLD_PORT}"],
            {**CMS_ENV, "API_RESPONSE_CACHE_SECONDS": "0"},
            "cms-cold",
        ),
        # No response cache and no stored documents: every answer rendered by the serializers.
        "cms-render": start(
            [*gunicorn, f"--bind=127.0.0.1:{CMS_RENDER_PORT}"],
            {**CMS_ENV, "API_RESPONSE_CACHE_SECONDS": "0", "API_DOCUMENTS": "0"},
            "cms-render",
        ),
    }
    for name, port, ttl, cms in (
        ("cold", COLD_PORT, "0", CMS_COLD),
        ("warm", WARM_PORT, "600", CMS),
    ):
        servers[name] = start(
            [
                str(VENV_BIN / "uvicorn"),
                "--factory",
                "frontend.app:create_app",
                "--host=127.0.0.1",
                f"--port={port}",
                # One process: in uvicorn's multi-process mode every keep-alive request
                # waited ~40 ms (docs/performance.md); scale out with one process per port.
                "--workers=1",
                "--no-access-log",
                "--log-level=warning",
            ],
            {
                **frontend_env,
                "FRONTEND_PORT": str(port),
                "FRONTEND_URL": f"http://127.0.0.1:{port}",
                "FRONTEND_CACHE_TTL": ttl,
                "CMS_API_URL": f"{cms}/api/",
                "FRONTEND_REDIS_URL": "",
            },
            name,
        )
    return servers


BASES = {
    "cms": CMS,
    "cms-cold": CMS_COLD,
    "cms-render": CMS_RENDER,
    "cold": f"http://127.0.0.1:{COLD_PORT}",
    "warm": f"http://127.0.0.1:{WARM_PORT}",
}


# --- wrk ------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output):
    def latency(percent):
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        return round(float(match.group(1)) * UNITS[match.group(2)], 3) if match else None

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "requests": int(total.group(1)) if total else 0,
        "non_2xx_3xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
    }


def wrk(url, seconds, connections=CONNECTIONS, threads=THREADS):
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        "--latency",
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse_wrk(result.stdout)


def settle(server):
    """Wait until the server has worked off what wrk left queued (a slow row leaves a backlog
    that would otherwise land on the next row): a static file answers fast again."""
    import httpx

    if not server.startswith("cms"):
        return
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        started = time.monotonic()
        httpx.get(BASES[server] + "/static/bench/listing.json", timeout=180)
        if time.monotonic() - started < 0.2:
            return
    raise SystemExit(f"{server} still busy 180 s after the load stopped")


@contextlib.contextmanager
def pixel_flood(server, page_id, seconds):
    """wrk requesting ``/_hit/<page_id>.gif`` on FLOOD_CONNECTIONS connections meanwhile;
    yields a dict that holds wrk's numbers once the block is done."""
    command = [
        "wrk",
        f"--threads={THREADS}",
        f"--connections={FLOOD_CONNECTIONS}",
        f"--duration={seconds}s",
        "--timeout=10s",
        "--header=User-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
        BASES[server] + f"/_hit/{page_id}.gif",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    outcome = {}
    try:
        yield outcome
    finally:
        process.send_signal(signal.SIGINT)  # wrk stops and prints what it measured
        output, _ = process.communicate(timeout=30)
        outcome.update(parse_wrk(output or ""))


def measure(name, server, path, flood_page=None):
    """One row; with ``flood_page``, measured while the view pixel of that page is flooded."""
    if flood_page is None:
        return measure_row(name, server, path)
    seconds = WARMUP + RUNS * DURATION + LATENCY_DURATION + 60
    with pixel_flood(server, flood_page, seconds) as flood:
        row = measure_row(name, server, path)
    row["flood"] = flood
    return row


def measure_row(name, server, path):
    import httpx

    url = BASES[server] + path
    # Generous: a slow request's queue from the previous row may still be draining.
    first = httpx.get(url, timeout=120)
    if first.status_code >= 400:
        raise SystemExit(f"{name}: {url} answered {first.status_code}: {first.text[:300]}")
    wrk(url, WARMUP)
    runs = [wrk(url, DURATION) for _ in range(RUNS)]
    settle(server)
    single = wrk(url, LATENCY_DURATION, connections=1, threads=1)
    failed = sum(run["non_2xx_3xx"] for run in [*runs, single])
    if failed:
        raise SystemExit(f"{name}: {failed} responses were errors under load ({url})")

    def mean(key):
        # A run in which no request completed (a slow request, a short run) has no latency.
        values = [run[key] for run in runs if run[key] is not None and run["requests"]]
        return round(sum(values) / len(values), 3) if values else None

    return {
        "name": name,
        "server": server,
        "path": path,
        "status": first.status_code,
        "bytes": len(first.content),
        "cache_control": first.headers.get("cache-control", ""),
        "sql_queries": (
            count_queries(path, cached=server == "cms", documents=server != "cms-render")
            if server.startswith("cms") and "static" not in path
            else None
        ),
        "rps": round(sum(run["rps"] for run in runs) / len(runs), 1),
        "p50_ms": mean("p50_ms"),
        "p99_ms": mean("p99_ms"),
        "runs": runs,
        "single": single,
        "p50_1c_ms": single["p50_ms"] if single["requests"] else None,
        "p99_1c_ms": single["p99_ms"] if single["requests"] else None,
    }


# --- Report ---------------------------------------------------------------------------


# Issue 8's budgets, on single-connection p50 latencies:
# (budget, row name prefix, row name suffix, limit, unit).
BUDGETS = [
    ("API listing of 20 full stories, uncached", "API listing", ", uncached", 15, "× static"),
    ("API listing of 20 full stories, cached", "API listing", ", cached", 1.5, "× static"),
    ("API search, broad term, uncached", "API search, broad term", ", uncached", 200, "ms"),
    ("frontend article, uncached", "frontend article", ", cold", 50, "ms"),
    ("frontend article, cached", "frontend article", ", warm", 5, "ms"),
]


def evaluate_budgets(results):
    """Each budget with the measured value and whether it is met (single-connection p50)."""
    static = results[0]["p50_1c_ms"]
    checks = []
    for label, prefix, suffix, limit, unit in BUDGETS:
        row = next(
            (r for r in results if r["name"].startswith(prefix) and r["name"].endswith(suffix)),
            None,
        )
        value = None
        if row is not None and row["p50_1c_ms"] is not None:
            value = row["p50_1c_ms"] / static if unit == "× static" and static else row["p50_1c_ms"]
        checks.append(
            {
                "budget": label,
                "limit": limit,
                "unit": unit,
                "value": None if value is None else round(value, 2),
                "met": None if value is None else value <= limit,  # None: not measured
            }
        )
    queries = [r["sql_queries"] for r in results if r["name"].startswith("API ")]
    most = max((count for count in queries if count is not None), default=None)
    checks.append(
        {
            "budget": "SQL queries of any public API read (most of any row)",
            "limit": 10,
            "unit": "queries",
            "value": most,
            "met": most is not None and most <= 10,
        }
    )
    return checks


def flood_comparison(results):
    """The article row under the pixel flood next to the same row without it."""
    calm = next(r for r in results if r["name"] == "frontend article, warm")
    flooded = next(r for r in results if r["name"].endswith(UNDER_FLOOD))

    def ratio(a, b):
        return round(a / b, 2) if a and b else None

    return {
        "pixel_connections": FLOOD_CONNECTIONS,
        "pixel_rps": flooded["flood"].get("rps"),
        "pixel_non_2xx_3xx": flooded["flood"].get("non_2xx_3xx"),
        "p50_ms": (calm["p50_ms"], flooded["p50_ms"]),
        "rps": (calm["rps"], flooded["rps"]),
        "p50_ratio": ratio(flooded["p50_ms"], calm["p50_ms"]),
        "rps_ratio": ratio(flooded["rps"], calm["rps"]),
    }


def verdict(met):
    return "not measured" if met is None else "yes" if met else "no"


def run_summary(meta):
    """The run's time and the database's disk use, the cost of an archive of this size."""
    data, disk = meta["data"], meta["disk"]
    gigabytes = disk["database_bytes"] / 1e9
    tables = ", ".join(
        f"`{name}` {size / 1e9:.2f} GB" for name, size in disk["largest_tables_bytes"].items()
    )
    steps = [
        f"{label} {data[key]:,.0f} s"
        for label, key in (
            ("generation", "generation_seconds"),
            ("documents", "documents_seconds"),
            ("search table", "search_index_seconds"),
        )
        if key in data
    ]
    return [
        f"Run: {meta['elapsed_seconds'] / 60:.1f} min in all"
        + (f" ({', '.join(steps)})" if steps else "")
        + f" · database {gigabytes:.2f} GB on disk; largest tables: {tables}",
    ]


def markdown(report):
    meta = report["meta"]
    lines = [
        f"Stories: {meta['stories']:,} · {meta['date']} · {meta['machine']} · "
        f"wrk {THREADS} threads, {CONNECTIONS} connections, {RUNS}×{DURATION}s after "
        f"{WARMUP}s warm-up, then 1 connection for {LATENCY_DURATION}s · gunicorn 2 workers "
        "(gthread, 4 threads) · PostgreSQL · Redis",
        "",
        *run_summary(meta),
        "",
        f"| request | req/s ({CONNECTIONS} conn.) | p50 ms | p99 ms | p50 ms, 1 conn. "
        "| p99 ms, 1 conn. | bytes | SQL/request | p50 × static | p50 × static, 1 conn. |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []

    def number(value, digits=2):
        return "–" if value is None else f"{value:,.{digits}f}"

    for row in report["results"]:
        sql = "–" if row["sql_queries"] is None else str(row["sql_queries"])
        errors = "; ".join(
            run["socket_errors"] for run in [*row["runs"], row["single"]] if run["socket_errors"]
        )
        if errors:
            notes.append(f"{row['name']}: wrk socket errors ({errors})")
        lines.append(
            f"| {row['name']} | {row['rps']:,.0f} | {number(row['p50_ms'])} "
            f"| {number(row['p99_ms'])} | {number(row['p50_1c_ms'])} | {number(row['p99_1c_ms'])} "
            f"| {row['bytes']:,} | {sql} | {number(row['p50_ratio_to_static'], 1)} "
            f"| {number(row['p50_1c_ratio_to_static'], 1)} |"
        )
    if notes:
        lines += ["", *[f"- {note}" for note in notes]]
    lines += [
        "",
        "Issue 8's budgets (p50 on one connection):",
        "",
        "| budget | limit | measured | met |",
        "|---|---:|---:|---|",
    ]
    for check in report["budgets"]:
        lines.append(
            f"| {check['budget']} | {check['limit']} {check['unit']} "
            f"| {number(check['value'])} {check['unit']} | {verdict(check['met'])} |"
        )
    flood = report["flood"]
    if flood is None:
        return "\n".join(lines) + "\n"
    lines += [
        "",
        f"Pixel flood ({flood['pixel_connections']} connections requesting the view pixel, "
        f"{number(flood['pixel_rps'], 0)} pixel req/s):",
        "",
        "| frontend article, warm | p50 ms | req/s |",
        "|---|---:|---:|",
        f"| without the flood | {number(flood['p50_ms'][0])} | {number(flood['rps'][0], 0)} |",
        f"| under the flood | {number(flood['p50_ms'][1])} | {number(flood['rps'][1], 0)} |",
        f"| ratio (under / without) | {number(flood['p50_ratio'])} "
        f"| {number(flood['rps_ratio'])} |",
    ]
    return "\n".join(lines) + "\n"


def setup_django():
    """Django on the bench's database with the CMS's settings (also for the sibling scripts
    run alone)."""
    os.environ.update(CMS_ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: `make bench` installs it (apt-get install wrk).")
    run_started = time.monotonic()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    ensure_database()
    setup_django()
    data = prepare_data()
    plan = targets()
    listing_path = next(path for name, _, path in plan if name.startswith("API listing"))
    if ONLY:  # the static file stays: every ratio is to it
        plan = [plan[0], *[row for row in plan[1:] if ONLY in row[0]]]
    static_bytes = write_static_copy(listing_path)
    log(f"static copy of the listing: {static_bytes} bytes")

    servers = start_servers()
    results = []
    try:
        wait_ready(servers["cms"], CMS + "/static/bench/listing.json", "cms")
        wait_ready(servers["cms-cold"], CMS_COLD + "/static/bench/listing.json", "cms-cold")
        wait_ready(servers["cms-render"], CMS_RENDER + "/static/bench/listing.json", "cms-render")
        wait_ready(servers["cold"], BASES["cold"] + "/", "cold")
        wait_ready(servers["warm"], BASES["warm"] + "/", "warm")
        for name, server, path in plan:
            log(f"measuring {name}")
            flood_page = bench_story()[1].pk if name.endswith(UNDER_FLOOD) else None
            results.append(measure(name, server, path, flood_page))
    finally:
        for process in servers.values():
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

    static = results[0]
    for row in results:
        for key in ("p50_ms", "p50_1c_ms"):
            row[key.replace("_ms", "_ratio_to_static")] = (
                round(row[key] / static[key], 2) if static[key] and row[key] is not None else None
            )
        row["rps_ratio_to_static"] = round(static["rps"] / row["rps"], 2) if row["rps"] else None
    report = {
        "meta": {
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "stories": data["stories"],
            "data": data,
            "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, load average "
            + " ".join(f"{x:.1f}" for x in os.getloadavg()),
            "duration": DURATION,
            "runs": RUNS,
            "warmup": WARMUP,
            "connections": CONNECTIONS,
            "threads": THREADS,
            "latency_duration": LATENCY_DURATION,
            "server": "gunicorn 2 workers gthread 4 threads keep-alive 5s",
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


if __name__ == "__main__":
    main()
