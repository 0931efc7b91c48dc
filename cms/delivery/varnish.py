"""``wagtail.contrib.frontend_cache`` backend for an HTTP cache in front of the frontend.

Varnish (``frontend/varnish/default.vcl``) caches pages by URL; this backend sends it one
``PURGE <path>`` per URL. It inherits :class:`FrontendPurgeBackend`'s timing: purges
requested inside a transaction wait for the commit, and, configured after the
``frontend`` entry of ``WAGTAILFRONTENDCACHE`` (``VARNISH_URL`` in cms/settings/base.py),
Varnish is purged after the frontend, so the page it fetches again is already fresh.
Failures are logged, never raised.

Settings (``WAGTAILFRONTENDCACHE["varnish"]``): ``LOCATION`` (Varnish's address, e.g.
``http://127.0.0.1:6081``), ``HOSTNAMES`` (the frontend's host:port, as for the frontend
backend) and ``TIMEOUT`` (seconds, default 3).
"""

import logging
from urllib.parse import urlsplit

import httpx

from cms.delivery.frontend_cache import FrontendPurgeBackend

logger = logging.getLogger("herald.frontend_cache")


class VarnishPurgeBackend(FrontendPurgeBackend):
    def _send(self, urls: list[str]) -> bool:
        location = self.location.rstrip("/")
        refused = []
        with httpx.Client(timeout=self.timeout) as client:
            for url in urls:
                parts = urlsplit(url)
                path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                try:
                    response = client.request(
                        "PURGE", location + path, headers={"Host": parts.netloc}
                    )
                except httpx.HTTPError as e:
                    logger.warning("Purge of %d URLs failed: %s: %s", len(urls), location, e)
                    return False
                if response.status_code >= 300:
                    refused.append(f"{path} ({response.status_code})")
        if refused:
            logger.error("Varnish at %s refused purges: %s", location, ", ".join(refused[:10]))
            return False
        logger.info("Purged %d URLs at %s", len(urls), location)
        return True
