"""Upcoming publications: scheduled, awaiting approval and embargoed, in newsroom time."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.factories import ArticlePageFactory

URL = "/admin/upcoming-publications/"


@pytest.fixture
def planned(newsroom, settings):
    settings.TIME_ZONE = "America/Caracas"
    tomorrow = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)

    def story(title, embargo=False):
        page = ArticlePageFactory(parent=newsroom.world, title=title, live=False)
        page.go_live_at = tomorrow
        if embargo:
            page.embargo_until = tomorrow
            page.save()
        page.save_revision(user=newsroom.editor)
        return page

    approved = story("Approved story")
    state = approved.get_workflow().start(approved, newsroom.editor)
    state.current_task_state.task.specific.on_action(
        state.current_task_state, newsroom.moderator, "approve"
    )
    proposed = story("Proposed story")
    proposed.get_workflow().start(proposed, newsroom.editor)
    story("Embargoed story", embargo=True).save_revision().publish()
    return tomorrow


def rows(html):
    cells = re.findall(
        r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td><a[^>]*>(.*?)</a></td>"
        r"\s*<td>.*?</td>\s*<td>.*?</td>\s*<td>(.*?)</td>",  # language and embargo skipped
        html,
        re.S,
    )
    return {(title, what, state) for _time, what, title, state in cells}


def test_each_entry_says_whether_it_is_scheduled_awaiting_approval_or_embargoed(
    client, newsroom, planned
):
    client.force_login(newsroom.moderator)
    html = client.get(URL).content.decode()
    assert rows(html) == {
        ("Approved story", "Goes live", "scheduled"),
        ("Proposed story", "Goes live", "awaiting approval"),
        ("Embargoed story", "Goes live", "scheduled, embargoed"),
        ("Embargoed story", "Embargo lifts", "embargoed"),
    }


def test_times_are_local_and_the_page_names_no_command(client, newsroom, planned):
    client.force_login(newsroom.moderator)
    html = client.get(URL).content.decode()
    assert "run_scheduler" not in html and "manage.py" not in html
    assert "Time (Caracas time)" in html
    assert f"<td>{timezone.localtime(planned):%H:%M}</td>" in html


def test_the_page_costs_the_same_queries_for_more_stories(client, newsroom, planned):
    client.force_login(newsroom.moderator)
    client.get(URL)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    few = count()
    for index in range(4):
        page = ArticlePageFactory(parent=newsroom.world, title=f"More {index}", live=False)
        page.go_live_at = planned
        page.save_revision(user=newsroom.editor)
        page.get_workflow().start(page, newsroom.editor)
    assert count() == few
