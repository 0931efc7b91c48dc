"""Every read of one ``make bench`` report next to a baseline report (another archive size).

Run by ``bench.py`` when ``BENCH_BASELINE`` names a baseline's ``report.json``, or on its own:
``python tests/perf/regression.py BASELINE/report.json report.json`` prints the table.
A row is a regression when its single-connection p50 or p99 grows, or its throughput
shrinks, by more than ``LIMIT`` times the baseline's. The limit is for public reads; the
signed-in admin pages are listed beside them, not held to it.

When the report holds a paired database's rows (``BENCH_PAIRED_DB``: the baseline's database
served beside this one and measured in the same minutes, run for run in turn), those are the
HTTP rows' baseline; the parts timed in process still come from the baseline report.
"""

import json
import sys
from pathlib import Path

#: How much slower than the baseline a read may be (1 M stories against 100 000).
LIMIT = 1.2
#: Parts of a report timed in process (p50 and p95), the prefix of their rows' names and
#: whether they are public reads.
SERVER_TIMED = (("admin", "admin: ", False), ("search_after_writes", "", True))


def ratio(value: float | None, baseline: float | None) -> float | None:
    return round(value / baseline, 2) if value and baseline else None


def compare(baseline: dict, report: dict) -> list[dict]:
    """One row per request, admin page and search after a publication measured in both
    reports, in the report's order."""
    paired = report.get("paired")
    before = {row["name"]: row for row in (paired or baseline)["results"]}
    rows = []
    for row in report["results"]:
        old = before.get(row["name"])
        if old is None:
            continue
        factors = {
            "p50_1c": ratio(row["p50_1c_ms"], old["p50_1c_ms"]),
            "p99_1c": ratio(row["p99_1c_ms"], old["p99_1c_ms"]),
            "rps": ratio(old["rps"], row["rps"]),  # slowdown: baseline req/s over this one's
        }
        rows.append(entry(row["name"], old, row, factors, ("p50_1c_ms", "p99_1c_ms", "rps")))
    for part, prefix, public in SERVER_TIMED:
        part_before = {row["name"]: row for row in baseline.get(part, [])}
        for row in report.get(part, []):
            old = part_before.get(row["name"])
            if old is not None:
                factors = {
                    "p50": ratio(row["p50_ms"], old["p50_ms"]),
                    "p95": ratio(row["p95_ms"], old["p95_ms"]),
                }
                keys = ("p50_ms", "p95_ms")
                name = f"{prefix}{row['name']}"
                rows.append(entry(name, old, row, factors, keys, public))
    return rows


def entry(
    name: str, old: dict, new: dict, factors: dict, keys: tuple[str, ...], public: bool = True
) -> dict:
    worst = max((factor for factor in factors.values() if factor is not None), default=None)
    return {
        "name": name,
        "public": public,
        "baseline": {key: old[key] for key in keys},
        "measured": {key: new[key] for key in keys},
        "factors": factors,
        "worst": worst,
        "within_limit": worst is not None and worst <= LIMIT,
    }


def markdown(baseline: dict, report: dict, rows: list[dict]) -> list[str]:
    def figures(values: dict) -> str:
        return " / ".join("–" if value is None else f"{value:,.1f}" for value in values.values())

    paired = report.get("paired")
    against = (paired or baseline["meta"])["stories"]
    sizes = f"{report['meta']['stories']:,} against {against:,} stories"
    public = [row for row in rows if row["public"]]
    within = sum(row["within_limit"] for row in public)
    lines = [
        "",
        f"## Regression rows ({sizes}, limit {LIMIT}×)",
        "",
        f"Public reads within the limit: **{within} of {len(public)}**. The signed-in admin"
        " pages are listed, not held to it.",
        "",
        "API and frontend: p50 / p99 ms on one connection / req/s under load"
        + (
            f", both databases ({paired['database']} the baseline) served side by side and"
            " measured in the same minutes, run for run in turn"
            if paired
            else ""
        )
        + "; admin and search after a publication: p50 / p95 ms, from the baseline report."
        " Factor: the worst of measured ÷ baseline (req/s: baseline ÷ measured).",
        "",
        "| read | baseline | measured | worst factor | within limit |",
        "|---|---:|---:|---:|---|",
    ]
    for row in rows:
        worst = "–" if row["worst"] is None else f"{row['worst']:.2f}"
        met = "yes" if row["within_limit"] else "**no**" if row["public"] else "no (admin)"
        lines.append(
            f"| {row['name']} | {figures(row['baseline'])} | {figures(row['measured'])} "
            f"| {worst} | {met} |"
        )
    return lines


def main(baseline_path: str, report_path: str) -> None:
    baseline = json.loads(Path(baseline_path).read_text())
    report = json.loads(Path(report_path).read_text())
    print("\n".join(markdown(baseline, report, compare(baseline, report))))


if __name__ == "__main__":
    main(*sys.argv[1:3])
