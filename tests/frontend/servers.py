"""The frontend served for real (uvicorn in a thread, on a port the OS picked)."""

import contextlib
import socket
import threading
import time
from urllib.parse import urlsplit

import uvicorn

from frontend.app import create_app
from frontend.settings import Settings

PURGE_SECRET = "integration-purge-secret"


class FrontendServer:
    """The frontend app served by uvicorn in a thread, on a port the OS picked."""

    def __init__(self, settings):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        app = create_app(settings.with_overrides(public_url=self.url))
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def start(self):
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:  # set by uvicorn once it accepts connections
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the frontend did not start")
            time.sleep(0.01)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@contextlib.contextmanager
def serve_frontend(live_server, settings):
    """The frontend reading the live CMS; the CMS (``settings``: pytest-django's fixture)
    links to it and sends it its purges. Yields the running ``FrontendServer``."""
    from django.core.cache import cache as cms_cache

    cms_cache.clear()  # the CMS's API cache must not carry answers across tests
    server = FrontendServer(
        Settings(
            cms_api_url=live_server.url + "/api/",
            purge_secret=PURGE_SECRET,
            secret_key="integration-secret",
        )
    )
    settings.FRONTEND_URL = server.url
    settings.FRONTEND_PURGE_SECRET = PURGE_SECRET
    settings.WAGTAILFRONTENDCACHE = {
        "frontend": {
            "BACKEND": "cms.delivery.frontend_cache.FrontendPurgeBackend",
            "LOCATION": server.url + "/_purge",
            "HOSTNAMES": [urlsplit(server.url).netloc],
            "TIMEOUT": 3,
        }
    }
    server.start()
    try:
        yield server
    finally:
        server.stop()
