"""Wagtail hook names through which apps add to the API without the platform importing them.

An app registers, in its ``wagtail_hooks.py``:

- ``API_V3_ROUTERS``: a function returning ``[(prefix, ninja.Router), …]`` mounted on
  Wagtail's v3 API (``/api/v3/<prefix>``);
- ``PAGES_API_FILTERS``: a function returning DRF filter backends for ``/api/v2/pages/``;
  each backend lists the query parameters it reads in ``query_parameters``.
"""

from wagtail import hooks

API_V3_ROUTERS = "herald_api_v3_routers"
PAGES_API_FILTERS = "herald_pages_api_filters"


def v3_routers() -> list:
    return [entry for hook in hooks.get_hooks(API_V3_ROUTERS) for entry in hook()]


def pages_filters() -> list:
    return [backend for hook in hooks.get_hooks(PAGES_API_FILTERS) for backend in hook()]
