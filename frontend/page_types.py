"""What a page loader is: the reader's query string it receives, the template context it
returns, and the template it fills. Loaders live beside the pages they build."""

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from frontend.api_client import CMSClient, Fetch, JSONObject
from frontend.settings import Settings

# A reader's query string, and what a loader adds to the template context.
Query = Mapping[str, str]
Context = dict[str, Any]
Loader = Callable[[Fetch, CMSClient, JSONObject, Query, Settings], Awaitable[Context]]


class BadPageRequest(Exception):
    """A reader's query string we cannot honour (shown as a 400 page with this message)."""


@dataclass(frozen=True)
class PageType:
    template: str
    load: Loader
    og_type: str = "website"
