"""The objects every request shares, built once per process by the app's lifespan.

Starlette copies the lifespan's state into each request, so a handler reads
``request.state.client`` and so on; ``AppState`` names their types in one place.
"""

from typing import TypedDict

from frontend.api_client import CMSClient
from frontend.cache import Cache
from frontend.rate_limit import RateLimit
from frontend.renderer import Renderer
from frontend.settings import Settings
from frontend.view_hits import ViewHits


class AppState(TypedDict):
    settings: Settings
    cache: Cache
    client: CMSClient
    renderer: Renderer
    view_hits: ViewHits
    rate_limits: dict[str, RateLimit]
