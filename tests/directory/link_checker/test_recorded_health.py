"""Recorded link health: states per URL, broken only after failures spanning a day, blips
forgotten, the command, the daily job, the API and the progress it shows."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.publishing.jobs import get_jobs
from directory.factories import DirectoryLinkFactory, LinkHealthFactory
from directory.jobs import run_link_check
from directory.models import LinkHealth, LinkState
from tests.directory.link_checker.conftest import SLOW_SECONDS


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
