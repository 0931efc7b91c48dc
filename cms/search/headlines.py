"""Highlights on PostgreSQL: ``ts_headline`` of the answer's rows, in one query, with the
query stemmed in each page's configuration.

``ts_headline`` marks every word of the query wherever it stands, even a phrase's word away
from the phrase (its phrase operators only choose the passage). The same query also
returns the lexemes of the marked words and of the query's words, so the marks are then
kept as the query reads: a word anywhere, a phrase's words only where the phrase stands.
"""

import json
import re

from django.db import connection

from cms.search.markup import START, STOP, as_html
from cms.search.queries import Clause, tsquery_text
from cms.search.ranking import configs

#: The passage's length in words (``ts_headline``'s ``MinWords``/``MaxWords``).
MIN_WORDS, MAX_WORDS = 25, 38


# ``OFFSET 0`` keeps PostgreSQL from pulling the ``headline`` subquery up into the outer
# SELECT, which would run ``ts_headline`` again for every reference to its columns.
HEADLINES_SQL = """
SELECT page_id, title, marked, strpos(passage, translate(marked, %(marks)s, '')),
       length(passage), length(translate(marked, %(marks)s, '')),
       (SELECT jsonb_object_agg(word, ARRAY(
                   SELECT lexeme FROM unnest(to_tsvector(config::regconfig, word))))
        FROM (SELECT found[1] AS word FROM regexp_matches(title || marked, %(mark)s, 'g') found
              UNION SELECT unnest(%(words)s::text[])) words)
FROM (
    SELECT page_id, config, passage,
           ts_headline(config::regconfig, title, query, %(whole)s) AS title,
           ts_headline(config::regconfig, passage, query, %(part)s) AS marked
    FROM (
        SELECT page_id, config, CASE config {cases} END AS query,
               {escaped_title} AS title, {escaped_passage} AS passage
        FROM cms_search_entry WHERE page_id = ANY(%(ids)s)
    ) entry
    OFFSET 0
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
        "mark": MARKED.pattern,
        "words": sorted({word for clause in found for word in clause.words}),
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
    words = {page_id: json.loads(lexemes or "{}") for page_id, *_, lexemes in rows}
    return {
        page_id: {
            "title": as_html(as_query_reads(title, found, words[page_id]), escaped=True),
            "snippet": as_html(
                as_query_reads(marked, found, words[page_id]),
                at != 1,
                at == 0 or at + shown - 1 < length,
                escaped=True,
            )
            if marked.strip()
            else "",
        }
        for page_id, title, marked, at, length, shown, _ in rows
    }


MARKED = re.compile(f"{START}([^{STOP}]*){STOP}")
#: A marked word or an unmarked one: the tokens a phrase must stand side by side among.
TOKEN = re.compile(f"{MARKED.pattern}|\\w+")


def fits(token: re.Match, slot: list[str], lexemes: dict, prefix: bool) -> bool:
    """Whether ``token`` can stand for a query word of lexemes ``slot`` (none: a stop word,
    which any word stands for)."""
    if not slot:
        return True
    if token.group(1) is None:
        return False
    own = lexemes.get(token.group(1)) or []
    return any(have == want or (prefix and have.startswith(want)) for have in own for want in slot)


def as_query_reads(text: str, found: list[Clause], lexemes: dict[str, list[str]]) -> str:
    """``text`` keeping only the marks the query asks for: a word's wherever it stands, a
    phrase's where its words stand side by side (``lexemes``: each word's, in the page's
    configuration)."""
    tokens = list(TOKEN.finditer(text))
    kept: set[int] = set()
    for clause in found:
        slots = [lexemes.get(word) or [] for word in clause.words]
        if not any(slots):
            continue
        size = len(slots)
        for start in range(len(tokens) - size + 1):
            if all(
                fits(tokens[start + i], slot, lexemes, clause.prefix and i == size - 1)
                for i, slot in enumerate(slots)
            ):
                kept.update(range(start, start + size))
    parts, at = [], 0
    for i, token in enumerate(tokens):
        if token.group(1) is not None and i not in kept:
            parts += [text[at : token.start()], token.group(1)]
            at = token.end()
    return "".join(parts) + text[at:]
