"""A search table row as ranking reads it, what a ranking answers, and the facet counts."""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection

from cms.search.conf import settings

COLUMNS = "page_id, first_published_at, section, year, facets"


@dataclass
class Row:
    page_id: int
    published: datetime | None
    section: int | None
    year: int | None
    facets: dict
    rank: float = 0.0
    score: float = 0.0


@dataclass
class Ranking:
    """The best ``needed`` visible matches in order, how many match and what they hold."""

    ids: list[int]
    total: int
    exact: bool
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


def decay(published: datetime | None, now: datetime) -> float:
    if published is None:
        return 0.0
    days = max((now - published).total_seconds(), 0.0) / 86400
    return 0.5 ** (days / settings.SEARCH_HALF_LIFE_DAYS)


def fetch(sql: str, params: list) -> list[Row]:
    """Rows of a query selecting ``COLUMNS`` and a rank."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            Row(
                pk,
                published,
                section,
                year,
                json.loads(facets) if isinstance(facets, str) else facets,
                rank,
            )
            for pk, published, section, year, facets, rank in cursor.fetchall()
        ]


def count_facets(rows: Iterable[Row], scale: float = 1.0) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {"section": {}, "year": {}}
    for row in rows:
        year = row.published.year if row.published else row.year
        values = {"section": [row.section], "year": [year], **(row.facets or {})}
        for name, ids in values.items():
            bucket = counts.setdefault(name, {})
            for value in ids:
                if value is not None:
                    bucket[str(value)] = bucket.get(str(value), 0) + 1
    return scaled(counts, scale)


def scaled(counts: dict[str, dict[str, int]], scale: float) -> dict[str, dict[str, int]]:
    return {
        name: {value: max(1, round(n * scale)) for value, n in bucket.items()}
        for name, bucket in counts.items()
    }


def top(rows: list[Row], needed: int, now: datetime, by_date: bool) -> list[int]:
    """The ids of the best ``needed`` rows: by score (rank × decay), or newest first."""
    for row in rows:
        row.score = row.rank * decay(row.published, now)
    key: Callable[[Row], object] = (
        (lambda r: r.published or now) if by_date else (lambda r: r.score)
    )
    rows.sort(key=lambda r: (key(r), r.page_id), reverse=True)
    return [row.page_id for row in rows[:needed]]
