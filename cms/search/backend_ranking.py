"""Relevance × recency through Wagtail's own database backend (SQLite's FTS5 and others).

The backend finds the matches; they are scored here from their entries' texts like
PostgreSQL's ``ts_rank`` scores them (an occurrence in the title weighs 1, in a boosted
field such as a deck 0.4, elsewhere 0.2; more occurrences count less and less; words
side by side in the query's order count twice), times the same recency decay. Count
and facets are exact: this serves small sites and tests, where every match is read.
Words are compared unstemmed here (the backend matched them stemmed), and a prefix
(``cent*``) matches the whole word only.
"""

import re
from collections.abc import Callable

from django.db.models import F, QuerySet
from django.utils import timezone
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, Phrase, PlainText

from cms.search.models import SearchEntry
from cms.search.queries import Clause
from cms.search.rows import Ranking, Row, count_facets, decay

WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2}
UNSTEMMED = 0.05  # a match the backend found by a stem these plain words miss


def backend_query(found: list[Clause], operator: str | None):
    parts = [
        Phrase(" ".join(clause.words)) if len(clause.words) > 1 else PlainText(clause.words[0])
        for clause in found
    ]
    if len(parts) == 1:
        return parts[0]
    return Or(parts) if operator == "or" else And(parts)


def occurrences(tokens: list[str], clause: Clause) -> int:
    words = [word.lower() for word in clause.words]
    size = len(words)
    count = 0
    for start in range(len(tokens) - size + 1):
        window = tokens[start : start + size]
        head, last = window[:-1], window[-1]
        if head == words[:-1] and (
            last.startswith(words[-1]) if clause.prefix else last == words[-1]
        ):
            count += 1
    return count


def relevance(texts: dict[str, str], found: list[Clause]) -> float:
    tokens = {weight: re.findall(r"\w+", text.lower()) for weight, text in texts.items()}
    scores = []
    for clause in found:
        score = sum(
            WEIGHTS.get(weight, 0.2) * (1 - 0.5 ** occurrences(words, clause))
            for weight, words in tokens.items()
        )
        scores.append(min(score, 1.0))
    total = sum(scores) / len(scores) if scores else 0.0
    if len(found) > 1 and all(len(clause.words) == 1 for clause in found):
        phrase = Clause(tuple(word for clause in found for word in clause.words))
        if any(occurrences(words, phrase) for words in tokens.values()):
            total *= 2
    return max(total, UNSTEMMED)


def rank_backend(
    found: list[Clause],
    operator: str | None,
    queryset: QuerySet,
    needed: int,
    by_date: bool = False,
) -> Ranking:
    results = get_search_backend().search(
        backend_query(found, operator), queryset.order_by(), order_by_relevance=False
    )
    matches = SearchEntry.objects.filter(page_id__in=results.get_queryset().values("pk"))
    now = timezone.now()
    rows = []
    for entry in matches.annotate(published=F("page__first_published_at")):
        row = Row(entry.page_id, entry.published, entry.section, entry.year, entry.facets)
        row.score = relevance(entry.texts, found) * decay(row.published, now)
        rows.append(row)
    key: Callable[[Row], object] = (
        (lambda r: r.published or now) if by_date else (lambda r: r.score)
    )
    rows.sort(key=lambda r: (key(r), r.page_id), reverse=True)
    return Ranking([row.page_id for row in rows[:needed]], len(rows), True, count_facets(rows))
