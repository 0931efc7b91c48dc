"""Wagtail's API v2 serializer classes, as ``cms.wagtail_internals.api_v2`` builds them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter

from cms.delivery.api import HeraldPagesAPIViewSet, api_router
from cms.delivery.page_serializer import HeraldPageSerializer
from cms.wagtail_internals import api_v2 as internals
from news.models import ArticlePage

pytestmark = pytest.mark.django_db


def listing_view(site, query):
    request = RequestFactory().get("/api/v2/pages/", query)
    request.user = AnonymousUser()
    request.session = {}
    request.wagtailapi_router = api_router
    view = HeraldPagesAPIViewSet(action_map={"get": "listing_view"})
    view.setup(request)
    view.request = view.initialize_request(request)
    view.action = "listing_view"
    view.format_kwarg = None
    return view


@pytest.mark.parametrize("fields", ["", "title,deck", "*", "_,title,tags", "*,-body"])
def test_api_serializer_class_is_the_class_the_endpoint_serializes_a_listing_with(site, fields):
    query = {"type": "news.ArticlePage", **({"fields": fields} if fields else {})}
    view = listing_view(site, query)
    # As the endpoint reads ?fields= (a listing's ``*`` leaves out ``translations``).
    config = parse_fields_parameter(view.requested_fields()) if fields else []
    ours = internals.api_serializer_class(
        HeraldPagesAPIViewSet, api_router, ArticlePage, config, show_details=False
    )
    endpoint = view.get_serializer_class()
    assert ours.Meta.fields == endpoint.Meta.fields
    assert ours.meta_fields == endpoint.meta_fields
    assert issubclass(ours, HeraldPageSerializer)


def test_api_serializer_class_with_details_adds_detail_only_fields_and_refuses_unknown_ones():
    every = [("*", False, None)]
    detail = internals.api_serializer_class(
        HeraldPagesAPIViewSet, api_router, ArticlePage, every, show_details=True
    )
    listing = internals.api_serializer_class(
        HeraldPagesAPIViewSet, api_router, ArticlePage, every, show_details=False
    )
    assert "parent" in detail.Meta.fields and "parent" not in listing.Meta.fields
    assert {"id", "title", "body", "tags", "bylines"} <= set(detail.Meta.fields)
    with pytest.raises(BadRequestError, match="unknown fields: nonsense"):
        internals.api_serializer_class(
            HeraldPagesAPIViewSet,
            api_router,
            ArticlePage,
            [("nonsense", False, None)],
            show_details=False,
        )
