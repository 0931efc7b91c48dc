"""Highlights of a search's matches: the title and a passage of the deck and body, as
escaped HTML in which ``<mark>`` is the only markup. Computed for the answer's page of
results only (one query on PostgreSQL) and never stored.

PostgreSQL marks what ``ts_headline`` finds with the query stemmed in the page's own
configuration; elsewhere the stored texts are read here word by word (the database
backend stems nothing), prefixes matching the words they begin and phrases only the words
side by side.
"""

import re

from django.db import connection

from cms.search.headlines import headlines
from cms.search.markup import START, STOP, as_html
from cms.search.models import SearchEntry
from cms.search.queries import Clause

#: About the passage's length in characters (``ts_headline`` counts words: ``headlines``).
PASSAGE_CHARS, LEAD_CHARS = 230, 60


def highlights(found: list[Clause], operator: str | None, page_ids: list[int]) -> dict:
    """``{page id: {"title": html, "snippet": html}}`` of these pages' search entries."""
    if not page_ids or not found:
        return {}
    if connection.vendor == "postgresql":
        return headlines(found, operator, page_ids)
    entries = SearchEntry.objects.filter(page_id__in=page_ids).values_list("page_id", "texts")
    return {page_id: marked_texts(texts, found) for page_id, texts in entries}


def spans(text: str, found: list[Clause]) -> list[tuple[int, int]]:
    """Where the clauses match in ``text``: each word of a match, in order."""
    tokens = [(m.start(), m.end(), m.group().lower()) for m in re.finditer(r"\w+", text)]
    marked: set[tuple[int, int]] = set()
    for clause in found:
        words = [word.lower() for word in clause.words]
        size = len(words)
        for start in range(len(tokens) - size + 1):
            window = tokens[start : start + size]
            if all(
                same_word(token, word, clause.prefix and i == size - 1)
                for i, ((_, _, token), word) in enumerate(zip(window, words, strict=True))
            ):
                marked.update((begin, end) for begin, end, _ in window)
    return sorted(marked)


def same_word(token: str, word: str, prefix: bool) -> bool:
    return token.startswith(word) if prefix else token == word


def with_marks(text: str, found_spans: list[tuple[int, int]], begin: int, end: int) -> str:
    parts, at = [], begin
    for start, stop in found_spans:
        if start >= begin and stop <= end:
            parts += [text[at:start], START, text[start:stop], STOP]
            at = stop
    return "".join(parts) + text[at:end]


def marked_texts(texts: dict[str, str], found: list[Clause]) -> dict[str, str]:
    """The highlights from the stored plain texts (``{"A": title, "B": deck, "C": body}``)."""
    clean = {key: value.replace(START, "").replace(STOP, "") for key, value in texts.items()}
    title = clean.get("A", "")
    passage = "\n".join(clean[key] for key in ("B", "C") if clean.get(key))
    title_html = as_html(with_marks(title, spans(title, found), 0, len(title)))
    if not passage.strip():
        return {"title": title_html, "snippet": ""}
    found_spans = spans(passage, found)
    first = found_spans[0][0] if found_spans else 0
    begin = 0 if first < LEAD_CHARS else passage.find(" ", first - LEAD_CHARS) + 1
    end = min(begin + PASSAGE_CHARS, len(passage))
    if end < len(passage):  # cut after a whole word
        end = max(passage.rfind(" ", begin, end), first + 1)
    snippet = with_marks(passage, found_spans, begin, end)
    return {"title": title_html, "snippet": as_html(snippet, begin > 0, end < len(passage))}
