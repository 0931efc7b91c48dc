"""One row of the benchmark: wrk under load, then on one connection, optionally while the
view pixel is flooded, with the row's SQL queries."""

import contextlib
import re
import signal
import statistics
import subprocess
import time

from bench_config import (
    BASES,
    CONNECTIONS,
    DURATION,
    FLOOD_CONNECTIONS,
    LATENCY_DURATION,
    RUNS,
    THREADS,
    WARMUP,
)
from bench_quiet import wait_quiet
from bench_reads import count_queries

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


def counted(url, response):
    """The answer once its ``total_count`` is exact: a large listing's first reader gets an
    estimate and queues its count for the worker, as in production, and an estimate is not
    kept by the response cache, so measuring before the worker has counted would measure
    the estimate's path."""
    import httpx

    deadline = time.monotonic() + 300
    while is_estimate(response):
        if time.monotonic() > deadline:
            raise SystemExit(f"{url}: the worker did not count the listing within 300 s")
        time.sleep(0.2)  # polling an observable state (the answer's meta), with a deadline
        response = httpx.get(url, timeout=120)
    return response


def is_estimate(response):
    """An API listing's estimated count (not the static copy of one, nor a broad search's
    total, which stays an estimate by design)."""
    url = str(response.url)
    if "/api/" not in url or "search=" in url:
        return False
    meta = response.json().get("meta")
    return isinstance(meta, dict) and meta.get("total_count_exact") is False


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
    quiet = wait_quiet()  # before the flood, which keeps the machine busy by design
    seconds = WARMUP + RUNS * (DURATION + LATENCY_DURATION) + 60
    with pixel_flood(server, flood_page, seconds) as flood:
        row = measure_row(name, server, path, flooded=True)
    row["flood"] = flood
    row["quiet"] = [quiet]
    return row


def measure_row(name, server, path, flooded=False):
    import httpx

    url = BASES[server] + path
    quiet = [] if flooded else [wait_quiet()]
    # Generous: a slow request's queue from the previous row may still be draining.
    first = httpx.get(url, timeout=120)
    if first.status_code >= 400:
        raise SystemExit(f"{name}: {url} answered {first.status_code}: {first.text[:300]}")
    first = counted(url, first)
    wrk(url, WARMUP)
    runs = [wrk(url, DURATION) for _ in range(RUNS)]
    settle(server)
    if not flooded:
        quiet.append(wait_quiet())
    singles = [wrk(url, LATENCY_DURATION, connections=1, threads=1) for _ in range(RUNS)]
    failed = sum(run["non_2xx_3xx"] for run in [*runs, *singles])
    if failed:
        raise SystemExit(f"{name}: {failed} responses were errors under load ({url})")

    def median(measured, key):
        # A run in which no request completed (a slow request, a short run) has no latency.
        values = [run[key] for run in measured if run[key] is not None and run["requests"]]
        return round(statistics.median(values), 3) if values else None

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
        "rps": round(statistics.median(run["rps"] for run in runs), 1),
        "p50_ms": median(runs, "p50_ms"),
        "p99_ms": median(runs, "p99_ms"),
        "runs": runs,
        "singles": singles,
        "p50_1c_ms": median(singles, "p50_ms"),
        "p99_1c_ms": median(singles, "p99_ms"),
        "quiet": quiet,
    }
