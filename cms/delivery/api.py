"""API composition: Wagtail API v2 (public reads) and v3 (typed reads, token writes).

Each app contributes what it owns: page types declare ``api_fields``, blocks
serialise themselves, and apps expose their own routers (``<app>/api.py``),
added to the v3 API here.
"""

from django.core.exceptions import RequestDataTooBig
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from wagtail.api.v2.filters import ChildOfFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import (
    BadRequestError,
    page_models_from_string,
    parse_fields_parameter,
)
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as api_v3
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, PageViewRestriction, Site

from cms.delivery import visibility
from cms.delivery.api_documents import APIDocumentsMixin
from cms.delivery.batch import api_batch
from cms.delivery.conf import settings
from cms.delivery.counts import count_meta, is_estimate, with_cached_count
from cms.delivery.extensions import pages_filters, v2_endpoints, v3_routers
from cms.delivery.filters import BatchedChildOfFilter, checked_backends
from cms.delivery.input_guard import body_too_large
from cms.delivery.locales import edition_for_path, editions
from cms.delivery.openapi import declare_problems
from cms.delivery.page_loading import as_specific, select_specific
from cms.delivery.page_serializer import HeraldPageSerializer
from cms.delivery.paths import find_site
from cms.delivery.prefetch import prefetch_for_api
from cms.delivery.projection import serializer_class_for
from cms.delivery.translations import attach_translations
from cms.search.filters import (
    RankedSearchFilter,
    database_search,
    search_highlights,
    search_meta,
)
from cms.wagtail_internals.api_v3 import narrow_v3_public_pages
from cms.wagtail_internals.sites import set_site_for_request


class HeraldPagesAPIViewSet(APIDocumentsMixin, PagesAPIViewSet):
    base_serializer_class = HeraldPageSerializer
    # Apps' filters (e.g. the news plugin's ``?tag=&country=``) run before Wagtail's own.
    filter_backends = [
        *pages_filters(),
        *(
            {ChildOfFilter: BatchedChildOfFilter, SearchFilter: RankedSearchFilter}.get(
                backend, backend
            )
            for backend in checked_backends(PagesAPIViewSet.filter_backends)
        ),
    ]
    app_query_parameters = frozenset().union(
        *(getattr(backend, "query_parameters", ()) for backend in pages_filters())
    )
    known_query_parameters = PagesAPIViewSet.known_query_parameters | app_query_parameters
    # Each page's public translations (cms.delivery.translations): in every detail, and in
    # a listing's items when asked for by name (``requested_fields``).
    meta_fields = [*PagesAPIViewSet.meta_fields, "translations"]
    # Whether this answer's ``total_count`` is an estimate (``cms.delivery.counts``).
    estimated_count = False

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            # ``source=efe`` is an app's filter (by slug), not a raw foreign-key filter.
            fields = [name for name in fields if name not in cls.app_query_parameters]
        return fields

    def requested_fields(self):
        """``?fields=`` as this answer reads it: a listing's ``*`` leaves out ``translations``
        (another query), which a listing carries only when asked for by name."""
        fields = self.request.GET.get("fields", "")
        if self.action != "listing_view" or not fields.lstrip().startswith("*"):
            return fields
        try:
            named = {name for name, _, _ in parse_fields_parameter(fields)}
        except ValueError:
            return fields  # Wagtail's 400 names the error
        return fields if "translations" in named else fields + ",-translations"

    def find_view(self, request):
        """The page at ``html_path`` (or ``id``) in one answer, in the detail shape.

        Stock Wagtail answers with a redirect to the detail URL, which costs every
        client a second round trip per page; clients that follow redirects get the
        same body either way.
        """
        if self.documents_allowed() and "html_path" in request.GET:
            found = self.find_queryset(self.get_queryset(), request)
            response = None if found is None else self.document_response(self.document_row(found))
            if response is not None:
                return response
        try:
            page = self.find_object(self.get_queryset(), request)
        except self.model.DoesNotExist:
            page = None
        if page is None:
            raise Http404("not found")
        self.kwargs["pk"] = page.pk
        self._api_object = self.load_for_api(page)  # found among the visible pages
        return self.detail_view(request, pk=page.pk)

    def find_object(self, queryset, request):
        """The visible page at ``html_path`` (by its ``url_path``, in one query) or ``id``.

        Wagtail routes segment by segment (two queries per segment, then a
        visibility check); no page type here overrides ``route``, so a page's
        path in the site is its ``url_path`` under its edition's root page (the site's
        root page, or its translation under a language prefix such as ``/es/``).
        """
        found = self.find_queryset(queryset, request)
        if found is None:
            page_id = request.GET.get("id")
            if page_id is not None and not (page_id.isascii() and page_id.isdigit()):
                raise BadRequestError("id must be a page id (a whole number)")
            return super().find_object(queryset, request)
        page = select_specific(found).first()
        if page is not None:
            return as_specific(page)
        return super().find_object(queryset, request)

    def find_queryset(self, queryset, request):
        """The visible pages at ``html_path`` (one or none), or None without a site or path."""
        site = Site.find_for_request(request)
        if "html_path" not in request.GET or site is None:
            return None
        components = [part for part in request.GET["html_path"].split("/") if part]
        edition, components = edition_for_path(site, components)
        if edition is None:
            return queryset.none()
        url_path = edition.url_path + "".join(f"{part}/" for part in components)
        return queryset.filter(url_path=url_path)

    def dispatch(self, request, *args, **kwargs):
        with api_batch():
            find_site(request)
            return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        """Live pages of the requested site that this request may see, built once per request.

        For a reader who has passed no view restriction (anonymous, no password
        in the session) the public boundary (``cms.delivery.visibility``) is
        applied inside the page query itself (for a search, as one ``pk IN (…)``
        the search backend accepts). Wagtail's version, used otherwise and for
        searches with Elasticsearch/OpenSearch, first reads every restriction to
        decide which apply to the request; the rest of the boundary (hidden or
        expired ancestors, expiry, embargo) is added to it, except for
        Elasticsearch/OpenSearch, which take plain field filters only.
        """
        if hasattr(self, "_base_queryset"):
            return self._base_queryset
        request = self.request
        if (
            not self.public_reader()
            # Elasticsearch/OpenSearch only take plain field filters (no NOT EXISTS)
            or ("search" in request.GET and not database_search())
        ):
            self._base_queryset = super().get_base_queryset()
            if "search" not in request.GET or database_search():
                self._base_queryset = self._base_queryset.filter(
                    visibility.public_q(view_restrictions=False)
                )
            return self._base_queryset
        if "search" in request.GET:
            # The search backend accepts field lookups only.
            queryset = self.searchable_public_in_site(Page.objects.all())
        else:
            queryset = self.public_in_site(Page.objects.all())
        self._base_queryset = queryset
        return self._base_queryset

    def requested_site(self):
        """The site of ``?site=`` or of the request (None when there is none)."""
        try:
            return SiteFilterValidator(
                site=self.request.GET.get("site"), request=self.request
            ).site_obj
        except ValueError as e:
            raise BadRequestError(str(e)) from e

    def public_in_site(self, queryset):
        """``queryset`` narrowed to the public pages of the requested site (``?site=``)."""
        site = self.requested_site()
        if site is None:
            return queryset.none()
        roots = tuple((edition.path, edition.depth) for edition in editions(site))
        return visibility.public_pages_under_roots(queryset.model, roots).all()

    def searchable_public_in_site(self, queryset):
        """``public_in_site`` in field lookups, for a search with a database backend
        (``visibility.public_lookups_q``)."""
        site = self.requested_site()
        if site is None:
            return queryset.none()
        within = Q()
        for edition in editions(site):
            within |= Q(path__startswith=edition.path, depth__gte=edition.depth)
        return queryset.filter(within).filter(visibility.public_lookups_q())

    def public_reader(self):
        """Whether the request sees what anyone sees: signed out, no view restriction passed."""
        request = self.request
        session = getattr(request, "session", {})
        return not (
            request.user.is_authenticated
            or session.get(PageViewRestriction.passed_view_restrictions_session_key)
        )

    def check_parent(self, parent_id):
        """``child_of`` was not looked up first (BatchedChildOfFilter): an empty page checks it."""
        if not self.get_base_queryset().filter(pk=parent_id).exists():
            raise BadRequestError("parent page doesn't exist")

    def get_queryset(self):
        model = self.single_type()
        if model is not None and self.public_reader() and "search" not in self.request.GET:
            # One page type for a public reader: filtered in its own query, not through
            # Wagtail's ``pk IN (public pages)`` subquery (simpler to plan and to build).
            queryset = self.public_in_site(model.objects.all())
        elif model is not None and self.public_reader() and database_search():
            queryset = self.searchable_public_in_site(model.objects.all())
        else:
            queryset = super().get_queryset()
        return queryset.select_related("locale", *getattr(queryset.model, "api_select_related", ()))

    def single_type(self):
        """The page model of ``?type=`` when it names exactly one, else None (Wagtail's 400s
        for unknown types come from its own ``get_queryset``)."""
        value = self.request.GET.get("type")
        if not value or "," in value:
            return None
        try:
            (model,) = page_models_from_string(value)
        except (LookupError, ValueError):
            return None
        return model

    def paginate_queryset(self, queryset):
        counted = with_cached_count(queryset, self)
        self.estimated_count = is_estimate(counted)
        items = list(super().paginate_queryset(counted))
        child_of = getattr(self, "child_of_id", None)
        if child_of is not None and not items:
            self.check_parent(child_of)
        fields = set(self.get_serializer_class().Meta.fields)
        prefetch_for_api(items, self.get_base_queryset(), fields)
        if "translations" in fields:
            attach_translations(items)
        return items

    def get_paginated_response(self, data):
        marks = search_highlights(self.request, [item["id"] for item in data if "id" in item])
        for item in data:
            if item.get("id") in marks:
                item.setdefault("meta", {})["highlight"] = marks[item["id"]]
        response = super().get_paginated_response(data)
        response.data["meta"].update(search_meta(self.request), **count_meta(self.estimated_count))
        return response

    def get_serializer_class(self):
        # Built once per request: paginate_queryset reads the requested fields from it.
        if not hasattr(self, "_serializer_class"):
            if self.action == "listing_view":
                self._serializer_class = serializer_class_for(
                    type(self),
                    self.request.wagtailapi_router,
                    self.get_queryset().model,
                    self.requested_fields(),
                    False,
                )
            else:
                self._serializer_class = super().get_serializer_class()
        return self._serializer_class

    def get_object(self):
        if not hasattr(self, "_api_object"):
            # The visible page as Wagtail's base viewset finds it, with its specific
            # row in the same query (Wagtail's own get_object adds ``.specific``).
            queryset = select_specific(self.filter_queryset(self.get_queryset()))
            page = get_object_or_404(queryset, pk=self.kwargs["pk"])
            self.check_object_permissions(self.request, page)
            self._api_object = self.load_for_api(as_specific(page))
        return self._api_object

    def load_for_api(self, page):
        """A visible page as its specific type, with what its API representation reads."""
        model = page.specific_class or type(page)
        if type(page) is not model:  # found by Wagtail's routing: a base page row
            page = model.objects.select_related(
                "locale", *getattr(model, "api_select_related", ())
            ).get(pk=page.pk)
        prefetch_for_api([page], self.get_base_queryset())
        return page

    def get_renderer_context(self):
        """Compact JSON: Wagtail pretty-prints every answer (``indent=4``), which makes a
        listing a third larger and forces Python's pure-Python encoder (~5 ms a listing)."""
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            # An estimated count is exact again once the worker has counted: not kept.
            max_age = 0 if self.estimated_count else settings.API_CACHE_SECONDS
            patch_cache_control(response, public=True, max_age=max_age)
        return response


class HeraldImagesAPIViewSet(ImagesAPIViewSet):
    filter_backends = checked_backends(ImagesAPIViewSet.filter_backends)


class HeraldDocumentsAPIViewSet(DocumentsAPIViewSet):
    filter_backends = checked_backends(DocumentsAPIViewSet.filter_backends)


def render_documents(page_ids):
    """Render and store the API documents of these pages (for ``render_missing`` of
    ``cms.delivery.documents.rendering``): each as an anonymous reader of its site (any of
    its editions) reads it. Returns how many were stored."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    remaining, stored = set(page_ids), 0
    sites = sorted(
        Site.objects.select_related("root_page"),
        key=lambda site: len(site.root_page.path),
        reverse=True,  # a page belongs to the site with the deepest root above it
    )
    for site in sites:
        within = Q()
        for edition in editions(site):  # the site's root page and its translations
            within |= Q(path__startswith=edition.path)
        ids = set(Page.objects.filter(within, pk__in=remaining).values_list("pk", flat=True))
        if not ids:
            continue
        remaining -= ids
        request = HttpRequest()
        request.method = "GET"
        request.path = request.path_info = "/api/v2/pages/"
        request.META = {"SERVER_NAME": site.hostname, "SERVER_PORT": str(site.port)}
        request.user = AnonymousUser()
        request.wagtailapi_router = api_router
        set_site_for_request(request, site)
        view = HeraldPagesAPIViewSet(action_map={"get": "detail_view"})
        view.setup(request)
        view.request = view.initialize_request(request)
        view.action = "detail_view"
        view.format_kwarg = None
        with api_batch():
            stored += view.render_documents(sorted(ids))
    return stored


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", HeraldPagesAPIViewSet)
api_router.register_endpoint("images", HeraldImagesAPIViewSet)
api_router.register_endpoint("documents", HeraldDocumentsAPIViewSet)
# Endpoints apps add (cms.delivery.extensions), e.g. the preview of drafts.
for _name, _viewset in v2_endpoints():
    api_router.register_endpoint(_name, _viewset)

# v3: Wagtail's API object, with the public boundary on its page reads, plus the routers
# apps register (cms.delivery.extensions).
narrow_v3_public_pages(visibility.v3_public_pages)
# A body read past DATA_UPLOAD_MAX_MEMORY_SIZE (sent without a length the input guard checks).
api_v3.add_exception_handler(RequestDataTooBig, body_too_large)
for _prefix, _router in v3_routers():
    api_v3.add_router(_prefix, _router)
api_v3_urls = api_v3.urls
# Relative to where the document is served: the API's paths carry their /api/v3/ prefix.
api_v3.servers = [{"url": "/", "description": "This CMS"}]
declare_problems(api_v3)
