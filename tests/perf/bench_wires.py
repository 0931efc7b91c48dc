"""Wire ingestion speed: NewsML-G2 files parsed and stored per second, in one process.

Used by ``make bench`` (rows of its report, on the bench's PostgreSQL database) and runnable
alone against any database: ``DATABASE_URL=postgres://… python tests/perf/bench_wires.py [N]``.
Each file is one item (an agency's usual case) ingested as in production: parsed, cleaned,
stored with its version, rules matched. The worker's path, the watched folder, reads and
parses a batch of files, then stores their items in one transaction of a constant number of
statements; that row is the issue's budget of 100 items/s per process. A push stores its one
file in a transaction of its own, so its row measures a round trip per file; it is shown for
comparison. The items are removed afterwards.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "wires" / "fixtures" / "newsml" / "efe-idlib-v1.xml"
BUDGET = 100
AGENCY = "bench-wire"


def bench_files(count: int, prefix: str = "BENCH") -> list[bytes]:
    template = FIXTURE.read_bytes()
    return [
        template.replace(b"ES-MOSCU-IDLIB", f"{prefix}-{n:06d}".encode()).replace(
            b"reforzar el di", f"reforzar ({n}) el di".encode()
        )
        for n in range(count)
    ]


def _row(path: str, count: int, seconds: float) -> dict:
    from news.wires.models import WireItem

    stored = WireItem.objects.filter(agency=AGENCY).count()
    WireItem.objects.filter(agency=AGENCY).delete()
    if stored != count:
        raise SystemExit(f"{path}: {stored} of {count} bench items stored")
    rate = count / seconds
    return {
        "path": path,
        "load_average": round(os.getloadavg()[0], 1),
        "items": count,
        "seconds": round(seconds, 2),
        "items_per_s": round(rate, 1),
        "budget": BUDGET,
        "met": rate >= BUDGET,
    }


def measure_ingestion(count: int = 2000) -> list[dict]:
    """Ingest ``count`` generated items through the watched folder (the worker's batches),
    then one file and one transaction each (as pushed)."""
    from news.wires.inbox import scan_inbox
    from news.wires.ingest import ingest_bytes
    from news.wires.models import WireItem
    from news.wires.rules import active_rules

    files = bench_files(count)
    WireItem.objects.filter(agency=AGENCY).delete()
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root) / AGENCY
        folder.mkdir()
        for n, data in enumerate(files):
            (folder / f"bench-{n:06d}.xml").write_bytes(data)
        started = time.perf_counter()
        results = scan_inbox(Path(root))
        seconds = time.perf_counter() - started
    if not all(result.ok for result in results):
        raise SystemExit("the watched folder rejected bench files")
    rows = [
        _row("watched folder (the worker: batches of files, one transaction each)", count, seconds)
    ]

    rules = active_rules()
    started = time.perf_counter()
    for n, data in enumerate(files):
        result = ingest_bytes(data, agency=AGENCY, name=f"bench-{n}.xml", rules=rules)
        if not result.ok:
            raise SystemExit(f"bench item {n} rejected: {result.rejected or result.errors}")
    seconds = time.perf_counter() - started
    rows.append(_row("one file per transaction (a push; for comparison)", count, seconds))
    return rows


def markdown(rows: list[dict]) -> list[str]:
    lines = [
        "",
        "Wire ingestion (NewsML-G2 files of one item, one process):",
        "",
        "| path | items | seconds | items/s | budget | met | load average |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['path']} | {row['items']:,} | {row['seconds']} | {row['items_per_s']:,.1f} "
            f"| ≥ {row['budget']} | {'yes' if row['met'] else 'no'} | {row['load_average']} |"
        )
    return lines


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    result = measure_ingestion(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
    print("\n".join(markdown(result)))
