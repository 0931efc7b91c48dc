"""The API request's batch: what serialising one response has loaded (pages, teasers,
images, rich text, parents), shared by every page of a listing so each kind is read once."""

from contextlib import contextmanager
from contextvars import ContextVar

from cms.wagtail_internals.sites import url_parts_cache

_api_batch = ContextVar("herald_api_batch", default=None)


@contextmanager
def api_batch():
    """A per-request store of what API serialisation has loaded: pages, teasers, images, rich text.

    Entered around an API request (cms.delivery.api); lets the pages of a listing share
    one lookup for everything their bodies and related stories point at.
    """
    token = _api_batch.set(
        {
            "teasers": {},
            "pages": {},
            "images": {},
            "rich_text": {},
            "parents": {},
            "site_root_paths": url_parts_cache(),
        }
    )
    try:
        yield
    finally:
        _api_batch.reset(token)


def current_batch():
    """The request's batch store, or None outside an API request."""
    return _api_batch.get()
