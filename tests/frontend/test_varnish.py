"""Varnish from Debian's package in front of a live frontend and a live CMS, over real HTTP.

``varnishd`` runs unprivileged (``-j none``, its working directory under the test's temp
dir) with ``frontend/varnish/default.vcl``, its backend pointed at the frontend's port.
The CMS purges the frontend and then Varnish (``cms.delivery.varnish``), as with
``VARNISH_URL`` set. ``make test`` installs Varnish (``make varnish``).
"""

import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from pytest_django.live_server_helper import LiveServer

from home.factories import translate_page
from news.factories import ArticlePageFactory
from tests.frontend.servers import serve_frontend

pytestmark = [
    pytest.mark.integration,
    pytest.mark.varnish,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)  # polling an observable state, with a deadline


class Varnish:
    def __init__(self, workdir, backend_url):
        backend = urlsplit(backend_url)
        vcl = (ROOT / "frontend" / "varnish" / "default.vcl").read_text()
        vcl, replaced = re.subn(r'\.port = "\d+";', f'.port = "{backend.port}";', vcl, count=1)
        assert replaced == 1
        (workdir / "default.vcl").write_text(vcl)
        self.url = f"http://127.0.0.1:{free_port()}"
        self.process = subprocess.Popen(
            [VARNISHD, "-F", "-j", "none", "-n", str(workdir / "state"),
             "-a", urlsplit(self.url).netloc, "-f", str(workdir / "default.vcl"),
             "-s", "malloc,32m", "-T", "none"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        try:
            wait_for(self.answers, 30, "varnishd to listen")
        except BaseException:
            self.stop()
            raise

    def answers(self):
        assert self.process.poll() is None, f"varnishd exited: {self.process.stdout.read()}"
        try:
            return httpx.get(self.url + "/robots.txt", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process.stdout.close()


@pytest.fixture
def cms():
    server = LiveServer("localhost:0")
    yield server
    server.stop()


@pytest.fixture
def varnish(cms, settings, tmp_path):
    if not Path(VARNISHD).exists():
        pytest.fail("varnishd is missing: `make varnish` installs Debian's package")
    with serve_frontend(cms, settings) as frontend:
        varnish = Varnish(tmp_path, frontend.url)
        settings.WAGTAILFRONTENDCACHE = {
            **settings.WAGTAILFRONTENDCACHE,
            "varnish": {
                "BACKEND": "cms.delivery.varnish.VarnishPurgeBackend",
                "LOCATION": varnish.url,
                "HOSTNAMES": [urlsplit(frontend.url).netloc],
            },
        }
        try:
            with httpx.Client(base_url=varnish.url, timeout=10) as client:
                yield client
        finally:
            varnish.stop()


def test_varnish_caches_pages_by_url_as_the_frontend_allows(varnish, article):
    first = varnish.get("/world/")
    assert first.status_code == 200
    assert "Putin, Erdogan" in first.text
    assert first.headers["x-varnish-cache"] == "MISS"
    assert "stale-if-error=" in first.headers["cache-control"]
    again = varnish.get("/world/", headers={"Cookie": "tracking=1"})  # one copy for everyone
    assert again.headers["x-varnish-cache"] == "HIT"
    assert again.text == first.text
    # Forms carry per-reader tokens: never served from the cache.
    for form in ("/newsletter/", "/es/newsletter/"):
        varnish.get(form)
        assert varnish.get(form).headers["x-varnish-cache"] == "MISS", form


def test_a_publication_reaches_readers_through_varnish_within_a_second(varnish, section, article):
    assert "Putin, Erdogan" in varnish.get("/world/").text
    assert varnish.get("/world/").headers["x-varnish-cache"] == "HIT"

    fresh = ArticlePageFactory(parent=section, title="Breaking: Ceasefire in Idlib")
    fresh.save_revision().publish()  # purges the frontend, then Varnish
    # Polled for a second at most; the purge is synchronous after the commit, so the first
    # answer (however long the frontend takes to build it) already has the story.
    seen = []
    wait_for(
        lambda: seen.append(varnish.get("/world/")) or "Breaking: Ceasefire" in seen[-1].text,
        1,
        "the new story through Varnish",
    )
    assert len(seen) == 1
    assert seen[0].headers["x-varnish-cache"] == "MISS"


def test_only_the_cms_addresses_may_purge(varnish, article):
    varnish.get("/world/")
    outsider = httpx.Client(
        base_url=str(varnish.base_url),
        transport=httpx.HTTPTransport(local_address="127.0.0.2"),
        timeout=10,
    )
    with outsider:
        assert outsider.request("PURGE", "/world/").status_code == 405
        assert outsider.request("BAN", "/", headers={"X-Ban-Url": "."}).status_code == 405
    assert varnish.get("/world/").headers["x-varnish-cache"] == "HIT"
    assert varnish.request("PURGE", "/world/").status_code == 200  # from 127.0.0.1
    assert varnish.get("/world/").headers["x-varnish-cache"] == "MISS"
    assert varnish.request("BAN", "/", headers={"X-Ban-Url": "^/world/"}).status_code == 200
    assert varnish.get("/world/").headers["x-varnish-cache"] == "MISS"


def test_varnish_serves_pages_while_the_cms_is_stopped(varnish, cms, article):
    paths = ("/", "/world/", f"/world/{article.slug}/")
    before = {path: varnish.get(path) for path in paths}
    assert {response.status_code for response in before.values()} == {200}
    assert "Putin, Erdogan" in before[paths[2]].text
    cms.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(cms.url + "/api/v2/pages/", timeout=2)
    for path in paths:
        response = varnish.get(path)
        assert response.status_code == 200
        assert response.text == before[path].text


def test_varnish_url_adds_varnish_after_the_frontend_to_the_purge_backends():
    script = (
        "from cms.settings import base; "
        "print([(name, c['LOCATION'], c['HOSTNAMES']) for name, c in "
        "base.WAGTAILFRONTENDCACHE.items()])"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "VARNISH_URL": "http://127.0.0.1:6081/",
        "FRONTEND_URL": "https://laht.example",
    }
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(
        [
            ("frontend", "https://laht.example/_purge", ["laht.example"]),
            ("varnish", "http://127.0.0.1:6081", ["laht.example"]),
        ]
    )


@pytest.fixture
def edition_hosts(cms, settings, tmp_path, article):
    """Varnish in front of a frontend that serves the Spanish edition on es.example.test;
    yields the client and the story's Spanish translation."""
    translate_page(article.get_parent().get_parent(), "es", title="El Tribuno")
    translate_page(article.get_parent(), "es", title="Mundo", slug="mundo")
    nota = translate_page(article, "es", title="Putin y Erdogan dialogan", slug="putin")
    with serve_frontend(cms, settings, locale_hosts=(("es", "es.example.test"),)) as frontend:
        varnish = Varnish(tmp_path, frontend.url)
        settings.WAGTAILFRONTENDCACHE = {
            **settings.WAGTAILFRONTENDCACHE,
            "varnish": {
                "BACKEND": "cms.delivery.varnish.VarnishPurgeBackend",
                "LOCATION": varnish.url,
                "HOSTNAMES": [urlsplit(frontend.url).netloc],
            },
        }
        try:
            with httpx.Client(base_url=varnish.url, timeout=10) as client:
                yield client, nota
        finally:
            varnish.stop()


def cached(client, host, path="/"):
    """The answer for ``path`` on ``host``, and whether Varnish had it."""
    response = client.get(path, headers={"Host": host})
    assert response.status_code == 200, (host, path, response.status_code)
    return response, response.headers["x-varnish-cache"] == "HIT"


def test_each_editions_host_is_cached_apart(edition_hosts):
    client, _ = edition_hosts
    english, english_hit = cached(client, "example.test")
    spanish, spanish_hit = cached(client, "es.example.test")
    assert not english_hit and not spanish_hit, "the Spanish home is not the English copy"
    assert '<html lang="en"' in english.text and '<html lang="es"' in spanish.text
    again, hit = cached(client, "es.example.test")
    assert hit and '<html lang="es"' in again.text
    assert cached(client, "example.test")[1]


def test_publishing_purges_the_story_on_both_editions_hosts(edition_hosts, article):
    client, nota = edition_hosts
    english_path = f"/world/{article.slug}/"
    for host, path in (("example.test", english_path), ("es.example.test", "/mundo/putin/")):
        cached(client, host, path)
        assert cached(client, host, path)[1], (host, path)

    nota.title = "Putin y Erdogan acuerdan una tregua"
    nota.save_revision().publish()  # purges /es/mundo/putin/ and its translation's path
    spanish, hit = cached(client, "es.example.test", "/mundo/putin/")
    assert not hit and "acuerdan una tregua" in spanish.text
    assert not cached(client, "example.test", english_path)[1], "its alternates changed"
