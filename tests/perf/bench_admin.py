"""Admin pages at the benchmark's size: server time per request, signed in.

Each page is requested in this process through Django's test client (no network, no
browser: the time the server spends, which is what an editor waits for before the page
starts to draw), after two warm-up requests, by a superuser, who sees every row and every
action. The rows are the editors' desk (issue budget: 500 ms each at 100 000 stories).
``make bench`` runs it after the public reads; ``python tests/perf/bench_admin.py`` alone
measures the database ``bench.py`` prepared.
"""

import os
import statistics
import time

REQUESTS = int(os.environ.get("BENCH_ADMIN_REQUESTS", "20"))
BUDGET_MS = 500
ARTICLE_FILTERS = [
    ("all", {}),
    ("live", {"status": "live"}),
    ("changed", {"status": "changed"}),
    ("draft", {"status": "draft"}),
    ("scheduled", {"status": "scheduled"}),
    ("in moderation", {"status": "in_moderation"}),
    ("expired", {"status": "expired"}),
    ("search", {"q": "oil"}),
    ("by go-live", {"ordering": "go_live_at"}),
]


def targets(section, story) -> list[tuple[str, str, dict]]:
    """(row name, path, query) of every admin page the desk's budget names."""
    from django.urls import reverse

    listing = "/admin/articles/"
    articles = [(f"Articles listing ({name})", listing, q) for name, q in ARTICLE_FILTERS]
    articles.append(("Articles listing (section)", listing, {"section": section.pk}))
    chooser = reverse("wagtailadmin_choose_page_child", args=[section.pk])
    return [
        *articles,
        ("story editor", reverse("wagtailadmin_pages:edit", args=[story.pk]), {}),
        ("page chooser (section)", chooser, {}),
        ("image chooser", reverse("wagtailimages_chooser:choose"), {}),
        ("dashboard", reverse("wagtailadmin_home"), {}),
        ("Upcoming publications", reverse("upcoming_publications"), {}),
        ("Link health", reverse("directory_link_health"), {}),
    ]


def measure(client, name: str, path: str, query: dict) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(path, query, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{name}: {path} answered {response.status_code}")
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(path, query, secure=True)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(path, query, secure=True)
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return {
        "name": name,
        "path": path,
        "query": query,
        "sql_queries": len(captured),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "within_budget": p95 <= BUDGET_MS,
    }


def measure_admin(section, story) -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return [measure(client, name, path, query) for name, path, query in targets(section, story)]


def markdown(rows: list[dict]) -> list[str]:
    lines = [
        "",
        f"## Admin pages (signed in, server time, {REQUESTS} requests each, budget {BUDGET_MS} ms)",
        "",
        "| page | p50 ms | p95 ms | SQL queries | within budget |",
        "|---|---:|---:|---:|---|",
    ]
    for row in rows:
        met = "yes" if row["within_budget"] else "**no**"
        lines.append(
            f"| {row['name']} | {row['p50_ms']} | {row['p95_ms']} | {row['sql_queries']} | {met} |"
        )
    return lines


if __name__ == "__main__":
    from bench_config import setup_django
    from bench_reads import bench_story

    setup_django()
    print("\n".join(markdown(measure_admin(*bench_story()))))
