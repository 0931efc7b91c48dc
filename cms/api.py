"""API composition: Wagtail API v2 (public reads) and v3 (typed reads, token writes).

Each app contributes what it owns: page types declare ``api_fields``, blocks
serialise themselves, and apps expose their own routers (``<app>/api.py``),
added to the v3 API here.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.utils.cache import patch_cache_control
from rest_framework.fields import Field
from taggit.managers import _TaggableManager
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as api_v3
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from directory.api import router as directory_router
from home.api import FURNITURE_ROUTERS
from home.images import serialize_image
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


class HeraldPageSerializer(PageSerializer):
    """Pages with related images as renditions and snippets as summaries, never bare ids."""

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
        return super().build_relational_field(field_name, relation_info)


class HeraldPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = HeraldPageSerializer
    filter_backends = [NewsFilter, *PagesAPIViewSet.filter_backends]
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
        return self.detail_view(request, pk=page.pk)

    def paginate_queryset(self, queryset):
        items = list(super().paginate_queryset(queryset))
        prefetch_for_api(items)
        return items

    def get_object(self):
        page = super().get_object()
        prefetch_for_api([page])
        return page

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        return response


def prefetch_for_api(pages):
    """Load what each page type's API representation reads, in a few queries for all pages.

    Page types list their lookups in ``api_prefetch()``; parents (the story's
    section) are attached in one query for the whole batch.
    """
    prefetch_related_objects(pages, "locale")
    by_class = defaultdict(list)
    for page in pages:
        by_class[type(page)].append(page)
    for model, instances in by_class.items():
        lookups = model.api_prefetch() if hasattr(model, "api_prefetch") else []
        if lookups:
            prefetch_related_objects(instances, *lookups)
        if hasattr(model, "api_after_prefetch"):
            model.api_after_prefetch(instances)
    parent_paths = {page.path[: -page.steplen] for page in pages if page.depth > 1}
    parents = {parent.path: parent for parent in Page.objects.filter(path__in=parent_paths)}
    for page in pages:
        page._api_section = parents.get(page.path[: -page.steplen])


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
