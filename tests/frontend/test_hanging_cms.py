"""A CMS that accepts connections and never answers: over real HTTP, the frontend serves
its last copy of a page within the stale budget, and a page it never had as a 503 within
the page budget, instead of making readers wait on the CMS."""

import http.server
import threading

import httpx
import pytest

from frontend.settings import Settings
from tests.frontend.conftest import ARTICLE_PATH, Clock, FakeCMS
from tests.frontend.servers import FrontendServer

# Generous bound for the test's own client: a reader must get an answer well before it.
READER_TIMEOUT = 10


class CMSServer:
    """The fake CMS's payloads over a real socket; ``hang`` makes it accept and go silent."""

    def __init__(self):
        self.fake = FakeCMS()
        self.hang = threading.Event()
        self.release = threading.Event()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if server.hang.is_set():
                    server.release.wait()  # connection accepted, never answered
                    return
                url = f"http://cms.internal{self.path}"
                answer = server.fake.handler(httpx.Request("GET", url))
                self.send_response(answer.status_code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def hanging_setup():
    cms = CMSServer()
    clock = Clock()
    settings = Settings(cms_api_url=cms.url + "/api/", secret_key="x", cache_ttl=60)
    frontend = FrontendServer(settings, clock=clock)
    frontend.start()
    try:
        yield cms, clock, frontend, settings
    finally:
        frontend.stop()
        cms.close()


def test_a_hanging_cms_gets_stale_pages_served_and_cold_pages_a_503(hanging_setup):
    cms, clock, frontend, settings = hanging_setup
    with httpx.Client(base_url=frontend.url, timeout=READER_TIMEOUT) as reader:
        assert reader.get(ARTICLE_PATH).status_code == 200  # seen once: a copy is kept

        cms.hang.set()
        clock.advance(settings.cache_ttl + 1)  # the copy is no longer fresh

        stale = reader.get(ARTICLE_PATH)
        assert stale.status_code == 200
        assert stale.headers["x-cache"] == "STALE"
        assert stale.elapsed.total_seconds() < settings.stale_budget + READER_TIMEOUT / 2

        cold = reader.get("/world/a-story-never-seen/")
        assert cold.status_code == 503
        assert "briefly unavailable" in cold.text
        assert cold.headers["retry-after"]
