"""The frontend's Prometheus metrics (``/metrics``, ``frontend.routes.health``).

Counted in this process: run one uvicorn worker per process manager entry (the Procfile
does), or scrape each process. Names are documented in docs/deployment.md.
"""

from prometheus_client import Counter

CACHE = Counter(
    "frontend_cache",
    "API answers the frontend needed: fresh from its cache (hit) or asked of the CMS "
    "(miss); stale counts the misses the CMS failed that a stale copy answered.",
    ["result"],
)
VIEW_HITS = Counter(
    "frontend_view_hits",
    "Page views from the pixel: passed on to the CMS (accepted) or lost (dropped).",
    ["outcome"],
)
