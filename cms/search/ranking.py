"""Relevance × recency over every match, from the search table (PostgreSQL).

A page's score is ``ts_rank`` (title A, deck B, body C; at most 1, also for phrases and
``&``) times ``0.5 ** (age / SEARCH_HALF_LIFE_DAYS)``. A word in few pages (the planner's
estimate below ``SEARCH_EXACT_THRESHOLD``) is read through the full-text index: every
match is ranked and counted by the database, which answers the best ones and the counts
(``cms.search.exact``), kept until a write could change them (``cms.search.kept_answers``).
A broad word is read newest first (``cms.search.tiers``), title and deck matches before
body ones, and the reading stops once no older match could enter the top ``needed``: the
top fills from recent stories, so the archive is not ranked row by row. Its total and
facets are then estimates (labelled so in the response), the facets counted over the newest
``SEARCH_FACET_SAMPLE`` matches and kept in the cache like the planner's estimate; the best
candidates are kept too, and brought up to date after writes (``cms.search.kept``).
Candidates pass through ``visible`` (the API's queryset: the public boundary and the
request's filters), which answers their pages' dates.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import datetime

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from cms.search.conf import settings
from cms.search.exact import Exact, rank_exact
from cms.search.kept import Matching, best_candidates
from cms.search.kept_answers import exact_answer
from cms.search.queries import Clause, tsquery_text
from cms.search.rows import COLUMNS, Ranking, Row, count_facets, fetch, scaled, top
from cms.search.tiers import MAX_RANK, Scanned, Source, body_bound, scan

#: Candidates ranked beyond those shown, for pages the boundary hides.
MARGIN = 20


def configs() -> list[str]:
    return sorted({*settings.SEARCH_CONFIGS.values(), "simple"})


def match_sql(text: str, column: str = "vector") -> tuple[str, str, list, list]:
    """(match condition on ``column``, rank expression, their parameters): each row is
    matched and ranked with the query stemmed in its own language's configuration."""
    names = configs()
    match = " OR ".join(
        f"(config = %s AND {column} @@ to_tsquery(%s::regconfig, %s))" for _ in names
    )
    cases = " ".join("WHEN %s THEN to_tsquery(%s::regconfig, %s)" for _ in names)
    params = [value for name in names for value in (name, name, text)]
    return f"({match})", f"ts_rank(vector, CASE config {cases} END)", params, params


def cached(prefix: str, params: list, compute: Callable[[], object]) -> object:
    """``compute()`` kept in the cache for ``SEARCH_ESTIMATE_SECONDS``: a word's frequency and
    spread change slowly and the same searches come back."""
    key = f"search:{prefix}:" + hashlib.sha256(repr(params).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, settings.SEARCH_ESTIMATE_SECONDS)
    return found


def planner_estimate(match: str, params: list) -> int:
    with connection.cursor() as cursor:
        sql = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM cms_search_entry WHERE {match}"  # noqa: S608
        cursor.execute(sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def newest_facets(match: str, params: list) -> tuple[dict[str, dict[str, int]], int]:
    """Facet counts among the newest ``SEARCH_FACET_SAMPLE`` matches, and how many those are."""
    rows = fetch(
        f"SELECT {COLUMNS}, 0 FROM cms_search_entry WHERE {match}"  # noqa: S608 - ours
        " AND first_published_at IS NOT NULL"
        " ORDER BY first_published_at DESC, page_id DESC LIMIT %s",
        [*params, settings.SEARCH_FACET_SAMPLE],
    )
    return count_facets(rows), len(rows)


def rank_postgres(
    found: list[Clause],
    operator: str | None,
    visible: Callable[[list[int]], dict[int, datetime | None]],
    visible_sql: tuple[str, tuple],
    needed: int,
    by_date: bool = False,
    content_types: list[int] | None = None,
    boundary_in_params: bool = False,
) -> Ranking:
    """The top ``needed`` visible matches by score (``by_date``: newest first); ``visible``
    answers which of some pages the request may see (with their dates), ``visible_sql``
    is the same as SQL (``SELECT`` of their ids); ``content_types``: the page types asked for.
    ``boundary_in_params``: ``visible_sql``'s parameters determine which pages it selects
    (given the search table), so a few-match word's answer is kept (``cms.search.kept_answers``)."""
    text = tsquery_text(found, operator)
    match, rank, match_params, rank_params = match_sql(text)
    head, _, head_params, _ = match_sql(text, "head")
    types, type_params = "", []
    if content_types:
        types, type_params = " AND cms_search_entry.content_type_id = ANY(%s)", [content_types]
    now = timezone.now()
    counted = match_params + type_params
    estimated = cached("estimate", counted, lambda: planner_estimate(match + types, counted))
    if estimated <= settings.SEARCH_EXACT_THRESHOLD:
        # Few matches: the boundary in the same query, and the pages' own dates.
        shown_sql, shown_params = visible_sql
        joined = (
            "SELECT page_id, page.first_published_at AS published, section, year, facets,"  # noqa: S608 - ours and Django's
            f" {rank} AS rank FROM cms_search_entry"
            f" JOIN wagtailcore_page page ON page.id = page_id"
            f" WHERE {match}{types} AND page_id IN ({shown_sql})"
        )
        params = rank_params + match_params + type_params + list(shown_params)

        def exact() -> Exact:
            return rank_exact(joined, params, now, needed, by_date)

        if not boundary_in_params:
            return exact().ranking
        key = [joined, params, needed, by_date, settings.SEARCH_HALF_LIFE_DAYS]
        return exact_answer(key, match, match_params, exact)
    select = f"SELECT {COLUMNS}, {rank} FROM cms_search_entry WHERE "  # noqa: S608 - ours
    everything = Source(select + match + types, rank_params + match_params + type_params)
    bound = body_bound(found, operator)
    sources = [everything]
    if bound < MAX_RANK and not by_date:
        sources = [
            Source(select + head + types, rank_params + head_params + type_params),
            Source(
                f"{select}{match} AND NOT {head}{types}",
                rank_params + match_params + head_params + type_params,
                bound,
            ),
        ]
    # Candidates are ranked before the boundary is asked about them (one query, not one
    # per batch); a few more than needed cover pages it hides, else every row is checked.
    # Their order does not change with time (every score decays at the same rate), so they
    # are kept and only the rows written since are read again.
    keep = needed + MARGIN
    best, read = best_candidates(
        counted,
        Matching(match, rank, match_params, rank_params, types, type_params),
        keep,
        needed,
        now,
        by_date,
        lambda: best_rows(scan(sources, None, keep, now, by_date, keep * 2)),
    )
    shown = visible([row.page_id for row in best])
    candidates = [row for row in best if row.page_id in shown]
    if len(candidates) < min(needed, len(best)):
        return checking_each(everything, visible, needed, now, by_date, estimated)
    for row in candidates:
        row.published = shown[row.page_id]
    counts, sampled = cached("facets", counted, lambda: newest_facets(match + types, counted))
    total = max(estimated, read)
    facets = scaled(counts, total / max(sampled, 1))
    return Ranking(top(candidates, needed, now, by_date), total, False, facets)


def best_rows(scanned: Scanned) -> tuple[list[Row], int]:
    return scanned.best, scanned.read


def checking_each(
    source: Source,
    visible: Callable[[list[int]], dict[int, datetime | None]],
    needed: int,
    now: datetime,
    by_date: bool,
    estimated: int,
) -> Ranking:
    """The ranking when the request's filters hide most matches: every batch is checked."""
    batch = max(settings.SEARCH_FACET_SAMPLE, needed * 2)
    scanned = scan([source], visible, needed, now, by_date, batch)
    shown = visible([row.page_id for row in scanned.best])
    for row in scanned.best:
        row.published = shown.get(row.page_id, row.published)
    ids = top(scanned.best, needed, now, by_date)
    sample = scanned.first[: settings.SEARCH_FACET_SAMPLE]
    if scanned.finished:
        return Ranking(ids, scanned.read, True, count_facets(sample))
    total = max(estimated, scanned.read)
    return Ranking(ids, total, False, count_facets(sample, total / max(len(sample), 1)))
