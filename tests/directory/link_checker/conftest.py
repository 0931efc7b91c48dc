"""The link checker against a real local HTTP server: states, history and politeness.

The server answers 200, 301, 404, 500, refuses HEAD on one path, answers one path
slowly and never answers another (it waits until the test is over), so the
checker's own timeout is what ends that request. Nothing here touches the internet.
"""

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

SLOW_SECONDS = 0.6


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def do_HEAD(self):
        self.route(head=True)

    def do_GET(self):
        self.route(head=False)

    def route(self, head):
        server = self.server
        host = self.headers.get("Host", "")
        path = urlsplit(self.path).path
        with server.lock:
            server.requests.append((self.command, path, self.headers.get("User-Agent")))
            server.started.append((host, time.monotonic()))
            server.in_flight[host] += 1
            server.max_in_flight[host] = max(server.max_in_flight[host], server.in_flight[host])
        try:
            if path == "/ok":
                self.reply(200, head)
            elif path == "/moved":
                self.reply(301, head, location="/ok")
            elif path == "/missing":
                self.reply(404, head)
            elif path == "/error":
                self.reply(500, head)
            elif path == "/flaky":
                self.reply(500 if server.flaky_down.is_set() else 200, head)
            elif path == "/no-head":
                self.reply(405 if head else 200, head)
            elif path.startswith("/slow"):
                # A slow server: it answers, but only after SLOW_SECONDS.
                server.release.wait(SLOW_SECONDS)
                self.reply(200, head)
            elif path == "/hang":
                # Never answers while the test runs: the client's timeout ends the request.
                server.release.wait()
                self.close_connection = True
            else:
                self.reply(404, head)
        finally:
            with server.lock:
                server.in_flight[host] -= 1

    def reply(self, status, head, location=None):
        body = b"" if head else f"status {status}".encode()
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.lock = threading.Lock()
    httpd.requests = []
    httpd.started = []
    httpd.in_flight = Counter()
    httpd.max_in_flight = Counter()
    httpd.release = threading.Event()
    httpd.flaky_down = threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join()
