"""Highlights of a search's matches: the title and a passage of the deck and body, as
escaped HTML in which ``<mark>`` is the only markup. Computed for the answer's page of
results only.

On PostgreSQL a highlight is kept in the cache under the query, the entry's configuration
and a digest of its texts, all it depends on: the same search again, or after a publication
elsewhere, reads it back instead of running ``ts_headline`` again (one query for the digests,
a second for the highlights not kept), and a rewritten story is highlighted from its new text.

PostgreSQL marks what ``ts_headline`` finds with the query stemmed in the page's own
configuration; elsewhere the stored texts are read here word by word (the database
backend stems nothing), prefixes matching the words they begin and phrases only the words
side by side.
"""

import hashlib
import re

from django.core.cache import cache
from django.db import connection

from cms.search.conf import settings
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
        return kept_headlines(found, operator, page_ids)
    entries = SearchEntry.objects.filter(page_id__in=page_ids).values_list("page_id", "texts")
    return {page_id: marked_texts(texts, found) for page_id, texts in entries}


def kept_headlines(found: list[Clause], operator: str | None, page_ids: list[int]) -> dict:
    """``headlines`` of these pages, those already kept read from the cache. An entry
    rewritten between the two queries is kept under its older digest, which no later reader
    of that page asks for."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT page_id, config, md5(texts::text) FROM cms_search_entry"
            " WHERE page_id = ANY(%s)",
            [list(page_ids)],
        )
        entries = cursor.fetchall()
    query = hashlib.sha256(repr((found, operator)).encode()).hexdigest()
    keys = {pk: f"search:headline:{query}:{config}:{digest}" for pk, config, digest in entries}
    kept = cache.get_many(list(keys.values()))
    marks = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [pk for pk in page_ids if pk not in marks]
    if missing:
        fresh = headlines(found, operator, missing)
        stored = {keys[pk]: value for pk, value in fresh.items() if pk in keys}
        cache.set_many(stored, settings.SEARCH_ESTIMATE_SECONDS)
        marks.update(fresh)
    return marks


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
