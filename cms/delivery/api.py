"""API composition: Wagtail API v2 (public reads) and v3 (typed reads, token writes).

Each app contributes what it owns: page types declare ``api_fields``, blocks
serialise themselves, and apps expose their own routers (``<app>/api.py``),
added to the v3 API here.
"""

import hashlib
import json
from collections import defaultdict
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import (
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Concat
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from rest_framework.fields import Field
from rest_framework.response import Response
from taggit.managers import _TaggableManager
from wagtail.api.v2.filters import ChildOfFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    ChildRelationField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.utils import BadRequestError, page_models_from_string, parse_fields_parameter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as api_v3
from wagtail.api.validators import SiteFilterValidator
from wagtail.blocks import (
    ListBlock,
    PageChooserBlock,
    RichTextBlock,
    StreamBlock,
    StructBlock,
)
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search.backends import get_search_backend

from cms.delivery import documents
from cms.delivery.batch import (
    api_batch,
    as_specific,
    current_batch,
    public_pages,
    select_specific,
)
from cms.delivery.conf import settings
from cms.delivery.extensions import pages_filters, v3_routers
from cms.delivery.images import serialize_image
from cms.delivery.invalidation import api_cache_key
from cms.delivery.paths import find_site
from cms.delivery.replica import replica_reads
from cms.delivery.rich_text import expand_rich_texts
from cms.delivery.teasers import fetch_teasers, load_images
from cms.preview.models import PreviewAPIMixin


class SummaryField(Field):
    """A related object as its ``api_summary()`` (author, source, country)."""

    def __init__(self, *, many=False, **kwargs):
        self.many = many
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if self.many:
            return [item.api_summary() for item in value.all()]
        return value.api_summary()


class ImageRenditionsField(Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return serialize_image(value)


class TagNamesField(Field):
    """Tag names, read from the prefetched tags (Wagtail's TagsField queries per page)."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class PrefetchedParentField(PageParentField):
    """``meta.parent`` from the parent ``prefetch_for_api`` loaded, with its visibility.

    One serializer per parent type for the whole response: Wagtail's field builds a
    serializer class, and DRF its fields, for every page (~1 ms each).
    """

    def get_attribute(self, instance):
        parent = getattr(instance, "_api_section", None)
        if parent is None or not hasattr(parent, "_api_visible"):
            return super().get_attribute(instance)
        return parent if parent._api_visible else None

    def to_representation(self, value):
        serializers = self.__dict__.setdefault("_parent_serializers", {})
        model = type(value)
        if model not in serializers:
            serializer_class = get_serializer_class(
                model,
                ["id", "type", "detail_url", "html_url", "title"],
                meta_fields=["type", "detail_url", "html_url"],
                base=PageSerializer,
            )
            serializers[model] = serializer_class(context=self.context)
        return serializers[model].to_representation(value)


class SharedChildRelationField(ChildRelationField):
    """Child relations (bylines, corrections) through one serializer for the whole response.

    Wagtail's field builds a serializer, and DRF its fields, for every page it
    serialises: ~30 times for a listing of 20 stories.
    """

    def to_representation(self, value):
        if not hasattr(self, "_child_serializer"):
            self._child_serializer = self.serializer_class(context=self.context)
        return [self._child_serializer.to_representation(child) for child in value.all()]


class HeraldPageSerializer(PageSerializer):
    """Pages with related images as renditions and snippets as summaries, never bare ids."""

    parent = PrefetchedParentField(read_only=True)

    def build_property_field(self, field_name, model_class):
        if isinstance(getattr(model_class, field_name, None), _TaggableManager):
            return TagNamesField, {}
        return super().build_property_field(field_name, model_class)

    def build_relational_field(self, field_name, relation_info):
        related = relation_info.related_model
        if related is get_image_model() and not relation_info.to_many:
            return ImageRenditionsField, {}
        if hasattr(related, "api_summary"):
            return SummaryField, {"many": relation_info.to_many}
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if field_class is ChildRelationField:
            return SharedChildRelationField, kwargs
        return field_class, kwargs


class BatchedChildOfFilter(ChildOfFilter):
    """``?child_of=<id>`` inside the listing's own queries, without looking the parent up first.

    Wagtail reads the parent page, then filters on its path and depth. Here
    the parent's path and depth are subqueries of the count and page queries
    (a path range, as treebeard's ``get_children``, so the path index serves
    it), and the parent comes with the pages the listing points at
    (``prefetch_for_api``). A parent that does not exist or is not visible
    still answers 400: an empty page checks it (``HeraldPagesAPIViewSet``).
    Searches, ``child_of=root`` and the combination with ``descendant_of``
    (a 400 in Wagtail) go through Wagtail's filter.
    """

    def filter_queryset(self, request, queryset, view):
        value = request.GET.get("child_of")
        if value is None or "search" in request.GET or "descendant_of" in request.GET:
            return super().filter_queryset(request, queryset, view)
        try:
            parent_id = int(value)
        except ValueError:
            return super().filter_queryset(request, queryset, view)  # "root" or a 400
        if parent_id < 0:
            return super().filter_queryset(request, queryset, view)
        parent = view.get_base_queryset().filter(pk=parent_id)
        path = Subquery(parent.values("path")[:1])
        steplen = Page.steplen
        view.child_of_id = parent_id
        return queryset.filter(
            path__range=(Concat(path, Value("0" * steplen)), Concat(path, Value("Z" * steplen))),
            depth=Subquery(parent.values("depth")[:1]) + 1,
        )


def database_search():
    """Whether the search backend runs in the database (its results are a queryset)."""
    return hasattr(get_search_backend().results_class, "get_queryset")


class WindowedSearchFilter(SearchFilter):
    """``?search=`` over the newest ``API_SEARCH_WINDOW`` matching pages, with a database backend.

    Wagtail's database backends rank every match: a word in nearly every story
    means ranking (and counting) 100 000 rows, seconds on PostgreSQL. Here the
    ids of the newest matches (by ``first_published_at``; the planner reads a
    rare word from the search index, a common one in date order) are read
    first, at most ``API_SEARCH_WINDOW`` of them, and only those are ranked, or
    ordered by ``?order=``. ``total_count`` is how many there are, so it costs no
    count query (``CountedResults``). A word in fewer stories than the window
    finds every one of them, as before.
    """

    def filter_queryset(self, request, queryset, view):
        window = settings.API_SEARCH_WINDOW
        if "search" not in request.GET or not window or not database_search():
            return super().filter_queryset(request, queryset, view)
        # Wagtail's checks and 400 messages (disabled search, tags, unindexed fields);
        # search results are lazy, so this runs no query.
        super().filter_queryset(request, queryset, view)
        newest = get_search_backend().search(
            request.GET["search"],
            queryset.order_by("-first_published_at", "-id"),
            operator=request.GET.get("search_operator"),
            order_by_relevance=False,
        )
        # A list, not a subquery: PostgreSQL would join every match before the window.
        matches = list(newest.get_queryset().values_list("pk", "path")[:window])
        ids = [pk for pk, _ in matches]
        # The window holds only pages this reader may see that pass the filters: ranked
        # by id and tree path alone. With the visibility subqueries again, or with ids
        # only (a condition on the page type's table), PostgreSQL hash-joined the whole
        # page table (~50 ms at 100 000 stories); the paths let it look pages up.
        window_pages = queryset.model._default_manager.filter(
            pk__in=ids, path__in=[path for _, path in matches]
        )
        if isinstance(queryset.query.select_related, dict):  # e.g. {"locale": {}, ...}
            window_pages = window_pages.select_related(*queryset.query.select_related)
        if queryset.query.order_by:  # ?order= (OrderingFilter runs before this filter)
            window_pages = window_pages.order_by(*queryset.query.order_by)
        results = super().filter_queryset(request, window_pages, view)
        return CountedResults(results, len(ids))


#: Query parameters that do not change which pages a listing holds.
NOT_COUNTED = frozenset(["limit", "offset", "fields", "order", "format", "_", "rich_text_format"])


def with_cached_count(queryset, view):
    """A listing whose ``total_count`` comes from the cache while nothing was published.

    Under the API cache generation (``cms.delivery.invalidation``), which every
    publication, expiry, move, deletion and privacy change bumps. For a public
    reader the count is keyed by what selects the pages: the endpoint, the page
    type, the site and the filtering query parameters; for anyone else by the
    exact SQL of the listing's query (which shows what that reader may see).
    """
    seconds = settings.API_COUNT_CACHE_SECONDS
    if not seconds or not isinstance(queryset, QuerySet):
        return queryset
    request = view.request
    if view.public_reader():
        site = Site.find_for_request(request)
        selection = (
            type(view).__name__,
            queryset.model._meta.label,
            site.pk if site is not None else None,
            sorted(
                (name, value)
                for name, values in request.GET.lists()
                if name not in NOT_COUNTED
                for value in values
            ),
        )
    else:
        selection = queryset.query.sql_with_params()
    digest = hashlib.sha256(repr(selection).encode()).hexdigest()
    key = api_cache_key(f"count:{queryset.db}:{digest}")
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, seconds)
    return CountedResults(queryset, count)


class CountedResults:
    """Results whose number is already known; all ``WagtailPagination`` does is count and slice."""

    def __init__(self, results, count):
        self.results = results
        self.known_count = count

    def count(self):
        return self.known_count

    def __getitem__(self, key):
        return self.results[key]


class HeraldPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = HeraldPageSerializer
    # Apps' filters (e.g. the news plugin's ``?tag=&country=``) run before Wagtail's own.
    filter_backends = [
        *pages_filters(),
        *(
            {ChildOfFilter: BatchedChildOfFilter, SearchFilter: WindowedSearchFilter}.get(
                backend, backend
            )
            for backend in PagesAPIViewSet.filter_backends
        ),
    ]
    app_query_parameters = frozenset().union(
        *(getattr(backend, "query_parameters", ()) for backend in pages_filters())
    )
    known_query_parameters = PagesAPIViewSet.known_query_parameters | app_query_parameters

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            # ``source=efe`` is an app's filter (by slug), not a raw foreign-key filter.
            fields = [name for name in fields if name not in cls.app_query_parameters]
        return fields

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
        """The visible page at ``html_path`` by its ``url_path``, in one query.

        Wagtail routes segment by segment (two queries per segment, then a
        visibility check); no page type here overrides ``route``, so a page's
        path in the site is its ``url_path`` under the site's root page.
        """
        found = self.find_queryset(queryset, request)
        if found is None:
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
        url_path = site.root_page.url_path + "".join(f"{part}/" for part in components)
        return queryset.filter(url_path=url_path)

    def dispatch(self, request, *args, **kwargs):
        with api_batch():
            find_site(request)
            return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        """Live pages of the requested site that this request may see, built once per request.

        For a reader who has passed no view restriction (anonymous, no password
        in the session) every restricted section is excluded inside the page
        query itself (``cms.delivery.batch.public_pages``; for a search, as one
        ``pk IN (…)`` the search backend accepts). Wagtail's version, used
        otherwise and for searches with Elasticsearch/OpenSearch, first reads
        every restriction to decide which apply to the request.
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
            return self._base_queryset
        queryset = self.public_in_site(Page.objects.all())
        if "search" in request.GET:
            # The search backend checks filters one field at a time: one ``pk IN (…)``.
            queryset = Page.objects.filter(pk__in=queryset.values("pk"))
        self._base_queryset = queryset
        return self._base_queryset

    def public_in_site(self, queryset):
        """``queryset`` narrowed to the public pages of the requested site (``?site=``)."""
        try:
            site = SiteFilterValidator(
                site=self.request.GET.get("site"), request=self.request
            ).site_obj
        except ValueError as e:
            raise BadRequestError(str(e)) from e
        if site is None:
            return queryset.none()
        return public_site_pages(queryset.model, site.root_page.path, site.root_page.depth).all()

    def public_reader(self):
        """Whether the request sees what anyone sees: signed out, no view restriction passed
        (and no i18n, whose locale filters Wagtail's own queryset handles)."""
        request = self.request
        session = getattr(request, "session", {})
        return not (
            request.user.is_authenticated
            or session.get(PageViewRestriction.passed_view_restrictions_session_key)
            or getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        )

    # --- API documents (cms.delivery.documents) ---------------------------------------------

    #: Off for endpoints that show anything but the public pages (previews).
    api_documents = True

    def documents_allowed(self):
        """Whether this request is answered from stored documents where a page has one."""
        request = self.request
        return (
            self.api_documents
            and documents.enabled()
            and bool(settings.WAGTAILAPI_BASE_URL)  # detail URLs must not depend on the host
            and "rich_text_format" not in request.GET
            and "(" not in request.GET.get("fields", "")  # nested fields: rendered as before
            and self.public_reader()
        )

    def listing_view(self, request):
        """A typed listing of a page type with documents: the page of ids and their stored
        documents in one query (the count is cached); pages without one are rendered."""
        queryset = self.get_queryset()
        model = queryset.model
        if not (self.documents_allowed() and getattr(model, "api_document", False)):
            return super().listing_view(request)
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        results = self.paginator.paginate_queryset(with_cached_count(queryset, self), request, self)
        spec = projection(
            type(self), request.wagtailapi_router, model, request.GET.get("fields", ""), False
        )
        loaded = {}
        if isinstance(results, QuerySet):
            rows = list(
                results.values_list("pk", "api_document_row__version", "api_document_row__body")
            )
        else:  # search results: ranked pages
            loaded = {page.pk: page for page in results}
            ids = list(loaded)
            stored = {
                page_id: (version, body)
                for page_id, version, body in documents.APIDocument.objects.filter(
                    page_id__in=ids
                ).values_list("page_id", "version", "body")
            }
            rows = [(pk, *stored.get(pk, (None, None))) for pk in ids]
        child_of = getattr(self, "child_of_id", None)
        if child_of is not None and not rows:
            self.check_parent(child_of)
        found, missing = stored_documents(rows)
        items = {pk: project(fragments, spec) for pk, fragments in found.items()}
        if missing:
            items.update(self.render_items(model, missing, loaded))
        text = ",".join(items[pk] for pk, _, _ in rows if pk in items)
        total = json.dumps(self.paginator.total_count)
        return self.json_response(f'{{"meta":{{"total_count":{total}}},"items":[{text}]}}')

    def render_items(self, model, page_ids, loaded=None):
        """``{pk: JSON text}`` of listing items rendered as Wagtail renders them (no document);
        pages in ``loaded`` (``{pk: page}``) are not read again."""
        loaded = loaded or {}
        pages = [loaded[pk] for pk in page_ids if pk in loaded]
        if len(pages) < len(page_ids):
            pages += model.objects.filter(
                pk__in=[pk for pk in page_ids if pk not in loaded]
            ).select_related("locale", *getattr(model, "api_select_related", ()))
        serializer_class = self.get_serializer_class()
        prefetch_for_api(pages, self.get_base_queryset(), set(serializer_class.Meta.fields))
        serializer = serializer_class(context=self.get_serializer_context())
        return {page.pk: documents.dumps(serializer.to_representation(page)) for page in pages}

    def detail_view(self, request, pk):
        if hasattr(self, "_api_object") or not self.documents_allowed():
            return super().detail_view(request, pk)
        row = self.document_row(self.filter_queryset(self.get_queryset()).filter(pk=pk))
        response = self.document_response(row)
        return response if response is not None else super().detail_view(request, pk)

    @staticmethod
    def document_row(queryset):
        """``(pk, content type id, version, body)`` of the first page of ``queryset``, or None."""
        return queryset.values_list(
            "pk", "content_type_id", "api_document_row__version", "api_document_row__body"
        ).first()

    def document_response(self, row):
        """A detail answer from the page's stored document, or None (no page, no document)."""
        if row is None:
            return None
        pk, content_type_id, version, body = row
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        found, _ = stored_documents([(pk, version, body)])
        if pk not in found or not getattr(model, "api_document", False):
            return None
        spec = projection(
            type(self),
            self.request.wagtailapi_router,
            model,
            self.request.GET.get("fields", ""),
            True,
        )
        return self.json_response(project(found[pk], spec))

    def json_response(self, text):
        """The JSON text as the answer, as DRF's JSON renderer would send it; the browsable
        API (another renderer) gets the data."""
        if self.request.accepted_renderer.format != "json":
            return Response(json.loads(text))
        return HttpResponse(text.encode(), content_type="application/json")

    def render_documents(self, page_ids):
        """Render the full representation of these pages as this (anonymous) request sees
        them and store it (``cms.delivery.documents.store``); pages it may not see are skipped.

        Reads the primary (a replica may not have replayed the latest publication) after
        noting the document generation. Returns how many were stored."""
        generation = documents.current_generation()
        with replica_reads(False):
            base = self.get_base_queryset()
            pages = [as_specific(page) for page in select_specific(base.filter(pk__in=page_ids))]
            prefetch_for_api(pages, base)
            rendered, serializers = {}, {}
            context = self.get_serializer_context()
            for page in pages:
                model = type(page)
                if not getattr(model, "api_document", False):
                    continue
                if model not in serializers:
                    serializer_class = document_serializer_class(
                        type(self), self.request.wagtailapi_router, model
                    )
                    serializers[model] = serializer_class(context=context)
                body = documents.encode(serializers[model].to_representation(page))
                rendered[page.pk] = (body, self.document_dependencies(page))
        return len(rendered) if documents.store(rendered, generation) else 0

    @staticmethod
    def document_dependencies(page):
        """What the page's representation shows: what its fields point at, its parent, and
        the images of the pages it shows teasers of."""
        found = documents.object_dependencies(page)
        if page.depth > 1:
            parent = getattr(page, "_api_section", None)
            parent_id = parent.pk if parent is not None else page.get_parent().pk
            found.add((Page, parent_id))
        batch = current_batch()
        shown = batch["pages"] if batch is not None else {}
        for model, pk in list(found):
            target = shown.get(pk) if issubclass(model, Page) else None
            image = target.get_teaser_image() if hasattr(target, "get_teaser_image") else None
            if image is not None:
                found.add((type(image), image.pk))
        return found

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
        items = list(super().paginate_queryset(with_cached_count(queryset, self)))
        child_of = getattr(self, "child_of_id", None)
        if child_of is not None and not items:
            self.check_parent(child_of)
        fields = set(self.get_serializer_class().Meta.fields)
        prefetch_for_api(items, self.get_base_queryset(), fields)
        return items

    def get_serializer_class(self):
        # Built once per request: paginate_queryset reads the requested fields from it.
        if not hasattr(self, "_serializer_class"):
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
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        return response


@lru_cache(maxsize=64)
def public_site_pages(model, root_path, root_depth):
    """Public pages of ``model`` under a site root, built once per process (clone with
    ``.all()``): building the visibility subquery costs more than running the query."""
    return public_pages(model.objects.all()).filter(
        path__startswith=root_path, depth__gte=root_depth
    )


@lru_cache(maxsize=256)
def projection(viewset, router, model, fields, show_details):
    """How to cut a document down to an answer's fields (``project``), for ``?fields=`` on a
    listing (``show_details=False``) or a detail, in the order Wagtail's serializer writes
    them: ``id`` first, then ``meta``, then the other fields.

    Built from the serializer class Wagtail would use (its 400s included), once per
    process and combination: ``(id?, [(fragment key, '"name":')] for meta, the same for
    the other fields)``."""
    try:
        config = parse_fields_parameter(fields) if fields else []
    except ValueError as e:
        raise BadRequestError(f"fields error: {e}") from e
    serializer_class = viewset._get_serializer_class(
        router, model, config, show_details=show_details
    )
    names = [name for name, field in serializer_class().fields.items() if not field.write_only]
    meta_names = set(serializer_class.meta_fields)
    meta = tuple((f"meta.{name}", f"{json.dumps(name)}:") for name in names if name in meta_names)
    body = tuple(
        (name, f"{json.dumps(name)}:") for name in names if name not in meta_names and name != "id"
    )
    return "id" in names, meta, body


@lru_cache(maxsize=64)
def document_serializer_class(viewset, router, model):
    """The serializer of a document: every field, detail-only and meta ones included."""
    return viewset._get_serializer_class(router, model, [("*", False, None)], show_details=True)


def stored_documents(rows):
    """``({pk: fragments}, [pks without a current document])`` for ``(pk, version, body)``."""
    current = documents.version()
    found, missing = {}, []
    for pk, version, body in rows:
        if body is not None and version == current:
            found[pk] = documents.decode(body)
        else:
            missing.append(pk)
    return found, missing


def render_documents(page_ids):
    """Render and store the API documents of these pages (``documents.render_missing``):
    each as an anonymous reader of its site reads it. Returns how many were stored."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    remaining, stored = set(page_ids), 0
    sites = sorted(
        Site.objects.select_related("root_page"),
        key=lambda site: len(site.root_page.path),
        reverse=True,  # a page belongs to the site with the deepest root above it
    )
    for site in sites:
        ids = set(
            Page.objects.filter(pk__in=remaining, path__startswith=site.root_page.path).values_list(
                "pk", flat=True
            )
        )
        if not ids:
            continue
        remaining -= ids
        request = HttpRequest()
        request.method = "GET"
        request.path = request.path_info = "/api/v2/pages/"
        request.META = {"SERVER_NAME": site.hostname, "SERVER_PORT": str(site.port)}
        request.user = AnonymousUser()
        request.wagtailapi_router = api_router
        request._wagtail_site = site  # Wagtail's per-request site (Site.find_for_request)
        view = HeraldPagesAPIViewSet(action_map={"get": "detail_view"})
        view.setup(request)
        view.request = view.initialize_request(request)
        view.action = "detail_view"
        view.format_kwarg = None
        with api_batch():
            stored += view.render_documents(sorted(ids))
    return stored


def project(fragments, spec):
    """A document cut down to the requested fields (``projection``), as JSON text."""
    with_id, meta, body = spec
    parts = []
    if with_id and "id" in fragments:
        parts.append('"id":' + fragments["id"])
    meta_parts = [prefix + fragments[key] for key, prefix in meta if key in fragments]
    if meta_parts:
        parts.append('"meta":{' + ",".join(meta_parts) + "}")
    parts += [prefix + fragments[key] for key, prefix in body if key in fragments]
    return "{" + ",".join(parts) + "}"


def prefetch_for_api(pages, base_queryset=None, fields=None):
    """Load what each page type's API representation reads, in a few queries for all pages.

    Page types list their lookups in ``api_prefetch()``. Parents (the story's
    section), with whether the API may show them (``meta.parent``), and the
    pages and images the pages point at are loaded once for the batch
    (``prime_stream_references``): one query for all pages, one for all images.
    With ``fields`` (a listing's requested fields), only what those fields read.
    """
    prefetch_related_objects(pages, "locale")
    by_class = defaultdict(list)
    for page in pages:
        by_class[type(page)].append(page)
    referenced = []
    for model, instances in by_class.items():
        lookups = model.api_prefetch(fields) if hasattr(model, "api_prefetch") else []
        if lookups:
            prefetch_related_objects(instances, *lookups)
        if hasattr(model, "api_referenced_pages"):
            referenced += model.api_referenced_pages(instances, fields)
    parent_paths = {page.path[: -page.steplen] for page in pages if page.depth > 1}
    prime_stream_references(pages, referenced, parent_paths, base_queryset, fields)
    for model, instances in by_class.items():
        if hasattr(model, "api_after_prefetch"):
            model.api_after_prefetch(instances, fields)
    # Loaded into the request's batch by prime_stream_references. Outside an API request
    # there is none: ``section`` and ``meta.parent`` then read the parent themselves.
    batch = current_batch()
    parents = batch["parents"] if batch is not None else {}
    for page in pages:
        page._api_section = parents.get(page.path[: -page.steplen])


def prime_stream_references(pages, page_ids=(), parent_paths=(), base_queryset=None, fields=None):
    """Teasers, images and rich text that the pages point at, loaded for all pages at once.

    Walks the stored (raw) stream data of every StreamField of the pages; what
    it finds, with ``page_ids`` and the pages' lead images, is put in the
    request's batch (``cms.delivery.batch.api_batch``), where the blocks and fields look
    it up instead of querying once per page. The pages' parents (at
    ``parent_paths``, with their visibility in ``base_queryset``) come in the
    same query as the pages pointed at.
    """
    batch = current_batch()
    if batch is None:
        return
    page_ids, image_ids, sources = set(page_ids), set(), []
    lead_ids = {page.lead_image_id for page in pages if getattr(page, "lead_image_id", None)}
    for page in pages:
        for field in page._meta.get_fields():
            if isinstance(field, StreamField) and (fields is None or field.name in fields):
                value = getattr(page, field.name)
                for item in value.raw_data:
                    child = field.stream_block.child_blocks.get(item.get("type"))
                    if child is not None:
                        _collect(child, item.get("value"), page_ids, image_ids, sources)
    if page_ids or image_ids or lead_ids or parent_paths:
        fetch_teasers(
            page_ids,
            extra_image_ids=image_ids | lead_ids,
            parent_paths=parent_paths,
            visible_in=base_queryset,
        )
    images = load_images(lead_ids)
    for page in pages:
        if getattr(page, "lead_image_id", None) in images:
            page.lead_image = images[page.lead_image_id]
    sources = [source for source in dict.fromkeys(sources) if source]
    if sources:
        expanded = expand_rich_texts(sources)
        if expanded is not None:
            batch["rich_text"].update(zip(sources, expanded, strict=True))


def _collect(block, raw, page_ids, image_ids, sources):
    """Page ids, image ids and rich-text sources in one block's raw value."""
    if raw is None:
        return
    if isinstance(block, PageChooserBlock):
        page_ids.add(raw)
    elif isinstance(block, ImageChooserBlock):
        image_ids.add(raw)
    elif isinstance(block, RichTextBlock):
        sources.append(raw)
    elif isinstance(block, StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            _collect(child, raw.get(name), page_ids, image_ids, sources)
    elif isinstance(block, ListBlock) and isinstance(raw, list):
        for item in raw:
            value = item.get("value") if isinstance(item, dict) and "type" in item else item
            _collect(block.child_block, value, page_ids, image_ids, sources)
    elif isinstance(block, StreamBlock) and isinstance(raw, list):
        for item in raw:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                _collect(child, item.get("value"), page_ids, image_ids, sources)


class PagePreviewAPIViewSet(PreviewAPIMixin, HeraldPagesAPIViewSet):
    """``/api/v2/preview/?token=``: a draft for the frontend's ``/_preview/``."""

    api_documents = False


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", HeraldPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
api_router.register_endpoint("preview", PagePreviewAPIViewSet)

# v3: Wagtail's API object, plus the routers apps register (cms.delivery.extensions).
for _prefix, _router in v3_routers():
    api_v3.add_router(_prefix, _router)
api_v3_urls = api_v3.urls
