"""What ``cms.wagtail_internals`` relies on, pinned against the installed libraries.

One test per entry, named as the assumption it pins: after an upgrade, the first test that
fails names the private behaviour that changed, and the entry to rewrite. The last tests pin
the public APIs used where a private name used to be.
"""

import string
from http import HTTPStatus

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.forms.formsets import DELETION_FIELD_NAME, formset_factory
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from rest_framework.utils import model_meta
from taggit.managers import TaggableManager
from treebeard.mp_tree import MP_Node
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter
from wagtail.api.v3.errors import build_problem_detail
from wagtail.blocks import ListBlock, PageChooserBlock
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site

from cms import wagtail_internals as internals
from cms.delivery.api import HeraldPagesAPIViewSet, api_router
from cms.delivery.page_serializer import HeraldPageSerializer, TagNamesField
from news.factories import ArticlePageFactory, SectionPageFactory
from news.models import ArticlePage

pytestmark = pytest.mark.django_db


# --- treebeard: materialised paths ------------------------------------------------------


def test_page_paths_are_steps_of_four_base_36_digits_as_treebeard_makes_them():
    assert Page.steplen == MP_Node.steplen == 4
    assert Page.alphabet == MP_Node.alphabet == string.digits + string.ascii_uppercase


def test_parent_path_is_the_path_of_the_page_treebeard_calls_the_parent(section):
    child = SectionPageFactory(parent=section)
    story = ArticlePageFactory(parent=child)
    for page in (section, child, story):
        page = Page.objects.get(pk=page.pk)
        assert internals.parent_path(page.path) == page.get_parent().path


def test_parent_path_expression_reads_each_pages_parent_in_one_query(section):
    story = ArticlePageFactory(parent=SectionPageFactory(parent=section, title="Venezuela"))
    parent_title = Subquery(
        Page.objects.filter(path=internals.parent_path_expression(OuterRef("path"))).values(
            "title"
        )[:1]
    )
    titles = dict(
        Page.objects.filter(pk__in=[section.pk, story.pk])
        .annotate(parent_title=parent_title)
        .values_list("pk", "parent_title")
    )
    assert titles == {section.pk: section.get_parent().title, story.pk: "Venezuela"}


def test_get_parent_answers_the_parent_cache_parents_read_without_a_query(section):
    venezuela = SectionPageFactory(parent=section, title="Venezuela")
    pages = list(
        Page.objects.filter(pk__in=[ArticlePageFactory(parent=p).pk for p in (section, venezuela)])
    )
    internals.cache_parents(pages)
    with CaptureQueriesContext(connection) as queries:
        parents = [(page.get_parent().pk, page.get_parent().locale.language_code) for page in pages]
    assert len(queries) == 0
    assert {pk for pk, _ in parents} == {section.pk, venezuela.pk}


def test_children_path_range_at_the_next_depth_holds_exactly_the_children_treebeard_lists(
    section,
):
    stories = [ArticlePageFactory(parent=section) for _ in range(3)]
    ArticlePageFactory(parent=SectionPageFactory(parent=section))  # a grandchild
    ArticlePageFactory(parent=section.get_parent())  # a sibling's subtree
    children = list(section.get_children().values_list("pk", flat=True))
    assert len(children) == 4 and {story.pk for story in stories} < set(children)

    by_string = Page.objects.filter(
        path__range=internals.children_path_range(section.path), depth=section.depth + 1
    )
    path = Subquery(Page.objects.filter(pk=section.pk).values("path")[:1])
    by_expression = Page.objects.filter(
        path__range=internals.children_path_range(path), depth=section.depth + 1
    )
    assert list(by_string.order_by("path").values_list("pk", flat=True)) == children
    assert list(by_expression.order_by("path").values_list("pk", flat=True)) == children


def test_path_step_numbers_children_as_treebeard_adds_them(section):
    stories = [ArticlePageFactory(parent=section) for _ in range(3)]
    for position, story in enumerate(stories, start=1):
        assert story.path == section.path + internals.path_step(position)
        assert internals.step_position(story.path) == position
    for position in (1, 35, 36, 1295, 1296, 36**4 - 1):
        assert internals.path_step(position) == Page._get_path("", 1, position)
        assert internals.step_position("0001" + internals.path_step(position)) == position


def test_path_step_refuses_a_position_past_the_last_four_digit_step():
    assert internals.path_step(36**4 - 1) == "ZZZZ"
    with pytest.raises(ValueError, match="children"):
        internals.path_step(36**4)


# --- Wagtail: the request's site --------------------------------------------------------


def test_site_found_for_request_is_what_find_for_request_found_and_kept(site):
    request = RequestFactory().get("/")
    assert internals.site_found_for_request(request) is internals.NOT_LOOKED_UP
    found = Site.find_for_request(request)
    assert found == site
    assert internals.site_found_for_request(request) is found


def test_set_site_for_request_makes_find_for_request_answer_it_without_a_query(
    site, django_assert_num_queries
):
    other = Site.objects.create(hostname="other.example", port=8080, root_page=site.root_page)
    request = RequestFactory().get("/")  # the default site's host
    internals.set_site_for_request(request, other)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is other
    assert internals.site_found_for_request(request) is other


def test_get_url_parts_reads_the_site_root_paths_once_per_object_given_as_request(
    article, monkeypatch
):
    calls = []
    original = Site.get_site_root_paths

    def counted():
        calls.append(1)
        return original()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counted))
    cache = internals.url_parts_cache()
    section = article.get_parent()
    assert article.get_url_parts(cache)[2] == f"/{section.slug}/{article.slug}/"
    assert section.get_url_parts(cache)[2] == f"/{section.slug}/"
    assert len(calls) == 1
    article.get_url_parts(internals.url_parts_cache())
    assert len(calls) == 2


def test_pages_given_shared_site_root_paths_find_their_urls_without_reading_them_again(
    article, monkeypatch
):
    pages = [Page.objects.get(pk=article.pk).specific, article.get_parent().specific]
    internals.share_site_root_paths(pages)
    calls = []
    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(lambda: calls.append(1)))
    assert pages[0].get_url_parts()[2].endswith(f"/{article.slug}/")
    assert pages[1].url and pages[0].full_url
    assert calls == []


# --- Wagtail: API v2 serializers --------------------------------------------------------


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


# --- Wagtail: blocks --------------------------------------------------------------------


def test_list_value_is_what_list_block_to_python_makes_of_the_same_items_and_ids(section):
    stories = [ArticlePageFactory(parent=section) for _ in range(2)]
    block = ListBlock(PageChooserBlock())
    raw = [{"type": "item", "value": story.pk, "id": f"item-{story.pk}"} for story in stories]
    expected = block.to_python(raw)
    ours = internals.list_value(block, [(story, f"item-{story.pk}") for story in stories])
    assert [child.id for child in ours.bound_blocks] == [f"item-{s.pk}" for s in stories]
    assert [child.id for child in ours.bound_blocks] == [c.id for c in expected.bound_blocks]
    assert [page.pk for page in ours] == [page.pk for page in expected]
    assert block.get_prep_value(ours) == block.get_prep_value(expected) == raw


# --- Wagtail: reference index -----------------------------------------------------------


def test_reference_index_rows_carry_our_base_content_types_and_content_path_hashes(article):
    ReferenceIndex.create_or_update_for_object(article)
    rows = list(
        ReferenceIndex.objects.filter(
            content_type=ContentType.objects.get_for_model(ArticlePage), object_id=str(article.pk)
        )
    )
    by_path = {row.model_path: row for row in rows}
    assert {"source", "lead_image"} <= set(by_path)
    page_type = internals.reference_base_content_type(ArticlePage)
    assert page_type == ContentType.objects.get_for_model(Page)
    for row in rows:
        assert row.base_content_type_id == page_type.pk
        assert row.content_path_hash == internals.reference_content_path_hash(row.content_path)
    image_type = internals.reference_base_content_type(get_image_model())
    assert by_path["lead_image"].to_content_type_id == image_type.pk
    assert by_path["source"].to_content_type_id == (
        internals.reference_base_content_type(type(article.source)).pk
    )


# --- Public APIs used instead of private names ------------------------------------------


def test_a_tag_field_is_a_taggable_manager_that_drf_leaves_to_build_property_field():
    """``HeraldPageSerializer`` recognises tags by their field (not ``_TaggableManager``)."""
    assert isinstance(ArticlePage._meta.get_field("tags"), TaggableManager)
    info = model_meta.get_field_info(ArticlePage)
    assert "tags" not in info.fields and "tags" not in info.relations
    assert HeraldPageSerializer().build_property_field("tags", ArticlePage)[0] is TagNamesField


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 429, 503])
def test_a_problem_title_is_the_status_reason_phrase(status):
    """``problem`` (cms.delivery.schemas) titles with ``build_problem_detail``."""
    assert build_problem_detail(status=status).title == HTTPStatus(status).phrase


def test_is_cached_tells_whether_a_page_came_with_its_locale(article):
    """``page_loading.as_specific`` asks ``is_cached`` (not ``_state.fields_cache``)."""
    locale = Page._meta.get_field("locale")
    assert locale.is_cached(Page.objects.select_related("locale").get(pk=article.pk))
    assert not locale.is_cached(Page.objects.get(pk=article.pk))


def test_a_formset_deletes_the_forms_whose_delete_field_is_checked():
    """The directory's category form reads ``DELETE`` (not ``_should_delete_form``)."""

    class LinkForm(forms.Form):
        url = forms.CharField()

    formset_class = formset_factory(LinkForm, can_delete=True)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-url": "https://a.example/",
        "form-1-url": "https://b.example/",
        f"form-1-{DELETION_FIELD_NAME}": "on",
    }
    formset = formset_class(data)
    assert formset.is_valid()
    for form in formset.forms:
        deleted = form.cleaned_data.get(DELETION_FIELD_NAME, False)
        assert deleted == formset._should_delete_form(form)
    assert [form.cleaned_data.get(DELETION_FIELD_NAME) for form in formset.forms] == [
        False,
        True,
    ]


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


# --- Wagtail: hooks ---------------------------------------------------------------------


def test_a_hook_function_can_be_taken_out_of_wagtails_registry():
    from wagtail import hooks

    def button(page, user, view_name=None, next_url=None):
        return []

    hooks.register("herald_test_hook", button)
    assert button in hooks.get_hooks("herald_test_hook")
    internals.unregister_hook("herald_test_hook", button)
    assert button not in hooks.get_hooks("herald_test_hook")


def test_wagtail_localizes_listing_buttons_are_out_of_page_listings():
    from wagtail import hooks
    from wagtail_localize import wagtail_hooks as localize_hooks

    listing = hooks.get_hooks("register_page_listing_more_buttons")
    assert localize_hooks.page_listing_more_buttons not in listing
    assert localize_hooks.page_listing_more_buttons in hooks.get_hooks(
        "register_page_header_buttons"
    )
