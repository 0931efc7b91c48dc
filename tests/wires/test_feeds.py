"""Polled feeds over real HTTP (a local server): validators, credentials, limits, the job."""

import pytest
from django.utils import timezone

from news.wires.feeds import due_feeds, poll
from news.wires.jobs import poll_feeds_job
from news.wires.models import WireFeed, WireItem
from tests.wires.conftest import ETAG

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed(server):
    return WireFeed.objects.create(
        name="andes", agency="andes", url=f"http://127.0.0.1:{server.server_port}/rss"
    )


def test_a_poll_ingests_the_feeds_items_and_keeps_its_validators(feed):
    assert poll(feed) == "2 created"
    assert WireItem.objects.filter(agency="andes").count() == 2
    feed.refresh_from_db()
    assert (feed.etag, feed.last_result) == (ETAG, "2 created")
    assert feed.last_modified == "Fri, 04 Dec 2026 10:00:00 GMT"


def test_the_next_poll_sends_if_none_match_and_if_modified_since_and_a_304_changes_nothing(
    feed, server
):
    poll(feed)
    assert poll(feed) == "not modified"
    assert server.requests[-1]["If-None-Match"] == ETAG
    assert server.requests[-1]["If-Modified-Since"] == "Fri, 04 Dec 2026 10:00:00 GMT"
    assert WireItem.objects.count() == 2


def test_credentials_come_from_the_setting_by_feed_name(feed, server, settings):
    settings.WIRE_FEED_CREDENTIALS = {"andes": "desk:s3cret"}
    poll(feed)
    assert server.requests[-1]["Authorization"] == "Basic ZGVzazpzM2NyZXQ="
    settings.WIRE_FEED_CREDENTIALS = {"andes": "Bearer abc"}
    feed.etag = ""
    poll(feed)
    assert server.requests[-1]["Authorization"] == "Bearer abc"


def test_a_feed_above_the_size_limit_is_rejected_and_nothing_is_stored(feed, settings):
    settings.WIRE_MAX_FILE_BYTES = 200
    assert poll(feed) == "rejected: larger than the limit of 200 bytes"
    assert not WireItem.objects.exists()


def test_http_errors_and_unreachable_feeds_are_recorded_not_raised(feed, server):
    server.status = 503
    assert poll(feed) == "error: HTTP 503"
    feed.url = "http://127.0.0.1:1/nothing"
    assert poll(feed).startswith("error: ConnectError")
    feed.refresh_from_db()
    assert feed.last_result.startswith("error: ConnectError")


def test_each_due_feed_is_claimed_once_per_interval(feed):
    assert due_feeds() == [feed]
    assert due_feeds() == []
    assert due_feeds(timezone.now() + timezone.timedelta(seconds=61)) == [feed]


def test_the_job_queues_a_poll_of_each_due_feed_and_the_worker_ingests_it(feed):
    assert poll_feeds_job() == "1 feed(s) due"
    assert WireItem.objects.filter(agency="andes").count() == 2
