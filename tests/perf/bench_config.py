"""The benchmark's settings (``BENCH_*`` environment variables), the servers' ports and the
CMS's environment, shared by ``bench.py`` and its sibling scripts."""

import os
import secrets
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

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
# How long a row waits for a quiet machine before it is measured anyway (and marked so).
QUIET_SECONDS = int(os.environ.get("BENCH_QUIET_SECONDS", "600"))
OUT_DIR = Path(os.environ.get("BENCH_OUT", ROOT / "var" / "bench"))
BASELINE = os.environ.get("BENCH_BASELINE")  # another run's report.json, for regression rows
ONLY = os.environ.get("BENCH_ONLY", "")  # measure only the rows whose name contains this
START_TIMEOUT = 90


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: The servers under test (``bench_servers.py``): the CMS cached, uncached and rendered
#: without stored documents, and the frontend cold and warm.
SERVERS = ("cms", "cms-cold", "cms-render", "cold", "warm")


def cms_env(db_name: str, var_dir: Path) -> dict[str, str]:
    """The CMS's environment: production settings, a database, Redis and a generated secret."""
    return {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(32),
        "DATABASE_URL": f"{PG_URL}/{db_name}",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"herald-bench-{db_name}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "VAR_DIR": str(var_dir),
        # Fixed, not this run's ports: they are written into every stored API document (their
        # version), so a database prepared by an earlier run (or by `make run`'s defaults)
        # keeps its documents. Nothing here follows these URLs.
        "WAGTAILAPI_BASE_URL": "http://127.0.0.1:8000",
        "FRONTEND_URL": "http://127.0.0.1:3000",
        "FRONTEND_PURGE_SECRET": "bench-purge-" + secrets.token_urlsafe(16),
        "LOG_LEVEL": "WARNING",
    }


@dataclass(frozen=True)
class Side:
    """One database under test and its servers: this run's, or the paired one."""

    label: str  # "" for this run's database; a suffix of the paired side's log files
    db_name: str
    env: dict[str, str]
    ports: dict[str, int]

    @property
    def bases(self) -> dict[str, str]:
        return {name: f"http://127.0.0.1:{port}" for name, port in self.ports.items()}


# With ``BENCH_PAIRED_DB``, that database (another archive size, prepared by its own run, whose
# report is ``BENCH_BASELINE``) is served beside this one and measured row by row, run for run
# in turn, so both sizes' figures come from the same minutes (bench_wrk.measure).
PAIRED_DB = os.environ.get("BENCH_PAIRED_DB", "")

THIS = Side("", DB_NAME, cms_env(DB_NAME, OUT_DIR / "var"), {n: free_port() for n in SERVERS})
PAIRED = (
    Side(
        "paired",
        PAIRED_DB,
        # Its own run's files (media, the static copy of its listing).
        cms_env(PAIRED_DB, Path(BASELINE).parent / "var" if BASELINE else OUT_DIR / "var"),
        {n: free_port() for n in SERVERS},
    )
    if PAIRED_DB
    else None
)
CMS_ENV = THIS.env
BASES = THIS.bases


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def setup_django():
    """Django on the bench's database with the CMS's settings (also for the sibling scripts
    run alone)."""
    os.environ.update(CMS_ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
