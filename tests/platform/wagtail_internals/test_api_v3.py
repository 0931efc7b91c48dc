"""Wagtail's API v3 page reads, which ``cms.wagtail_internals.api_v3`` narrows."""

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_the_v3_pages_router_reads_its_queryset_through_the_module_name_we_wrap(
    client, section, article
):
    """``narrow_v3_public_pages`` wraps ``wagtail.api.v3.routers.pages.get_pages_queryset``:
    every v3 page read must still look that name up when it runs."""
    from wagtail.api.v3.routers import pages as v3_pages_router

    client.get("/api/v3/pages/")  # the URLconf (and so the wrapper) is loaded
    wrapped = v3_pages_router.get_pages_queryset
    assert getattr(wrapped, "herald_narrowed", False)
    calls = []

    def spy(request, model=Page):
        calls.append(model)
        return wrapped(request, model)

    v3_pages_router.get_pages_queryset = spy
    try:
        assert client.get("/api/v3/pages/").status_code == 200
        assert client.get(f"/api/v3/pages/{article.pk}/").status_code == 200
    finally:
        v3_pages_router.get_pages_queryset = wrapped
    assert len(calls) >= 2
