import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from news.wires.factories import jpeg_with_iptc

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


ETAG = '"feed-v1"'


class FeedServer(ThreadingHTTPServer):
    body = fixture_bytes("feeds/agency-rss.xml")
    status = 200
    redirect = ""
    requests: list[dict]


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802  (http.server's name)
        self.server.requests.append(dict(self.headers))
        if self.server.redirect and self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", self.server.redirect)
            self.end_headers()
            return
        if self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", ETAG)
        self.send_header("Last-Modified", "Fri, 04 Dec 2026 10:00:00 GMT")
        self.send_header("Content-Length", str(len(self.server.body)))
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """An agency's feed on a local HTTP server (RSS, with validators)."""
    httpd = FeedServer(("127.0.0.1", 0), Handler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def inbox(tmp_path, settings):
    """An empty watched folder, set as ``WIRE_INBOX``."""
    root = tmp_path / "inbox"
    root.mkdir()
    settings.WIRE_INBOX = str(root)
    return root


@pytest.fixture
def picture_bytes():
    return jpeg_with_iptc("Negotiators in Havana.", "AP Photo/Ramon Espinosa")
