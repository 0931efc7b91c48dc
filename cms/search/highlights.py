"""Highlights of a search's matches: the title and a passage of the deck and body, as
escaped HTML in which ``<mark>`` is the only markup. Computed for the answer's page of
results only (one query on PostgreSQL) and never stored.

PostgreSQL marks what ``ts_headline`` finds with the query stemmed in the page's own
configuration; elsewhere the stored texts are read here word by word (the database
backend stems nothing), prefixes matching the words they begin and phrases only the words
side by side.
"""

import re
from html import escape

from django.db import connection

from cms.search.models import SearchEntry
from cms.search.queries import Clause, tsquery_text
from cms.search.ranking import configs

# Private-use characters mark matches until the text is escaped (removed from the text first).
START, STOP = "\ue000", "\ue001"
#: About the passage's length: ``ts_headline``'s words, or characters elsewhere.
MIN_WORDS, MAX_WORDS, PASSAGE_CHARS, LEAD_CHARS = 25, 38, 230, 60
ELLIPSIS = "…"


def highlights(found: list[Clause], operator: str | None, page_ids: list[int]) -> dict:
    """``{page id: {"title": html, "snippet": html}}`` of these pages' search entries."""
    if not page_ids or not found:
        return {}
    if connection.vendor == "postgresql":
        return headlines(found, operator, page_ids)
    entries = SearchEntry.objects.filter(page_id__in=page_ids).values_list("page_id", "texts")
    return {page_id: marked_texts(texts, found) for page_id, texts in entries}


def as_html(
    text: str, cut_before: bool = False, cut_after: bool = False, escaped: bool = False
) -> str:
    """Marked text as HTML: everything escaped (``escaped``: it was, in SQL), then the marks
    made ``<mark>`` elements."""
    html = " ".join(text.split())
    html = html if escaped else escape(html, quote=False)
    html = html.replace(START, "<mark>").replace(STOP, "</mark>")
    return (ELLIPSIS if cut_before else "") + html + (ELLIPSIS if cut_after else "")


HEADLINES_SQL = """
SELECT page_id, title, marked, strpos(passage, translate(marked, %(marks)s, '')),
       length(passage), length(translate(marked, %(marks)s, ''))
FROM (
    SELECT page_id, passage,
           ts_headline(config::regconfig, title, query, %(whole)s) AS title,
           ts_headline(config::regconfig, passage, query, %(part)s) AS marked
    FROM (
        SELECT page_id, config, CASE config {cases} END AS query,
               {escaped_title} AS title, {escaped_passage} AS passage
        FROM cms_search_entry WHERE page_id = ANY(%(ids)s)
    ) entry
) headline
"""


def escaped_sql(text_sql: str) -> str:
    """SQL of a text without marks, HTML-escaped: ``ts_headline`` keeps entities as they are
    (and drops what looks like a tag from a passage)."""
    plain = f"translate({text_sql}, %(marks)s, '')"
    return f"replace(replace(replace({plain}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"


def headlines(found: list[Clause], operator: str | None, page_ids: list[int]) -> dict:
    """``ts_headline`` of each page's title (whole) and deck and body (a passage), with the
    query stemmed in the page's configuration; where the passage starts in the text tells
    whether it was cut."""
    names = configs()
    cases = " ".join(
        f"WHEN %(c{i})s THEN to_tsquery(%(c{i})s::regconfig, %(q)s)" for i in range(len(names))
    )
    selectors = f"StartSel={START}, StopSel={STOP}"
    params = {
        **{f"c{i}": name for i, name in enumerate(names)},
        "q": tsquery_text(found, operator),
        "marks": START + STOP,
        "ids": list(page_ids),
        "whole": selectors + ", HighlightAll=true",
        "part": f"{selectors}, MinWords={MIN_WORDS}, MaxWords={MAX_WORDS}",
    }
    with connection.cursor() as cursor:
        sql = (
            HEADLINES_SQL.replace("{cases}", cases)
            .replace("{escaped_title}", escaped_sql("coalesce(texts->>'A', '')"))
            .replace(
                "{escaped_passage}", escaped_sql("concat_ws(E'\\n', texts->>'B', texts->>'C')")
            )
        )
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    run = phrase_length(found)
    return {
        page_id: {
            "title": as_html(in_runs(title, run), escaped=True),
            "snippet": as_html(
                in_runs(marked, run), at != 1, at == 0 or at + shown - 1 < length, escaped=True
            )
            if marked.strip()
            else "",
        }
        for page_id, title, marked, at, length, shown in rows
    }


def phrase_length(found: list[Clause]) -> int:
    """The fewest words side by side a mark must be among: ``ts_headline`` marks each word of
    a phrase wherever it is, so a query of phrases only keeps the runs as long as one. With
    single words in the query as well, every mark stays (which word matched alone is not
    known here)."""
    if any(len(clause.words) == 1 for clause in found):
        return 1
    return min(len(clause.words) for clause in found)


MARKED = re.compile(f"{START}([^{STOP}]*){STOP}")


def in_runs(text: str, length: int) -> str:
    """``text`` without the marks of runs shorter than ``length`` marked words (words in a
    run are apart by spaces and punctuation only)."""
    if length <= 1:
        return text
    matches = list(MARKED.finditer(text))
    runs: list[list[re.Match]] = []
    for match in matches:
        if runs and not re.search(r"\w", text[runs[-1][-1].end() : match.start()]):
            runs[-1].append(match)
        else:
            runs.append([match])
    kept, at = [], 0
    for run in runs:
        if len(run) < length:
            for match in run:
                kept += [text[at : match.start()], match.group(1)]
                at = match.end()
    return "".join(kept) + text[at:]


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
