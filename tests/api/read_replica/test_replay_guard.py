"""The replay guard: after a publication, reads stay on the primary until the replica has
replayed it (WAL positions stubbed)."""

from django.db import DatabaseError
from django.http import HttpResponse
from django.test import RequestFactory

from cms.delivery.replica import positions
from cms.delivery.replica.middleware import ReplicaReadMiddleware
from cms.delivery.replica.positions import record_primary_lsn, required_lsn
from tests.api.read_replica.conftest import LISTING, routed


def test_a_lagging_replica_sends_reads_to_the_primary_until_it_catches_up(wal):
    assert routed(LISTING, replay_reader=wal.replay) is True  # nothing published yet
    assert wal.checks == []

    record_primary_lsn()  # a publication: invalidate_api_cache() records the position
    assert required_lsn() == wal.lsn(wal.primary)
    assert routed(LISTING, replay_reader=wal.replay) is False
    wal.catch_up()
    assert routed(LISTING, replay_reader=wal.replay) is True


def test_a_replica_seen_current_is_not_asked_again_for_older_positions(wal):
    record_primary_lsn()
    wal.catch_up()
    middleware = ReplicaReadMiddleware(lambda request: HttpResponse(), replay_reader=wal.replay)
    for _ in range(3):
        middleware(RequestFactory().get(LISTING))
    assert len(wal.checks) == 1  # memoised: the replica was seen at or past this position

    record_primary_lsn()  # the next publication needs a newer position: asked again
    middleware(RequestFactory().get(LISTING))
    middleware(RequestFactory().get(LISTING))
    assert len(wal.checks) == 3  # and again while it lags: a lag is never remembered


def test_an_unreadable_primary_position_keeps_reads_on_the_primary(wal, monkeypatch):
    def broken():
        raise DatabaseError("connection lost")

    monkeypatch.setattr(positions, "primary_wal_lsn", broken)
    record_primary_lsn()
    assert routed(LISTING, replay_reader=wal.replay) is False


def test_an_unreachable_replica_keeps_reads_on_the_primary(wal):
    def unreachable(required):
        raise DatabaseError("could not connect to server")

    record_primary_lsn()
    assert routed(LISTING, replay_reader=unreachable) is False


def test_nothing_is_recorded_without_a_replica(settings, wal):
    settings.DATABASE_ROUTERS = []
    record_primary_lsn()
    assert required_lsn() is None
