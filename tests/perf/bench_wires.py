"""Wire ingestion speed: NewsML-G2 files parsed and stored per second, in one process.

Used by ``make bench`` (a row of its report, on the bench's PostgreSQL database) and runnable
alone against any database: ``DATABASE_URL=postgres://… python tests/perf/bench_wires.py [N]``.
Each file is one item (the watched folder's usual case) ingested as in production: parsed,
cleaned, stored with its version in its own transaction, rules matched. The items are
removed afterwards. The issue's budget is 100 items/s per process.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "wires" / "fixtures" / "newsml" / "efe-idlib-v1.xml"
BUDGET = 100
AGENCY = "bench-wire"


def measure_ingestion(count: int = 2000) -> dict:
    """Ingest ``count`` generated items: items, seconds, items_per_s, budget, met."""
    from news.wires.ingest import ingest_bytes
    from news.wires.models import WireItem
    from news.wires.rules import active_rules

    template = FIXTURE.read_bytes()
    files = [
        template.replace(b"ES-MOSCU-IDLIB", f"BENCH-{n:06d}".encode()).replace(
            b"reforzar el di", f"reforzar ({n}) el di".encode()
        )
        for n in range(count)
    ]
    WireItem.objects.filter(agency=AGENCY).delete()
    rules = active_rules()
    started = time.perf_counter()
    for n, data in enumerate(files):
        result = ingest_bytes(data, agency=AGENCY, name=f"bench-{n}.xml", rules=rules)
        if not result.ok:
            raise SystemExit(f"bench item {n} rejected: {result.rejected or result.errors}")
    seconds = time.perf_counter() - started
    stored = WireItem.objects.filter(agency=AGENCY).count()
    WireItem.objects.filter(agency=AGENCY).delete()
    if stored != count:
        raise SystemExit(f"{stored} of {count} bench items stored")
    rate = count / seconds
    return {
        "load_average": round(os.getloadavg()[0], 1),
        "items": count,
        "seconds": round(seconds, 2),
        "items_per_s": round(rate, 1),
        "budget": BUDGET,
        "met": rate >= BUDGET,
    }


def markdown(row: dict) -> list[str]:
    return [
        "",
        "Wire ingestion (NewsML-G2, one item per file, one process, its own transaction; "
        f"load average {row['load_average']} when it finished):",
        "",
        "| items | seconds | items/s | budget | met |",
        "|---:|---:|---:|---:|---|",
        f"| {row['items']:,} | {row['seconds']} | {row['items_per_s']:,.1f} "
        f"| ≥ {row['budget']} | {'yes' if row['met'] else 'no'} |",
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    result = measure_ingestion(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
    print("\n".join(markdown(result)))
