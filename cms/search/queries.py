"""What a search query may hold, checked before any search backend sees it.

The backends fail on some text instead of answering: SQLite's full-text syntax on a
double quote inside a term, PostgreSQL on a NUL byte, modelsearch on an operator it does
not know, and the windowed search on a query with no words. Every API surface that
searches asks ``search_problem`` first and answers a 400 with its message.
"""

OPERATORS = ("and", "or")


def search_problem(query: str, operator: str | None = None, *, name: str = "search") -> str | None:
    """Why ``query`` (the ``name`` parameter) cannot be searched, or None when it can."""
    if "\x00" in query:
        return f"{name} must not contain NUL characters"
    if not query.strip():
        return f"{name} must contain at least one word"
    if '"' in query:
        # Each backend reads quotes its own way (phrases, FTS syntax, errors): words only.
        return f'{name} matches words: remove the double quote (")'
    if operator is not None and operator not in OPERATORS:
        return "search_operator must be 'and' or 'or'"
    return None
