"""A word in few pages (PostgreSQL): every match ranked and counted, in one query.

The database ranks the matches the request may see (relevance × recency as
``cms.search.rows.decay`` computes it, or newest first) and counts them and their facet values,
and answers only the best ``needed``, the total and the counts: a request carries no row per
match into Python. The database still reads every match (the boundary, the vector for
``ts_rank``), so the cost grows with the matches up to ``SEARCH_EXACT_THRESHOLD``.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from cms.search.conf import settings
from cms.search.rows import Ranking, Row, top

#: What each row of the answer is: one of the best matches, their number, a facet count, or
#: the ids of every match.
BEST, TOTAL, FACET, IDS = 0, 1, 2, 3
#: ``rows.decay`` in SQL (``published`` NULL: no score).
DECAY = (
    "CASE WHEN published IS NULL THEN 0 ELSE power(0.5::float8,"
    " greatest(extract(epoch FROM %s::timestamptz - published)::float8, 0) / 86400 / %s) END"
)
# ``rows.count_facets`` in SQL: the section, the year (of the page's date, else the entry's),
# and each value of each facet the entry lists.
COUNTED = """
    SELECT 'section' AS name, section::text AS value FROM matches
    UNION ALL SELECT 'year', coalesce(extract(year FROM published)::int, year)::text FROM matches
    UNION ALL SELECT facet.key, listed.value FROM matches, jsonb_each(facets) facet,
        jsonb_array_elements_text(
            CASE jsonb_typeof(facet.value) WHEN 'array' THEN facet.value ELSE '[]' END
        ) listed(value)
"""


@dataclass
class Exact:
    """The ranking, and the ids of every match (what ``cms.search.kept_answers`` checks)."""

    ranking: Ranking
    matches: list[int]


def rank_exact(matching: str, params: list, now: datetime, needed: int, by_date: bool) -> Exact:
    """``matching`` selects ``page_id, published, section, year, facets, rank`` of every match
    the request may see."""
    key, key_params = ("coalesce(published, %s)", [now]) if by_date else (
        f"rank * {DECAY}", [now, settings.SEARCH_HALF_LIFE_DAYS]
    )  # fmt: skip
    sql = f"""
        WITH matches AS MATERIALIZED ({matching})
        SELECT {BEST}, page_id, published, rank, NULL, NULL, NULL::bigint[] FROM (
            SELECT page_id, published, rank FROM matches
            ORDER BY {key} DESC, page_id DESC LIMIT %s
        ) best
        UNION ALL SELECT {TOTAL}, count(*), NULL, NULL, NULL, NULL, NULL FROM matches
        UNION ALL SELECT {FACET}, count(*), NULL, NULL, name, value, NULL FROM ({COUNTED}) counted
            WHERE value IS NOT NULL GROUP BY name, value
        UNION ALL SELECT {IDS}, NULL, NULL, NULL, NULL, NULL, array_agg(page_id) FROM matches
    """  # noqa: S608 - ours
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *key_params, needed])
        answered = cursor.fetchall()
    best: list[Row] = []
    total = 0
    facets: dict[str, dict[str, int]] = {"section": {}, "year": {}}
    matches: list[int] = []
    for kind, number, published, rank, name, value, ids in answered:
        if kind == BEST:
            best.append(Row(number, published, None, None, {}, rank))
        elif kind == TOTAL:
            total = number
        elif kind == FACET:
            facets.setdefault(name, {})[value] = number
        else:
            matches = ids or []
    ranking = Ranking(top(best, needed, now, by_date), total, True, ordered(facets))
    return Exact(ranking, matches)


def ordered(facets: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Sections, years, then the other facets by name."""
    first = {name: facets.pop(name) for name in ("section", "year")}
    return {**first, **dict(sorted(facets.items()))}
