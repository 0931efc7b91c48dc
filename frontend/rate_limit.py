"""Per-reader rate limits for the routes that cost the CMS work (search, sign-up).

A fixed window per reader address, in this process's memory: bounded (the oldest
readers are forgotten first), cheap, and enough to keep one client from crowding out
the rest. With several frontend processes each one counts on its own.
"""

import math
import time
from collections import OrderedDict
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response

from frontend.readers import reader_address
from frontend.settings import Settings

MAX_READERS = 100_000


class RateLimit:
    def __init__(
        self, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._windows: OrderedDict[str, tuple[float, int]] = OrderedDict()

    def retry_after(self, reader: str) -> int | None:
        """Count one request; None when allowed, else whole seconds until the next is."""
        if self.limit <= 0:
            return None
        now = self.clock()
        started, count = self._windows.pop(reader, (now, 0))
        if now - started >= self.window:
            started, count = now, 0
        count += 1
        self._windows[reader] = (started, count)
        while len(self._windows) > MAX_READERS:
            self._windows.popitem(last=False)
        if count <= self.limit:
            return None
        return max(1, math.ceil(started + self.window - now))


def too_many(body: str, media_type: str, retry_after: int) -> Response:
    return Response(
        body,
        status_code=429,
        media_type=media_type,
        headers={"Retry-After": str(retry_after), "Cache-Control": "no-store"},
    )


def limited(request: Request, name: str) -> int | None:
    """``retry_after`` of the app's limit ``name`` for this request's reader."""
    limits: dict[str, RateLimit] = request.state.rate_limits
    settings: Settings = request.state.settings
    return limits[name].retry_after(reader_address(request, settings.trusted_networks))
