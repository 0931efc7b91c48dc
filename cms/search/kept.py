"""A broad word's best candidates, kept between searches and brought up to date after writes.

Every score decays at the same rate, so the order of a word's matches changes only when
rows are written: the best ``keep`` matches, once read (``cms.search.tiers``), stay the
best until then. After writes the kept list catches up from the rows written since its
watermark (``cms.search.freshness``) and from its own rows read again: a row no longer
matching or gone leaves, a changed row enters if it scores at least as well as the list's
last row did, since no row outside the list scored better than that. When too many rows
changed, or the list would shrink below what the request needs, the matches are read again.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache

from cms.search import freshness
from cms.search.conf import settings
from cms.search.rows import COLUMNS, Row, decay, fetch

#: More rows written since than this and the matches are read again instead.
CATCH_UP_LIMIT = 500


@dataclass
class Kept:
    mark: freshness.Watermark
    best: list[Row]
    read: int
    complete: bool  # every match is in ``best``


@dataclass
class Matching:
    """The word's match condition and rank over the search table, and the page types asked for."""

    match: str
    rank: str
    params: list
    rank_params: list
    types: str
    type_params: list


def best_candidates(
    params: list,
    matching: Matching,
    keep: int,
    least: int,
    now: datetime,
    by_date: bool,
    read_all: Callable[[], tuple[list[Row], int]],
) -> tuple[list[Row], int]:
    """The best ``keep`` matches and how many rows were read to find them: kept, caught up
    (at least ``least`` of them), or ``read_all()``."""
    key = "search:kept:" + hashlib.sha256(repr([*params, by_date, keep]).encode()).hexdigest()
    mark = freshness.watermark()
    kept = cache.get(key)
    if kept is not None and kept.mark == mark:
        return kept.best, kept.read
    caught_up = None if kept is None else catch_up(kept, matching, keep, least, now, by_date)
    if caught_up is None:
        best, read = read_all()
        kept = Kept(mark, best, read, len(best) < keep)
    else:
        best, complete = caught_up
        kept = Kept(mark, best, kept.read, complete)
    cache.set(key, kept, settings.SEARCH_ESTIMATE_SECONDS)
    return kept.best, kept.read


def catch_up(
    kept: Kept, matching: Matching, keep: int, least: int, now: datetime, by_date: bool
) -> tuple[list[Row], bool] | None:
    """The kept list brought up to date, and whether it holds every match; ``None`` when
    the matches must be read again."""
    m = matching
    # A row that does not match (or no longer does) reads with rank -1.
    select = (
        f"SELECT {COLUMNS}, CASE WHEN {m.match} THEN {m.rank} ELSE -1 END"  # noqa: S608 - ours
        " FROM cms_search_entry WHERE first_published_at IS NOT NULL"
    )
    flagged = [*m.params, *m.rank_params]
    changed = fetch(
        f"{select} AND written > %s{m.types} ORDER BY written LIMIT %s",
        [*flagged, kept.mark.seen, *m.type_params, CATCH_UP_LIMIT + 1],
    )
    if len(changed) > CATCH_UP_LIMIT:
        return None
    again = fetch(
        f"{select} AND page_id = ANY(%s){m.types}",
        [*flagged, [row.page_id for row in kept.best], *m.type_params],
    )
    fresh = {row.page_id: row for row in [*again, *changed] if row.rank >= 0}
    for row in [*fresh.values(), *kept.best]:
        row.score = row.published.timestamp() if by_date else row.rank * decay(row.published, now)
    if kept.complete:
        best = list(fresh.values())
    else:
        floor = min((row.score, row.page_id) for row in kept.best)
        best = [row for row in fresh.values() if (row.score, row.page_id) >= floor]
        if len(best) < least:
            return None
    best.sort(key=lambda row: (row.score, row.page_id), reverse=True)
    return best[:keep], kept.complete and len(best) <= keep
