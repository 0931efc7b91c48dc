"""Reads right after a publication: the first search of a word, and the first listing, once
the archive changed.

A newsroom publishes every few minutes and each publication rewrites a search entry and
drops the cached answers and listing counts, so many of the reads between two publications
are first ones after a write. Each round publishes one recent story again (a revision, as an
editor's second publish) and then requests each read once, through Django's test client in
this process: server time with production settings, the response cache on and dropped by the
publication, as readers meet it. The searches have the issue's budgets for one connection
(broad p95 100 ms, rare p95 30 ms); the listings have none.
``make bench`` runs it after the public reads; ``python tests/perf/bench_search_writes.py``
alone measures the database ``bench.py`` prepared.
"""

import os
import statistics
import time

ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "20"))
BUDGETS_MS = {"broad": 100, "rare": 30}


def search_path(term: str) -> str:
    return f"/api/v2/pages/?type=news.ArticlePage&search={term}&limit=20"


def measure_after_writes(
    broad: str, rare: str, listings: dict[str, str] | None = None
) -> list[dict]:
    """One row per read: p50 and p95 of its first request after each of ``ROUNDS``
    publications, and that request's SQL queries. ``listings``: ``{row name: path}``."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from news.models import ArticlePage

    client = Client(HTTP_HOST="127.0.0.1")
    reads = {
        f"API search, broad term ({broad})": (search_path(broad), BUDGETS_MS["broad"]),
        f"API search, rare term ({rare})": (search_path(rare), BUDGETS_MS["rare"]),
        **{name: (path, None) for name, path in (listings or {}).items()},
    }
    stories = list(ArticlePage.objects.live().order_by("-first_published_at")[:ROUNDS])
    times: dict[str, list[float]] = {name: [] for name in reads}
    queries: dict[str, int] = {}
    estimates: dict[str, int] = dict.fromkeys(reads, 0)
    for path, _ in reads.values():  # each read's first request, before the rounds
        expect_ok(client.get(path), path)
    for story in stories:
        story.save_revision().publish()
        for name, (path, _) in reads.items():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(path)
                times[name].append((time.perf_counter() - started) * 1000)
            expect_ok(response, path)
            queries[name] = len(captured)
            estimates[name] += response.json()["meta"].get("total_count_exact") is False
    return [
        row(name, budget, times[name], queries[name], estimates[name])
        for name, (_, budget) in reads.items()
    ]


def expect_ok(response, path: str) -> None:
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")


def row(name: str, budget: int | None, times: list[float], queries: int, estimates: int) -> dict:
    """``estimates``: how many of the answers gave an estimated ``total_count``."""
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return {
        "name": f"{name}, first after a publication",
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "sql_queries": queries,
        "estimated_counts": f"{estimates}/{len(times)}",
        "budget_ms": budget,
        "within_budget": None if budget is None else p95 <= budget,
    }


def markdown(rows: list[dict]) -> list[str]:
    if not rows:
        return []
    lines = [
        "",
        f"## Reads after a publication (server time, {ROUNDS} publications, p95 budgets)",
        "",
        "| read | p50 ms | p95 ms | SQL queries | estimated total | budget ms | within budget |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        met = {True: "yes", False: "**no**", None: "–"}[r["within_budget"]]
        budget = "–" if r["budget_ms"] is None else r["budget_ms"]
        lines.append(
            f"| {r['name']} | {r['p50_ms']} | {r['p95_ms']} | {r['sql_queries']} "
            f"| {r['estimated_counts']} | {budget} | {met} |"
        )
    return lines


if __name__ == "__main__":
    from bench_config import setup_django
    from bench_reads import bench_story, listings, search_terms

    setup_django()
    first_listings = listings(bench_story()[0])
    print("\n".join(markdown(measure_after_writes(*search_terms(), first_listings))))
