"""The benchmark's report: issue 8's budgets, the pixel flood next to the calm row, the run's
time and disk use, and the Markdown table."""

import bench_machine
from bench_config import FLOOD_CONNECTIONS, UNDER_FLOOD

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
        f"wrk {meta['threads']} threads, {meta['connections']} connections, "
        f"{meta['runs']}×{meta['duration']}s after {meta['warmup']}s warm-up, "
        f"then {meta['runs']}×{meta['latency_duration']}s on 1 connection, medians of the runs, "
        f"each part started on a quiet machine · {meta['server']} · PostgreSQL · Redis",
        "",
        *run_summary(meta),
        *([bench_machine.markdown(meta["probe"])] if "probe" in meta else []),
        "",
        f"| request | req/s ({meta['connections']} conn.) | p50 ms | p99 ms | p50 ms, 1 conn. "
        "| p99 ms, 1 conn. | bytes | SQL/request | p50 × static | p50 × static, 1 conn. |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []

    def number(value, digits=2):
        return "–" if value is None else f"{value:,.{digits}f}"

    for row in report["results"]:
        sql = "–" if row["sql_queries"] is None else str(row["sql_queries"])
        errors = "; ".join(
            run["socket_errors"] for run in [*row["runs"], *row["singles"]] if run["socket_errors"]
        )
        if errors:
            notes.append(f"{row['name']}: wrk socket errors ({errors})")
        waits = [wait for wait in row.get("quiet", []) if wait["waited_for"]]
        if waits:
            what = "; ".join(", ".join(wait["waited_for"]) for wait in waits)
            seconds = sum(wait["seconds"] for wait in waits)
            quiet = all(wait["quiet"] for wait in row["quiet"])
            outcome = "waited" if quiet else "**measured on a busy machine** after"
            notes.append(f"{row['name']}: {outcome} {seconds:.0f} s for a quiet machine ({what})")
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
