"""One row of the benchmark: wrk under load, then on one connection, optionally while the
view pixel is flooded, with the row's SQL queries; with a paired database, the same row on
both, run for run in turn."""

import contextlib
import re
import signal
import statistics
import subprocess
import time

from bench_config import (
    CONNECTIONS,
    DURATION,
    FLOOD_CONNECTIONS,
    LATENCY_DURATION,
    RUNS,
    THIS,
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


def settle(server, side):
    """Wait until the server has worked off what wrk left queued (a slow row leaves a backlog
    that would otherwise land on the next row): a static file answers fast again."""
    import httpx

    if not server.startswith("cms"):
        return
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        started = time.monotonic()
        httpx.get(side.bases[server] + "/static/bench/listing.json", timeout=180)
        if time.monotonic() - started < 0.2:
            return
    raise SystemExit(f"{server} still busy 180 s after the load stopped")


@contextlib.contextmanager
def pixel_flood(base, page_id, seconds):
    """wrk requesting ``/_hit/<page_id>.gif`` on FLOOD_CONNECTIONS connections meanwhile;
    yields a dict that holds wrk's numbers once the block is done."""
    command = [
        "wrk",
        f"--threads={THREADS}",
        f"--connections={FLOOD_CONNECTIONS}",
        f"--duration={seconds}s",
        "--timeout=10s",
        "--header=User-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
        base + f"/_hit/{page_id}.gif",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    outcome = {}
    try:
        yield outcome
    finally:
        process.send_signal(signal.SIGINT)  # wrk stops and prints what it measured
        output, _ = process.communicate(timeout=30)
        outcome.update(parse_wrk(output or ""))


def measure(name, server, path, flood_page=None, sides=(THIS,)):
    """One row per side (this run's database first); with ``flood_page``, each side measured
    while the view pixel of that page is flooded, one side after the other (two floods at
    once would double the load each row is measured under)."""
    if flood_page is None:
        return measure_rows(name, server, path, sides)
    rows = []
    for side in sides:
        quiet = wait_quiet()  # before the flood, which keeps the machine busy by design
        seconds = WARMUP + RUNS * (DURATION + LATENCY_DURATION) + 60
        with pixel_flood(side.bases[server], flood_page, seconds) as flood:
            row = measure_rows(name, server, path, (side,), flooded=True)[0]
        row["flood"] = flood
        row["quiet"] = [quiet]
        rows.append(row)
    return rows


def in_turn(run: int, count: int) -> list[int]:
    """The sides' order in the ``run``-th run: alternating, so that neither side is always
    measured first (right after a quiet wait) or second (right after the other's load)."""
    order = list(range(count))
    return order if run % 2 == 0 else order[::-1]


def measure_rows(name, server, path, sides, flooded=False):
    import httpx

    urls = [side.bases[server] + path for side in sides]
    quiet = [] if flooded else [wait_quiet()]
    firsts = []
    for url in urls:
        # Generous: a slow request's queue from the previous row may still be draining.
        first = httpx.get(url, timeout=120)
        if first.status_code >= 400:
            raise SystemExit(f"{name}: {url} answered {first.status_code}: {first.text[:300]}")
        firsts.append(counted(url, first))
    for url in urls:
        wrk(url, WARMUP)
    runs = [[] for _ in sides]
    for run in range(RUNS):
        for k in in_turn(run, len(sides)):
            runs[k].append(wrk(urls[k], DURATION))
            settle(server, sides[k])
    if not flooded:
        quiet.append(wait_quiet())
    singles = [[] for _ in sides]
    for run in range(RUNS):
        for k in in_turn(run, len(sides)):
            singles[k].append(wrk(urls[k], LATENCY_DURATION, connections=1, threads=1))
    failed = sum(run["non_2xx_3xx"] for run in [*sum(runs, []), *sum(singles, [])])
    if failed:
        raise SystemExit(f"{name}: {failed} responses were errors under load ({urls})")

    def median(measured, key):
        # A run in which no request completed (a slow request, a short run) has no latency.
        values = [run[key] for run in measured if run[key] is not None and run["requests"]]
        return round(statistics.median(values), 3) if values else None

    sql_queries = (
        count_queries(path, cached=server == "cms", documents=server != "cms-render")
        if server.startswith("cms") and "static" not in path
        else None
    )
    return [
        {
            "name": name,
            "server": server,
            "path": path,
            "status": first.status_code,
            "bytes": len(first.content),
            "cache_control": first.headers.get("cache-control", ""),
            # Counted in this process, on this run's database only.
            "sql_queries": sql_queries if side is THIS else None,
            "rps": round(statistics.median(run["rps"] for run in side_runs), 1),
            "p50_ms": median(side_runs, "p50_ms"),
            "p99_ms": median(side_runs, "p99_ms"),
            "runs": side_runs,
            "singles": side_singles,
            "p50_1c_ms": median(side_singles, "p50_ms"),
            "p99_1c_ms": median(side_singles, "p99_ms"),
            "quiet": quiet,
        }
        for side, first, side_runs, side_singles in zip(sides, firsts, runs, singles, strict=True)
    ]
