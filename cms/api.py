"""API composition: Wagtail API v2 (public reads) and v3 (typed reads, token writes).

Each app contributes what it owns: page types declare ``api_fields``, blocks
serialise themselves, and apps expose their own routers (``<app>/api.py``),
added to the v3 API here.
"""

import hashlib
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Concat
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from rest_framework.fields import Field
from taggit.managers import _TaggableManager
from wagtail.api.v2.filters import ChildOfFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import ChildRelationField, PageParentField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
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

from directory.api import router as directory_router
from home.api import (
    FURNITURE_ROUTERS,
    api_batch,
    as_specific,
    current_batch,
    expand_rich_texts,
    fetch_teasers,
    load_images,
    public_pages,
    select_specific,
)
from home.images import serialize_image
from home.invalidation import api_cache_key
from home.preview import PreviewAPIMixin
from home.scheduling_api import SCHEDULING_ROUTERS
from news.api import NEWS_QUERY_PARAMETERS, NewsFilter


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
    """``meta.parent`` from the parent ``prefetch_for_api`` loaded, with its visibility."""

    def get_attribute(self, instance):
        parent = getattr(instance, "_api_section", None)
        if parent is None or not hasattr(parent, "_api_visible"):
            return super().get_attribute(instance)
        return parent if parent._api_visible else None


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
        ids = list(newest.get_queryset().values_list("pk", flat=True)[:window])
        results = super().filter_queryset(request, queryset.filter(pk__in=ids), view)
        return CountedResults(results, len(ids))


def with_cached_count(queryset):
    """A listing whose ``total_count`` comes from the cache while nothing was published.

    The count is keyed by the exact SQL of the listing's query (filters, site,
    visibility) under the API cache generation (``home.invalidation``), which
    every publication, expiry, move, deletion and privacy change bumps.
    """
    seconds = settings.API_COUNT_CACHE_SECONDS
    if not seconds or not isinstance(queryset, QuerySet):
        return queryset
    sql, params = queryset.query.sql_with_params()
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
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
    filter_backends = [
        NewsFilter,
        *(
            {ChildOfFilter: BatchedChildOfFilter, SearchFilter: WindowedSearchFilter}.get(
                backend, backend
            )
            for backend in PagesAPIViewSet.filter_backends
        ),
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(NEWS_QUERY_PARAMETERS)

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            # ``source=efe`` is the news filter (by slug), not a raw foreign-key filter.
            fields = [name for name in fields if name not in NEWS_QUERY_PARAMETERS]
        return fields

    def find_view(self, request):
        """The page at ``html_path`` (or ``id``) in one answer, in the detail shape.

        Stock Wagtail answers with a redirect to the detail URL, which costs every
        client a second round trip per page; clients that follow redirects get the
        same body either way.
        """
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
        site = Site.find_for_request(request)
        if "html_path" not in request.GET or site is None:
            return super().find_object(queryset, request)
        components = [part for part in request.GET["html_path"].split("/") if part]
        url_path = site.root_page.url_path + "".join(f"{part}/" for part in components)
        page = select_specific(queryset.filter(url_path=url_path)).first()
        if page is not None:
            return as_specific(page)
        return super().find_object(queryset, request)

    def dispatch(self, request, *args, **kwargs):
        with api_batch():
            return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        """Live pages of the requested site that this request may see, built once per request.

        For a reader who has passed no view restriction (anonymous, no password
        in the session) every restricted section is excluded inside the page
        query itself (``home.api.public_pages``; for a search, as one
        ``pk IN (…)`` the search backend accepts). Wagtail's version, used
        otherwise and for searches with Elasticsearch/OpenSearch, first reads
        every restriction to decide which apply to the request.
        """
        if hasattr(self, "_base_queryset"):
            return self._base_queryset
        request = self.request
        session = getattr(request, "session", {})
        if (
            request.user.is_authenticated
            or session.get(PageViewRestriction.passed_view_restrictions_session_key)
            or getattr(settings, "WAGTAIL_I18N_ENABLED", False)
            # Elasticsearch/OpenSearch only take plain field filters (no NOT EXISTS)
            or ("search" in request.GET and not database_search())
        ):
            self._base_queryset = super().get_base_queryset()
            return self._base_queryset
        try:
            site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
        except ValueError as e:
            raise BadRequestError(str(e)) from e
        queryset = public_pages(Page.objects.all())
        if site is None:
            queryset = queryset.none()
        else:
            queryset = queryset.descendant_of(site.root_page, inclusive=True)
        if "search" in request.GET:
            # The search backend checks filters one field at a time: one ``pk IN (…)``.
            queryset = Page.objects.filter(pk__in=queryset.values("pk"))
        self._base_queryset = queryset
        return self._base_queryset

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.select_related("locale", *getattr(queryset.model, "api_select_related", ()))

    def paginate_queryset(self, queryset):
        items = list(super().paginate_queryset(with_cached_count(queryset)))
        child_of = getattr(self, "child_of_id", None)
        # BatchedChildOfFilter did not look the parent up: an empty page checks it.
        if (
            child_of is not None
            and not items
            and not self.get_base_queryset().filter(pk=child_of).exists()
        ):
            raise BadRequestError("parent page doesn't exist")
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
    request's batch (``home.api.api_batch``), where the blocks and fields look
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
    """``/api/v2/preview/?token=``: a draft for the frontend's ``/_preview/`` (home.preview)."""


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", HeraldPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
api_router.register_endpoint("preview", PagePreviewAPIViewSet)

# v3: Wagtail's API object, plus the apps' routers (public reads stay anonymous).
for _prefix, _router in FURNITURE_ROUTERS:
    api_v3.add_router(_prefix, _router)
api_v3.add_router("/directory/", directory_router)
for _prefix, _router in SCHEDULING_ROUTERS:
    api_v3.add_router(_prefix, _router)
api_v3_urls = api_v3.urls
