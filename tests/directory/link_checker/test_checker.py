"""The link checker against a real local HTTP server: what each answer means, HEAD then GET,
who it says it is, and politeness (requests in flight and spacing per host)."""

import asyncio
from collections import Counter

from directory.jobs import LinkChecker


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
