"""Which requests read the replica: anonymous public API reads, once the replica has replayed
the last publication (``cms.delivery.replica``); everything else reads the primary."""

import logging
import threading

from django.core.exceptions import MiddlewareNotUsed
from django.db import DatabaseError

from cms.delivery.conf import settings
from cms.delivery.replica.positions import UNKNOWN_LSN, parse_lsn, replica_replay, required_lsn
from cms.delivery.replica.routing import replica_enabled, replica_reads

logger = logging.getLogger("herald.replica")

MIDDLEWARE = "cms.delivery.replica.middleware.ReplicaReadMiddleware"
PUBLIC_PREFIXES = ("/api/v2/", "/api/v3/")
PRIVATE_PREFIXES = ("/api/v2/preview/",)


class ReplicaReadMiddleware:
    """Send anonymous public API reads to the replica when it is current enough."""

    def __init__(self, get_response, replay_reader=None):
        if not replica_enabled():
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.replay_reader = replay_reader or replica_replay
        self._seen = -1  # highest LSN the replica is known to have replayed (this process)
        self._lock = threading.Lock()

    def __call__(self, request):
        if not self.public_read(request):
            return self.get_response(request)
        with replica_reads(self.replica_current()):
            return self.get_response(request)

    @staticmethod
    def public_read(request):
        return (
            request.method in ("GET", "HEAD")
            and request.path.startswith(PUBLIC_PREFIXES)
            and not request.path.startswith(PRIVATE_PREFIXES)
            and "HTTP_AUTHORIZATION" not in request.META
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    def replica_current(self):
        required = required_lsn()
        if required is None:
            return True
        if required == UNKNOWN_LSN:
            return False
        needed = parse_lsn(required)
        if needed <= self._seen:
            return True
        try:
            reached, replayed = self.replay_reader(required)
        except DatabaseError:
            logger.exception("Could not read the replica's replay position: reading the primary")
            return False
        if not reached:
            return False
        with self._lock:
            self._seen = max(self._seen, needed, parse_lsn(replayed) if replayed else -1)
        return True
