"""Reading a broad word's matches newest first, source by source, until no older one can win.

A source is a set of matches read in date order with the highest rank any of them can have.
A single word (or words joined by ``|``) splits the matches in two: those with the word in
the title or deck (the ``head`` column, title and deck only), whose rank may reach 1, and
the rest, whose ``ts_rank`` cannot exceed the body's weight (C, 0.2: the rank of one word
is at most the heaviest weight among its positions). The head matches fill the top first,
so the body matches are read only as far back as 0.2 × decay could still beat the top,
often not at all. ``&`` and phrases rank word pairs, which body text alone can lift
towards 1, so they keep one source bounded by 1.
"""

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from cms.search.queries import Clause
from cms.search.rows import Row, decay, fetch

MAX_RANK = 1.0
#: The highest ``ts_rank`` (default weights) of one word found only in body text (weight C).
BODY_RANK = 0.2


@dataclass
class Source:
    """``SELECT`` of matches (``COLUMNS`` and rank) and the highest rank any of them has."""

    sql: str
    params: list
    bound: float = MAX_RANK


@dataclass
class Scanned:
    best: list[Row]  # the best ``keep`` rows read
    read: int
    finished: bool  # every match was read
    first: list[Row] = field(default_factory=list)  # the first batch read


def body_bound(found: list[Clause], operator: str | None) -> float:
    """The highest rank of a match without the words in its head: ``BODY_RANK`` for plain
    words the parser keeps whole (one lexeme each) ranked alone or with ``|``."""
    plain = all(
        len(clause.words) == 1 and not clause.prefix and "_" not in clause.words[0]
        for clause in found
    )
    return BODY_RANK if plain and (len(found) == 1 or operator == "or") else MAX_RANK


def scan(
    sources: list[Source],
    visible: Callable[[list[int]], dict[int, datetime | None]] | None,
    keep: int,
    now: datetime,
    by_date: bool,
    batch_size: int,
) -> Scanned:
    """The best ``keep`` matches (``by_date``: newest): each source is read newest first
    in growing batches and left once even a row of its ``bound`` as old as the last read
    could not enter the top; ``visible`` given, only the rows it answers count."""
    best: list[tuple[float, int, Row]] = []  # a min-heap
    read, finished, first = 0, True, []
    for source in sources:
        batch, last = batch_size, None
        while True:
            newest = last[0] if last else now
            if len(best) >= keep and (by_date or source.bound * decay(newest, now) < best[0][0]):
                finished = False
                break
            after = "" if last is None else " AND (first_published_at, page_id) < (%s, %s)"
            rows = fetch(
                f"{source.sql} AND first_published_at IS NOT NULL{after}"
                " ORDER BY first_published_at DESC, page_id DESC LIMIT %s",
                source.params + ([] if last is None else list(last)) + [batch],
            )
            exhausted = len(rows) < batch
            if rows:
                last = (rows[-1].published, rows[-1].page_id)
            if visible is not None:
                shown = visible([row.page_id for row in rows])
                rows = [row for row in rows if row.page_id in shown]
            read += len(rows)
            first = first or rows
            for row in rows:
                row.score = (
                    row.published.timestamp() if by_date else row.rank * decay(row.published, now)
                )
                entry = (row.score, row.page_id, row)
                if len(best) < keep:
                    heapq.heappush(best, entry)
                elif entry[:2] > best[0][:2]:
                    heapq.heapreplace(best, entry)
            if exhausted:
                break
            batch *= 2
    return Scanned([row for *_, row in best], read, finished, first)
