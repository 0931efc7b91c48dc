"""How a highlight is written: marks around matches in plain text, then HTML in which
``<mark>`` is the only markup."""

from html import escape

# Private-use characters mark matches until the text is escaped (removed from the text first).
START, STOP = "\ue000", "\ue001"
ELLIPSIS = "…"


def as_html(
    text: str, cut_before: bool = False, cut_after: bool = False, escaped: bool = False
) -> str:
    """Marked text as HTML: everything escaped (``escaped``: it was, in SQL), then the marks
    made ``<mark>`` elements."""
    html = " ".join(text.split())
    html = html if escaped else escape(html, quote=False)
    html = html.replace(START, "<mark>").replace(STOP, "</mark>")
    return (ELLIPSIS if cut_before else "") + html + (ELLIPSIS if cut_after else "")
