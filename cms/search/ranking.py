"""Relevance × recency over every match, from the search table (PostgreSQL).

A page's score is ``ts_rank`` (title A, deck B, body C; at most 1, also for phrases and
``&``) times ``0.5 ** (age / SEARCH_HALF_LIFE_DAYS)``. A word in few pages (the planner's
estimate below ``SEARCH_EXACT_THRESHOLD``) is read through the full-text index: every
match is ranked and counted. A broad word is read newest first, in batches, and the
scan stops once even a perfect match as old as the last row read could not enter the
top ``needed``: dense recent matches fill the top quickly, so the archive is not ranked
row by row. Its total and facets are then estimates (labelled so in the response).
Candidates pass through ``visible`` (the API's queryset: the public boundary and the
request's filters) batch by batch, which answers their pages' ``first_published_at``
(the entry's copy orders the scan).
"""

import hashlib
import heapq
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from cms.search.conf import settings
from cms.search.queries import Clause, tsquery_text

MAX_RANK = 1.0
#: Candidates ranked beyond those shown, for pages the boundary hides.
MARGIN = 20
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


def configs() -> list[str]:
    return sorted({*settings.SEARCH_CONFIGS.values(), "simple"})


def match_sql(text: str) -> tuple[str, str, list, list]:
    """(match condition, rank expression, their parameters): each row is matched and ranked
    with the query stemmed in its own language's configuration."""
    names = configs()
    match = " OR ".join("(config = %s AND vector @@ to_tsquery(%s::regconfig, %s))" for _ in names)
    cases = " ".join("WHEN %s THEN to_tsquery(%s::regconfig, %s)" for _ in names)
    params = [value for name in names for value in (name, name, text)]
    return f"({match})", f"ts_rank(vector, CASE config {cases} END)", params, params


def estimate(match: str, params: list) -> int:
    """The planner's estimate of the matches, kept in the cache (``SEARCH_ESTIMATE_SECONDS``):
    a word's frequency changes slowly and the same searches come back."""
    key = "search:estimate:" + hashlib.sha256(repr(params).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = planner_estimate(match, params)
        cache.set(key, found, settings.SEARCH_ESTIMATE_SECONDS)
    return found


def planner_estimate(match: str, params: list) -> int:
    with connection.cursor() as cursor:
        sql = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM cms_search_entry WHERE {match}"  # noqa: S608
        cursor.execute(sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def fetch(sql: str, params: list) -> list[Row]:
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
    return {
        name: {value: max(1, round(n * scale)) for value, n in bucket.items()}
        for name, bucket in counts.items()
    }


def rank_postgres(
    found: list[Clause],
    operator: str | None,
    visible: Callable[[list[int]], dict[int, datetime | None]],
    visible_sql: tuple[str, tuple],
    needed: int,
    by_date: bool = False,
    content_types: list[int] | None = None,
) -> Ranking:
    """The top ``needed`` visible matches by score (``by_date``: newest first); ``visible``
    answers which of some pages the request may see (with their dates), ``visible_sql``
    is the same as SQL (``SELECT`` of their ids); ``content_types``: the page types asked for."""
    match, rank, match_params, rank_params = match_sql(tsquery_text(found, operator))
    if content_types:
        match += " AND cms_search_entry.content_type_id = ANY(%s)"
        match_params = [*match_params, content_types]
    # Our SQL: the query text is a parameter (``match_sql``).
    select = f"SELECT {COLUMNS}, {rank} FROM cms_search_entry WHERE {match}"  # noqa: S608
    params = rank_params + match_params
    now = timezone.now()
    estimated = estimate(match, match_params)
    if estimated <= settings.SEARCH_EXACT_THRESHOLD:
        # Few matches: the boundary in the same query, and the pages' own dates.
        shown_sql, shown_params = visible_sql
        columns = COLUMNS.replace("first_published_at", "page.first_published_at")
        joined = (
            f"SELECT {columns}, {rank} FROM cms_search_entry"  # noqa: S608 - ours and Django's
            f" JOIN wagtailcore_page page ON page.id = page_id"
            f" WHERE {match} AND page_id IN ({shown_sql})"
        )
        rows = fetch(joined, rank_params + match_params + list(shown_params))
        return Ranking(top(rows, needed, now, by_date), len(rows), True, count_facets(rows))
    # Candidates are ranked before the boundary is asked about them (one query, not one
    # per batch); a few more than needed cover pages it hides, or every row is checked.
    for margin in (MARGIN, None):
        ranking = scan(select, params, visible, needed, margin, now, by_date, estimated)
        if ranking is not None:
            return ranking
    raise AssertionError("a scan checking every row always answers")


def top(rows: list[Row], needed: int, now: datetime, by_date: bool) -> list[int]:
    for row in rows:
        row.score = row.rank * decay(row.published, now)
    key: Callable[[Row], object] = (
        (lambda r: r.published or now) if by_date else (lambda r: r.score)
    )
    rows.sort(key=lambda r: (key(r), r.page_id), reverse=True)
    return [row.page_id for row in rows[:needed]]


def scan(
    select: str,
    params: list,
    visible: Callable[[list[int]], dict[int, datetime | None]],
    needed: int,
    margin: int | None,
    now: datetime,
    by_date: bool,
    estimated: int,
) -> Ranking | None:
    """Matches newest first until no older one can enter the top; None when fewer than
    ``needed`` of the ``needed + margin`` best candidates are visible."""
    keep = needed + (margin or 0)
    best: list[tuple[float, int, Row]] = []  # a min-heap of the best ``keep``
    sample: list[Row] = []
    batch, last, read = max(settings.SEARCH_FACET_SAMPLE, keep * 2), None, 0
    while True:
        after = "" if last is None else " AND (first_published_at, page_id) < (%s, %s)"
        rows = fetch(
            f"{select} AND first_published_at IS NOT NULL{after}"
            " ORDER BY first_published_at DESC, page_id DESC LIMIT %s",
            params + ([] if last is None else list(last)) + [batch],
        )
        if margin is None:
            shown = visible([row.page_id for row in rows])
            rows = [row for row in rows if row.page_id in shown]
        read += len(rows)
        if not sample:
            sample = rows[: settings.SEARCH_FACET_SAMPLE]
        for row in rows:
            row.score = (
                row.published.timestamp() if by_date else row.rank * decay(row.published, now)
            )
            entry = (row.score, row.page_id, row)
            if len(best) < keep:
                heapq.heappush(best, entry)
            elif entry[:2] > best[0][:2]:
                heapq.heapreplace(best, entry)
        finished = len(rows) < batch if margin is not None else not rows
        if finished:
            break
        last = (rows[-1].published, rows[-1].page_id)
        if len(best) >= keep and (by_date or decay(last[0], now) * MAX_RANK < best[0][0]):
            break
        batch *= 2
    candidates = [row for *_, row in best]
    shown = visible([row.page_id for row in candidates])
    candidates = [row for row in candidates if row.page_id in shown]
    if len(candidates) < min(needed, len(best)) and margin is not None:
        return None
    for row in candidates:
        row.published = shown[row.page_id]
    ids = top(candidates, needed, now, by_date)
    if finished and margin is None:
        return Ranking(ids, read, True, count_facets(sample))
    total = max(estimated, read)
    return Ranking(ids, total, False, count_facets(sample, total / max(len(sample), 1)))
