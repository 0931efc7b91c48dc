"""What a search query may hold, checked before any search backend sees it.

The backends fail on some text instead of answering: SQLite's full-text syntax on a
double quote inside a term, PostgreSQL on a NUL byte, modelsearch on an operator it does
not know, the windowed search on a query with no words, and the database backend's query
of a few hundred words (Python's recursion limit). Every API surface that searches asks
``search_problem`` first and answers a 400 with its message.
"""

import re
from dataclasses import dataclass

OPERATORS = ("and", "or")
#: Far above what a reader types; a longer query is refused rather than searched.
MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS = 1000, 64


def search_problem(
    query: str, operator: str | None = None, *, name: str = "search", phrases: bool = False
) -> str | None:
    """Why ``query`` (the ``name`` parameter) cannot be searched, or None when it can.
    ``phrases``: the surface reads the query with ``clauses`` (quoted phrases, prefixes)."""
    if "\x00" in query:
        return f"{name} must not contain NUL characters"
    if len(query) > MAX_SEARCH_LENGTH:
        return f"{name} must be at most {MAX_SEARCH_LENGTH} characters"
    if len(re.findall(r"\w+", query)) > MAX_SEARCH_WORDS:
        return f"{name} must hold at most {MAX_SEARCH_WORDS} words"
    if not (clauses(query) if phrases else query.strip()):
        return f"{name} must contain at least one word"
    if '"' in query and not phrases:
        # Each backend reads quotes its own way (phrases, FTS syntax, errors): words only.
        return f'{name} matches words: remove the double quote (")'
    if operator is not None and operator not in OPERATORS:
        return "search_operator must be 'and' or 'or'"
    return None


WORD = re.compile(r"\w+\*?|\"[^\"]*\"?")


@dataclass(frozen=True)
class Clause:
    """A word (``prefix``: any word it begins) or, with several words, an exact phrase."""

    words: tuple[str, ...]
    prefix: bool = False


def clauses(query: str) -> list[Clause]:
    """The words, prefixes (``cent*``) and quoted phrases of a query; anything else (operators,
    punctuation, backend syntax) is ignored, so no query text reaches a backend's parser."""
    found = []
    for token in WORD.findall(query):
        if token.startswith('"'):
            words = tuple(re.findall(r"\w+", token))
            if words:
                found.append(Clause(words))
        else:
            found.append(Clause((token.rstrip("*"),), prefix=token.endswith("*")))
    return found


def tsquery_text(found: list[Clause], operator: str | None = None) -> str:
    """``to_tsquery`` text of the clauses: each word quoted, phrases with ``<->``, joined by
    ``&`` (or ``|`` for ``search_operator=or``). Words hold only word characters."""
    parts = []
    for clause in found:
        quoted = [f"'{word}'" for word in clause.words]
        if clause.prefix:
            quoted[-1] += ":*"
        parts.append(quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")")
    return (" | " if operator == "or" else " & ").join(parts)
