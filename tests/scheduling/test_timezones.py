"""Time zones: local times in the admin and the API, UTC in the database, DST-proof jobs."""

from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cms.publishing import job_slots, jobs
from cms.publishing.models import JobRun
from news.factories import ArticlePageFactory
from tests.news.article_form import article_form
from tests.scheduling.conftest import v3

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def new_york(settings):
    settings.TIME_ZONE = "America/New_York"
    return NEW_YORK


@pytest.fixture
def daily_jobs():
    saved = dict(jobs._registry)
    jobs._registry.clear()
    runs = []
    jobs.register("test.headlines", daily_at="06:00")(lambda: runs.append("headlines"))
    jobs.register("test.skipped_hour", daily_at="02:30")(lambda: runs.append("skipped_hour"))
    jobs.register("test.repeated_hour", daily_at="01:30")(lambda: runs.append("repeated_hour"))
    yield runs
    jobs._registry.clear()
    jobs._registry.update(saved)


def ticks(start, end, every=timedelta(minutes=20)):
    at = start
    while at < end:
        yield at
        at += every


@pytest.mark.parametrize(
    "first_day, change",
    [
        (datetime(2026, 3, 7), "spring forward on 8 March: 02:00 EST becomes 03:00 EDT"),
        (datetime(2026, 10, 31), "fall back on 1 November: 01:00-02:00 happens twice"),
    ],
)
def test_daily_jobs_run_once_per_local_day_across_a_dst_change(
    new_york, daily_jobs, first_day, change
):
    start = first_day.replace(tzinfo=NEW_YORK)
    for now in ticks(start.astimezone(UTC), (start + timedelta(days=3)).astimezone(UTC)):
        job_slots.run_due_jobs(now)

    per_day = Counter(
        (run.name, timezone.localtime(run.due_at, NEW_YORK).date()) for run in JobRun.objects.all()
    )
    days = [(first_day + timedelta(days=n)).date() for n in range(3)]
    for name in ("test.headlines", "test.skipped_hour", "test.repeated_hour"):
        assert [per_day[(name, day)] for day in days] == [1, 1, 1], (name, change)
    assert Counter(daily_jobs) == {"headlines": 3, "skipped_hour": 3, "repeated_hour": 3}
    headlines = sorted(run.due_at for run in JobRun.objects.filter(name="test.headlines"))
    assert [timezone.localtime(t, NEW_YORK).hour for t in headlines] == [6, 6, 6]
    assert len({t.astimezone(UTC).hour for t in headlines}) == 2, "the UTC hour moves with DST"


def test_go_live_is_entered_in_local_time_and_stored_in_utc(new_york, client, editor, token, draft):
    """Editors type newsroom time on both sides of next spring's change; UTC is stored."""
    client.force_login(editor)
    other = ArticlePageFactory(parent=draft.get_parent(), title="Early Edition", live=False)
    before, after = "2027-03-14 01:30", "2027-03-14 03:30"  # EST (UTC-5), EDT (UTC-4)
    for page, local_time, utc in ((other, before, "06:30"), (draft, after, "07:30")):
        response = client.post(
            f"/admin/pages/{page.pk}/edit/",
            article_form(page, go_live_at=local_time, **{"action-publish": "1"}),
        )
        assert response.status_code == 302, response.context["form"].errors
        revision = page.revisions.get(approved_go_live_at__isnull=False)
        assert revision.approved_go_live_at.astimezone(UTC).strftime("%H:%M") == utc

    calendar = v3(
        client,
        "get",
        "/api/v3/calendar/",
        token,
        {"start": "2027-03-13T00:00:00Z", "end": "2027-03-16T00:00:00Z"},
    ).json()
    assert calendar["time_zone"] == "America/New_York"
    go_lives = [(i["page"]["id"], i["at"]) for i in calendar["items"] if i["kind"] == "go_live"]
    assert go_lives == [
        (other.pk, "2027-03-14T01:30:00-05:00"),
        (draft.pk, "2027-03-14T03:30:00-04:00"),
    ]

    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert after in html
