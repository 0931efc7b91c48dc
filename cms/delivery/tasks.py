"""The worker's part of the API: counting a large listing again after its readers were given
an estimate (``cms.delivery.counts``)."""

from django_tasks import task

from cms.delivery import count_store


@task()
def recount_listing(alias: str, digest: str) -> int | None:
    """The exact ``total_count`` of listing ``digest``, kept for its next readers."""
    return count_store.recount(alias, digest)
