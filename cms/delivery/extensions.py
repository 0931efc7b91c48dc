"""Wagtail hook names through which apps add to the API without the platform importing them.

An app registers, in its ``wagtail_hooks.py``:

- ``API_V3_ROUTERS``: a function returning ``[(prefix, ninja.Router), …]`` mounted on
  Wagtail's v3 API (``/api/v3/<prefix>``);
- ``PAGES_API_FILTERS``: a function returning DRF filter backends for ``/api/v2/pages/``;
  each backend lists the query parameters it reads in ``query_parameters``;
- ``API_V2_ENDPOINTS``: a function returning ``[(name, "dotted.path.ViewSet"), …]`` mounted at
  ``/api/v2/<name>/``. A path, not the class: such a viewset usually extends the pages
  endpoint (``cms.delivery.api``), which imports it only when it mounts it.
- ``API_FILE_BODIES``: a function returning the URL names of v3 operations whose request
  body is a file of any media type (an agency's XML, say): the input guard
  (``cms.delivery.input_guard``) still limits its size but does not require JSON.
"""

from django.utils.module_loading import import_string
from wagtail import hooks

API_V3_ROUTERS = "herald_api_v3_routers"
PAGES_API_FILTERS = "herald_pages_api_filters"
API_V2_ENDPOINTS = "herald_api_v2_endpoints"
API_FILE_BODIES = "herald_api_file_bodies"


def v3_routers() -> list:
    return [entry for hook in hooks.get_hooks(API_V3_ROUTERS) for entry in hook()]


def pages_filters() -> list:
    return [backend for hook in hooks.get_hooks(PAGES_API_FILTERS) for backend in hook()]


def v2_endpoints() -> list:
    return [
        (name, import_string(path))
        for hook in hooks.get_hooks(API_V2_ENDPOINTS)
        for name, path in hook()
    ]


def file_body_url_names() -> set[str]:
    return {name for hook in hooks.get_hooks(API_FILE_BODIES) for name in hook()}
