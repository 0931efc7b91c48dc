"""The operations of a django-ninja API, as ``cms.wagtail_internals.ninja_operations`` lists
them."""

import pytest

from cms.wagtail_internals import ninja_operations as internals

pytestmark = pytest.mark.django_db


def test_ninja_lists_an_apis_operations_with_the_path_its_document_shows():
    from wagtail.api.v3.urls import api as api_v3

    import cms.delivery.api  # noqa: F401 - mounts the apps' routers and builds the URLs

    found = {
        (path, method)
        for path, operation in internals.api_operations(api_v3)
        for method in operation.methods
    }
    assert ("/pages/{page_id}/actions/publish/", "POST") in found
    assert ("/markets/quotes/", "POST") in found
    # What the document is built from: ninja merges openapi_extra into each operation's entry.
    schema = api_v3.get_openapi_schema(path_prefix="/api/v3/")
    assert 409 in schema["paths"]["/api/v3/pages/{page_id}/actions/publish/"]["post"]["responses"]
