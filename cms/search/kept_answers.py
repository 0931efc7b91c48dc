"""A few-match word's exact answer (``cms.search.exact``), kept between writes that cannot
change it.

The answer is a function of the word's visible matches. For a public reader the boundary is
in the key: the request's SQL names the hidden subtrees as parameters, read once per
publication or expiry. So only writes to the search table can change a kept answer, and
after writes (``cms.search.freshness``) it stays when every match is still there (a removed
row leaves no row behind, only a moved watermark) and none of the rows written since is a
match or matches the word. Otherwise, or with more than ``CATCH_UP_LIMIT`` rows written
since, it is computed again.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

from cms.search import freshness
from cms.search.conf import settings
from cms.search.exact import Exact
from cms.search.kept import CATCH_UP_LIMIT
from cms.search.rows import Ranking


@dataclass
class KeptAnswer:
    mark: freshness.Watermark  # read before the answer was computed
    answer: Exact


def exact_answer(
    key: list, match: str, match_params: list, compute: Callable[[], Exact]
) -> Ranking:
    """The answer of ``compute()``, kept under ``key`` (which must determine it, given the
    search table); ``match`` is the word's condition on the table's ``config`` and ``vector``."""
    name = "search:exact:" + hashlib.sha256(repr(key).encode()).hexdigest()
    mark = freshness.watermark()
    kept = cache.get(name)
    if kept is not None and (kept.mark == mark or unchanged(kept, match, match_params)):
        if kept.mark != mark:
            cache.set(name, KeptAnswer(mark, kept.answer), settings.SEARCH_ESTIMATE_SECONDS)
        return kept.answer.ranking
    answer = compute()
    cache.set(name, KeptAnswer(mark, answer), settings.SEARCH_ESTIMATE_SECONDS)
    return answer.ranking


def unchanged(kept: KeptAnswer, match: str, match_params: list) -> bool:
    """Whether no row written since ``kept.mark`` (any above what it saw committed) is a match
    or matches, and every match is still in the table (one query)."""
    ids = kept.answer.matches
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH since AS MATERIALIZED ("  # noqa: S608 - ours
            "   SELECT page_id, config, vector FROM cms_search_entry"
            "   WHERE written > %s ORDER BY written LIMIT %s)"
            " SELECT (SELECT count(*) FROM since),"
            f"  EXISTS (SELECT 1 FROM since WHERE page_id = ANY(%s) OR {match}),"
            "  (SELECT count(*) FROM cms_search_entry WHERE page_id = ANY(%s))",
            [kept.mark.seen, CATCH_UP_LIMIT + 1, ids, *match_params, ids],
        )
        written, touched, present = cursor.fetchone()
    return written <= CATCH_UP_LIMIT and not touched and present == len(ids)
