"""Search right after a publication: the first search of a word once the archive changed.

A newsroom publishes every few minutes and each publication rewrites a search entry, so the
searches readers make between two publications are mostly first ones after a write. Each
round publishes one recent story again (a revision, as an editor's second publish) and then
requests each term once, through Django's test client in this process: server time with
production settings, the response cache on and dropped by the publication, as readers meet
it. The budgets are the issue's for one connection (broad p95 100 ms, rare p95 30 ms).
``make bench`` runs it after the public reads; ``python tests/perf/bench_search_writes.py``
alone measures the database ``bench.py`` prepared.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "20"))
BUDGETS_MS = {"broad": 100, "rare": 30}


def search_path(term: str) -> str:
    return f"/api/v2/pages/?type=news.ArticlePage&search={term}&limit=20"


def measure_after_writes(broad: str, rare: str) -> list[dict]:
    """One row per term: p50 and p95 of its first search after each of ``ROUNDS``
    publications, and that search's SQL queries."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from news.models import ArticlePage

    client = Client(HTTP_HOST="127.0.0.1")
    terms = {"broad": broad, "rare": rare}
    stories = list(ArticlePage.objects.live().order_by("-first_published_at")[:ROUNDS])
    times: dict[str, list[float]] = {kind: [] for kind in terms}
    queries: dict[str, int] = {}
    for term in terms.values():  # each word's first reading, before the rounds
        expect_ok(client.get(search_path(term)), term)
    for story in stories:
        story.save_revision().publish()
        for kind, term in terms.items():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(search_path(term))
                times[kind].append((time.perf_counter() - started) * 1000)
            expect_ok(response, term)
            queries[kind] = len(captured)
    return [row(kind, terms[kind], times[kind], queries[kind]) for kind in terms]


def expect_ok(response, term: str) -> None:
    if response.status_code != 200:
        raise SystemExit(f"search for {term!r} answered {response.status_code}")


def row(kind: str, term: str, times: list[float], queries: int) -> dict:
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return {
        "name": f"API search, {kind} term ({term}), first after a publication",
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "sql_queries": queries,
        "budget_ms": BUDGETS_MS[kind],
        "within_budget": p95 <= BUDGETS_MS[kind],
    }


def markdown(rows: list[dict]) -> list[str]:
    if not rows:
        return []
    lines = [
        "",
        f"## Search after a publication (server time, {ROUNDS} publications, p95 budgets)",
        "",
        "| read | p50 ms | p95 ms | SQL queries | budget ms | within budget |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        met = "yes" if r["within_budget"] else "**no**"
        lines.append(
            f"| {r['name']} | {r['p50_ms']} | {r['p95_ms']} | {r['sql_queries']} "
            f"| {r['budget_ms']} | {met} |"
        )
    return lines


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import tests.perf.bench as bench

    bench.setup_django()
    print("\n".join(markdown(measure_after_writes(*bench.search_terms()))))
