"""Directory pages in API v2 and v3 (links and health inline), and the link search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.factories import DirectoryLinkFactory, LinkHealthFactory
from directory.models import LinkState

SEARCH = "/api/v3/directory/links/"


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def count_queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response.json()


@pytest.fixture
def broken_spain(embassies):
    first_failed = timezone.now() - timezone.timedelta(days=3)
    return LinkHealthFactory(
        url=embassies.links.first().url,
        state=LinkState.BROKEN,
        state_since=timezone.now() - timezone.timedelta(days=1),
        status_code=404,
        consecutive_failures=3,
        first_failed_at=first_failed,
        last_checked_at=timezone.now(),
    )


def add_links(category, count):
    for i in range(count):
        url = f"https://links{category.pk}-{i}.example.org/"
        DirectoryLinkFactory(page=category, url=url, sort_order=i)
        LinkHealthFactory(url=url, state=LinkState.OK)
