"""The router: the replica for reads inside a replica read, the primary for everything else."""

from cms.delivery.replica.routing import ReplicaRouter, replica_reads
from cms.preview.models import PagePreview


def test_router_reads_the_replica_only_inside_a_replica_read():
    router = ReplicaRouter()
    assert router.db_for_read(PagePreview) == "default"
    with replica_reads():
        assert router.db_for_read(PagePreview) == "replica"
        assert router.db_for_write(PagePreview) == "default"
    assert router.db_for_read(PagePreview) == "default"
    assert router.allow_migrate("default", "home") is True
    assert router.allow_migrate("replica", "home") is False


def test_router_allows_relations_between_primary_and_replica_rows():
    one, other = PagePreview(), PagePreview()
    one._state.db, other._state.db = "default", "replica"
    assert ReplicaRouter().allow_relation(one, other) is True
    other._state.db = "elsewhere"
    assert ReplicaRouter().allow_relation(one, other) is None
