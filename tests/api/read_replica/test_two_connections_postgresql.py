"""PostgreSQL: real WAL positions, and a replica that really shows the past."""

import pytest
from django.db import connections, transaction
from django.test import Client

from cms.delivery.replica import positions
from cms.delivery.replica.positions import required_lsn
from news.factories import ArticlePageFactory
from tests.api.read_replica.conftest import BOTH_DBS, LISTING, titles


@pytest.mark.postgres
@BOTH_DBS
def test_postgresql_invalidation_records_the_primary_wal_position(section, article):
    client = Client()
    ArticlePageFactory(parent=section, title="Breaking: a new story").save_revision().publish()
    recorded = required_lsn()
    assert recorded and positions.parse_lsn(recorded) > 0
    # The mirror is a primary (pg_last_wal_replay_lsn() is NULL): current, so it is used.
    assert positions.replica_replay(recorded) == (True, None)
    response = client.get(LISTING)
    assert "Breaking: a new story" in titles(response)


@pytest.mark.postgres
@pytest.mark.parametrize("replica_lags", [True, False])
@BOTH_DBS
def test_postgresql_stale_replica_snapshot_is_never_cached_when_the_lag_is_seen(
    wal, settings, section, article, replica_lags
):
    """The replica connection reads a snapshot from before the publication (a lagging replica).

    When its replay position says it lags, the refill reads the primary and caches the new
    story; were the lag not seen, the old listing would be cached under the new generation.
    """
    settings.API_RESPONSE_CACHE_SECONDS = 3600
    client = Client()
    assert titles(client.get(LISTING)) == [article.title]
    with transaction.atomic(using="replica"):
        with connections["replica"].cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT count(*) FROM wagtailcore_page")  # takes the snapshot
        ArticlePageFactory(parent=section, title="Breaking: a new story").save_revision().publish()
        if not replica_lags:
            wal.catch_up()
        refill = client.get(LISTING)
    cached = titles(client.get(LISTING))
    if replica_lags:
        assert "Breaking: a new story" in titles(refill) and "Breaking: a new story" in cached
    else:
        assert cached == [article.title]  # the hazard the guard exists for
