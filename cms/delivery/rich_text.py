"""Rich text as the API shows it: display HTML, expanded once per request where possible."""

from wagtail.rich_text import expand_db_html

from cms.delivery.batch import current_batch


def rich_text_html(value):
    """Rich text with internal links and embeds expanded (links point at the frontend)."""
    if not value:
        return ""
    source = str(value) if not isinstance(value, str) else value
    batch = current_batch()
    if batch is not None and source in batch["rich_text"]:
        return batch["rich_text"][source]
    return expand_db_html(source)


_RICH_TEXT_SPLIT = "<!--herald:block-->"


def expand_rich_texts(sources):
    """Several rich-text sources expanded together (internal links in one query).

    Returns the HTML of each source in order, or ``None`` if the sources could not
    be told apart afterwards (a source containing the separator).
    """
    expanded = rich_text_html(_RICH_TEXT_SPLIT.join(sources)).split(_RICH_TEXT_SPLIT)
    return expanded if len(expanded) == len(sources) else None
