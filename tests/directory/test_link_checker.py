"""The link checker against a real local HTTP server: states, history and politeness.

The server answers 200, 301, 404, 500, refuses HEAD on one path, answers one path
slowly and never answers another (it waits until the test is over), so the
checker's own timeout is what ends that request. Nothing here touches the internet.
"""

import asyncio
import io
import re
import threading
import time
from collections import Counter
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.publishing.jobs import get_jobs
from directory.factories import DirectoryLinkFactory, LinkHealthFactory
from directory.jobs import LinkChecker, run_link_check
from directory.models import LinkHealth, LinkState

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


def checker(**overrides):
    options = {
        "TIMEOUT": 1.0,
        "CONCURRENCY": 10,
        "PER_HOST": 10,
        "HOST_DELAY": 0.0,
        "USER_AGENT": "LAHT-LinkChecker/test",
        **overrides,
    }
    return LinkChecker.from_settings(**options)


@pytest.fixture
def check_settings(settings):
    settings.DIRECTORY_LINK_CHECK = {
        "TIMEOUT": 2.0,
        "HOST_DELAY": 0.0,
        "PER_HOST": 10,
        "SLOW_MS": 400,
        "USER_AGENT": "LAHT-LinkChecker/test",
    }
    return settings


def test_checker_reports_what_each_server_answered(server):
    urls = {name: f"{server.base}/{name}" for name in ("ok", "moved", "missing", "error", "hang")}
    results = checker(TIMEOUT=1.0).check(urls.values())

    ok = results[urls["ok"]]
    assert (ok.ok, ok.status_code, ok.redirected) == (True, 200, False)
    assert ok.elapsed_ms is not None

    moved = results[urls["moved"]]
    assert (moved.ok, moved.status_code, moved.redirected) == (True, 200, True)
    assert moved.final_url == urls["ok"]

    assert (results[urls["missing"]].ok, results[urls["missing"]].status_code) == (False, 404)
    assert (results[urls["error"]].ok, results[urls["error"]].status_code) == (False, 500)

    hang = results[urls["hang"]]
    assert not hang.ok
    assert hang.status_code is None
    assert hang.error == "timed out after 1 s"


def test_head_first_then_get_when_head_is_refused(server):
    results = checker().check([f"{server.base}/ok", f"{server.base}/no-head"])
    assert results[f"{server.base}/no-head"].status_code == 200
    methods = Counter((method, path) for method, path, _ in server.requests)
    assert methods == {("HEAD", "/ok"): 1, ("HEAD", "/no-head"): 1, ("GET", "/no-head"): 1}


def test_checker_says_who_it_is(server):
    checker(USER_AGENT="LAHT-LinkChecker/1.0 (+https://laht.example/links/)").check(
        [f"{server.base}/ok"]
    )
    assert {agent for _, _, agent in server.requests} == {
        "LAHT-LinkChecker/1.0 (+https://laht.example/links/)"
    }


def test_default_user_agent_names_the_site(settings):
    settings.DIRECTORY_LINK_CHECK = {}
    agent = LinkChecker.from_settings().user_agent
    assert agent.startswith("LAHT-LinkChecker/")
    assert settings.FRONTEND_URL in agent


def test_at_most_per_host_requests_in_flight_to_one_host(server):
    port = server.server_address[1]
    urls = [f"http://127.0.0.1:{port}/slow{i}" for i in range(6)]
    urls += [f"http://localhost:{port}/slow{i}" for i in range(6)]
    results = checker(PER_HOST=2, CONCURRENCY=10, TIMEOUT=5).check(urls)
    assert all(result.ok for result in results.values())
    assert set(server.max_in_flight) == {f"127.0.0.1:{port}", f"localhost:{port}"}
    assert max(server.max_in_flight.values()) <= 2


def test_requests_to_one_host_are_spaced(server):
    """Each request to a host is sent ``HOST_DELAY`` after the one before. The gaps are taken
    when the client sends (on the event loop's clock): at the server they also hold the
    machine's thread scheduling, which a loaded CI machine stretches or squeezes."""
    delay = 0.2
    link_checker = checker(PER_HOST=1, HOST_DELAY=delay)
    sent = []
    take_turn = link_checker.throttle.wait_turn

    async def recorded_turn(host):
        await take_turn(host)
        sent.append(asyncio.get_running_loop().time())

    link_checker.throttle.wait_turn = recorded_turn
    results = link_checker.check([f"{server.base}/ok?{i}" for i in range(3)])
    assert all(result.ok for result in results.values())
    assert len(server.started) == 3
    gaps = [later - earlier for earlier, later in zip(sent, sent[1:], strict=False)]
    assert len(gaps) == 2
    assert min(gaps) >= delay - 0.001, gaps


# --- Recorded health: states and history -----------------------------------------------


@pytest.mark.django_db
def test_states_are_recorded_per_url(server, check_settings, embassies):
    urls = {
        "ok": f"{server.base}/ok",
        "moved": f"{server.base}/moved",
        "missing": f"{server.base}/missing",
        "slow": f"{server.base}/slow",
        "hang": f"{server.base}/hang",
    }
    for name, url in urls.items():
        DirectoryLinkFactory(page=embassies, name=name, url=url)
    now = timezone.now()
    run_link_check(urls.values(), now=now)

    health = {h.url: h for h in LinkHealth.objects.all()}
    assert health[urls["ok"]].state == LinkState.OK
    assert health[urls["ok"]].last_ok_at == now
    assert health[urls["moved"]].state == LinkState.REDIRECTED
    assert health[urls["moved"]].final_url == urls["ok"]
    assert health[urls["slow"]].state == LinkState.SLOW
    assert health[urls["slow"]].response_time_ms >= SLOW_SECONDS * 1000
    for name in ("missing", "hang"):
        failing = health[urls[name]]
        assert failing.state == LinkState.FAILING  # one failure is not yet "broken"
        assert failing.first_failed_at == now
        assert failing.consecutive_failures == 1
        assert failing.last_checked_at == now
    assert health[urls["missing"]].status_code == 404
    assert "timed out" in health[urls["hang"]].error


@pytest.mark.django_db
def test_broken_only_after_failures_spanning_more_than_a_day(server, check_settings, embassies):
    url = f"{server.base}/error"
    DirectoryLinkFactory(page=embassies, url=url)
    t0 = timezone.now() - timedelta(days=3)

    run_link_check([url], now=t0)
    run_link_check([url], now=t0 + timedelta(hours=6))
    health = LinkHealth.objects.get(url=url)
    assert health.state == LinkState.FAILING
    assert health.consecutive_failures == 2
    assert health.state_since == t0

    run_link_check([url], now=t0 + timedelta(hours=25))
    health.refresh_from_db()
    assert health.state == LinkState.BROKEN
    assert health.state_since == t0 + timedelta(hours=25)
    assert health.first_failed_at == t0
    assert health.status_code == 500


@pytest.mark.django_db
def test_a_blip_is_forgotten_when_the_link_answers_again(server, check_settings, embassies):
    url = f"{server.base}/flaky"
    DirectoryLinkFactory(page=embassies, url=url)
    t0 = timezone.now() - timedelta(days=3)

    server.flaky_down.set()
    run_link_check([url], now=t0)
    server.flaky_down.clear()
    run_link_check([url], now=t0 + timedelta(hours=30))

    health = LinkHealth.objects.get(url=url)
    assert health.state == LinkState.OK
    assert health.consecutive_failures == 0
    assert health.first_failed_at is None
    assert health.state_since == t0 + timedelta(hours=30)


@pytest.mark.django_db
def test_management_command_checks_every_listed_link(server, check_settings, embassies):
    embassies.links.all().delete()
    DirectoryLinkFactory(page=embassies, url=f"{server.base}/ok")
    DirectoryLinkFactory(page=embassies, url=f"{server.base}/moved")
    LinkHealthFactory(url="https://no-longer-listed.example.org/", state=LinkState.BROKEN)

    out = io.StringIO()
    call_command("check_links", "--timeout", "2", stdout=out)

    assert out.getvalue().strip() == "Checked 2 links: 1 ok, 1 redirected"
    assert set(LinkHealth.objects.values_list("url", "state")) == {
        (f"{server.base}/ok", "ok"),
        (f"{server.base}/moved", "redirected"),
    }


@pytest.mark.django_db
def test_scheduler_runs_the_daily_link_check(server, check_settings, embassies):
    embassies.links.all().delete()
    DirectoryLinkFactory(page=embassies, url=f"{server.base}/missing")
    [job] = [job for job in get_jobs() if job.name == "directory.check_links"]
    assert job.daily_at == "03:30"
    assert job.enabled

    states = job.func()

    assert states == {"failing": 1}
    assert LinkHealth.objects.get().status_code == 404


@pytest.mark.django_db
def test_api_marks_broken_links(client, server, check_settings, embassies):
    embassies.links.all().delete()
    DirectoryLinkFactory(page=embassies, name="Gone", url=f"{server.base}/error")
    t0 = timezone.now() - timedelta(days=2)
    run_link_check(now=t0)
    run_link_check(now=t0 + timedelta(days=1, hours=1))

    [link] = client.get(f"/api/v2/pages/{embassies.pk}/").json()["links"]
    assert link["health"]["state"] == "broken"
    assert link["health"]["is_broken"] is True
    assert link["health"]["status_code"] == 500


@pytest.mark.django_db
def test_check_links_shows_progress_with_rate_and_estimate_unless_quiet(
    server, check_settings, embassies
):
    embassies.links.all().delete()
    DirectoryLinkFactory(page=embassies, url=f"{server.base}/ok")
    DirectoryLinkFactory(page=embassies, url=f"{server.base}/moved")

    out, err = io.StringIO(), io.StringIO()
    call_command("check_links", "--timeout", "2", verbosity=1, stdout=out, stderr=err)
    # tqdm's line: done/total [elapsed<remaining, rate]
    assert re.search(r"2/2 \[\d\d:\d\d<\d\d:\d\d, +[\d.]+( links/s|s/ links)\]", err.getvalue())
    assert out.getvalue().strip() == "Checked 2 links: 1 ok, 1 redirected"

    out, err = io.StringIO(), io.StringIO()
    call_command("check_links", "--timeout", "2", verbosity=0, stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert out.getvalue().strip() == "Checked 2 links: 1 ok, 1 redirected"
