"""The frontend served for real (uvicorn in a thread, on a port the OS picked)."""

import asyncio
import contextlib
import re
import socket
import threading
import time
from urllib.parse import urlsplit

import uvicorn

from frontend.app import create_app
from frontend.settings import Settings

PURGE_SECRET = "integration-purge-secret"
PATIENT = {
    "api_connect_timeout": 30.0,
    "api_timeout": 30.0,
    "stale_budget": 30.0,
    "page_budget": 30.0,
}


class FrontendServer:
    """The frontend app served by uvicorn in a thread, on a port the OS picked."""

    def __init__(self, settings, clock=time.time):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.app = create_app(settings.with_overrides(public_url=self.url), clock=clock)
        # Keep-alive longer than uvicorn's 5 s: a busy test machine must not see a connection
        # closed under a request that is reusing it.
        config = uvicorn.Config(self.app, log_level="warning", lifespan="on", timeout_keep_alive=60)
        self.server = uvicorn.Server(config)
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
def serve_frontend(live_server, settings, **overrides):
    """The frontend reading the live CMS; the CMS (``settings``: pytest-django's fixture)
    links to it and sends it its purges. ``overrides`` change the frontend's settings.
    Yields the running ``FrontendServer``.

    The reader-facing budgets (0.5 s to connect, 2 s for an answer, 1 s before a stale copy) are
    raised: a cold live server on a loaded test machine can take longer for its first answers
    (the event loop that sees the connection shares this process), and these tests
    are about what the pages hold, not about time. The budgets themselves are tested against a
    CMS that hangs (``test_hanging_cms.py``) and under a flood (``test_floods.py``)."""
    from django.core.cache import cache as cms_cache

    cms_cache.clear()  # the CMS's API cache must not carry answers across tests
    server = FrontendServer(
        Settings(
            cms_api_url=live_server.url + "/api/",
            purge_secret=PURGE_SECRET,
            secret_key="integration-secret",
        ).with_overrides(**{**PATIENT, **overrides})
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


async def _keep_alive_client(host, port, requests):
    """GETs on one HTTP/1.1 connection, one after the other: [(path, headers)] → statuses.

    Raw asyncio streams, not httpx: its connection pool scans every connection for each
    request, which at a thousand connections costs more than the server under test."""
    reader, writer = await asyncio.open_connection(host, port)
    statuses = []
    try:
        for path, headers in requests:
            lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}"]
            lines += [f"{name}: {value}" for name, value in headers.items()]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            length = re.search(rb"(?im)^content-length: *(\d+)", head)
            await reader.readexactly(int(length.group(1)) if length else 0)
            statuses.append(int(head.split(b" ", 2)[1]))
    finally:
        writer.close()
    return statuses


async def flood(url, requests, connections):
    """Send ``requests`` ([(path, headers)]) over ``connections`` concurrent keep-alive
    connections; returns every status."""
    parts = urlsplit(url)
    shares = [requests[n::connections] for n in range(connections)]
    results = await asyncio.gather(
        *(_keep_alive_client(parts.hostname, parts.port, share) for share in shares if share)
    )
    return [status for statuses in results for status in statuses]
