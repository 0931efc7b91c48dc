"""Highlights on PostgreSQL: ``ts_headline`` of the answer's rows, in one query, with the
query stemmed in each page's configuration."""

import re

from django.db import connection

from cms.search.markup import START, STOP, as_html
from cms.search.queries import Clause, tsquery_text
from cms.search.ranking import configs

#: The passage's length in words (``ts_headline``'s ``MinWords``/``MaxWords``).
MIN_WORDS, MAX_WORDS = 25, 38


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
