"""The story editor's form as a browser posts it, for tests that save stories in the admin."""

from django.utils import timezone


def local(value) -> str:
    """A time as the admin's date-time widget shows and accepts it (newsroom time)."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def article_form(page, **fields) -> dict:
    """The form of ``page`` unchanged (no inline rows, no blocks) but for ``fields``."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "deck": page.deck,
        "dateline_city": page.dateline_city,
        "dateline_country": page.dateline_country,
        "body-count": "0",
        "embargo_until": local(page.embargo_until) if page.embargo_until else "",
        "go_live_at": local(page.go_live_at) if page.go_live_at else "",
    }
    for inline in ("bylines", "corrections", "related_stories", "comments"):
        data[f"{inline}-TOTAL_FORMS"] = data[f"{inline}-INITIAL_FORMS"] = "0"
    data.update(fields)
    return data
