"""The pages endpoint's answers from stored API documents (``cms.delivery.documents``): a
listing or a detail read as stored text, and the rendering that stores it. A mixin of
``cms.delivery.api.HeraldPagesAPIViewSet``, kept apart from its page queries."""

import json

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import HttpResponse
from rest_framework.response import Response
from wagtail.models import Page

from cms.delivery.batch import current_batch
from cms.delivery.conf import settings
from cms.delivery.counts import count_meta, is_estimate, with_cached_count
from cms.delivery.documents import encoding, storage, versioning
from cms.delivery.documents.dependencies import object_dependencies
from cms.delivery.models import APIDocument
from cms.delivery.page_loading import as_specific, select_specific
from cms.delivery.prefetch import prefetch_for_api
from cms.delivery.projection import (
    document_serializer_class,
    highlight_meta,
    project,
    projection,
    stored_documents,
)
from cms.delivery.replica.routing import replica_reads
from cms.delivery.translations import translations_by_page
from cms.search.filters import search_highlights, search_meta


class APIDocumentsMixin:
    """Answers a public reader's listings and details from stored documents where the pages
    have them, and renders documents to store. Placed before Wagtail's ``PagesAPIViewSet`` in
    the bases, so its ``listing_view`` and ``detail_view`` come first and fall back to
    Wagtail's; the viewset provides the page queries (``get_queryset``, ``get_base_queryset``,
    ``public_reader``, ``requested_fields``, ``check_parent``)."""

    #: Off for endpoints that show anything but the public pages (previews).
    api_documents = True

    def documents_allowed(self):
        """Whether this request is answered from stored documents where a page has one."""
        request = self.request
        return (
            self.api_documents
            and versioning.enabled()
            and bool(settings.WAGTAILAPI_BASE_URL)  # detail URLs must not depend on the host
            and "rich_text_format" not in request.GET
            and "(" not in request.GET.get("fields", "")  # nested fields: serializers render them
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
        counted = with_cached_count(queryset, self)
        results = self.paginator.paginate_queryset(counted, request, self)
        spec = projection(
            type(self), request.wagtailapi_router, model, self.requested_fields(), False
        )
        loaded, keys, marks = {}, None, {}
        if isinstance(results, QuerySet):
            rows, keys = [], {}
            for pk, version, body, key in results.values_list(
                "pk", "api_document_row__version", "api_document_row__body", "translation_key"
            ):
                rows.append((pk, version, body))
                keys[pk] = key
        else:  # search results: ranked pages (their ids, or the pages)
            ids = getattr(results, "ids", None)
            if ids is None:
                loaded = {page.pk: page for page in results}
                ids = list(loaded)
            stored = {
                page_id: (version, body)
                for page_id, version, body in APIDocument.objects.filter(
                    page_id__in=ids
                ).values_list("page_id", "version", "body")
            }
            rows = [(pk, *stored.get(pk, (None, None))) for pk in ids]
            marks = search_highlights(request, ids)
        child_of = getattr(self, "child_of_id", None)
        if child_of is not None and not rows:
            self.check_parent(child_of)
        found, missing = stored_documents(rows)
        translations = None
        if any(key == "meta.translations" for key, _ in spec[1]):
            if keys is None:  # search results: their translation keys
                keys = dict(
                    Page.objects.filter(pk__in=[row[0] for row in rows]).values_list(
                        "pk", "translation_key"
                    )
                )
            translations = translations_by_page(keys.items())
            for pk, fragments in found.items():
                fragments["meta.translations"] = encoding.dumps(translations[pk])
        items = {
            pk: project(fragments, spec, highlight_meta(marks.get(pk)))
            for pk, fragments in found.items()
        }
        if missing:
            items.update(self.render_items(model, missing, loaded, translations, marks))
        text = ",".join(items[pk] for pk, _, _ in rows if pk in items)
        self.estimated_count = is_estimate(counted)
        meta = {"total_count": self.paginator.total_count, **count_meta(self.estimated_count)}
        meta = encoding.dumps({**meta, **search_meta(request)})
        return self.json_response(f'{{"meta":{meta},"items":[{text}]}}')

    def render_items(self, model, page_ids, loaded=None, translations=None, marks=None):
        """``{pk: JSON text}`` of listing items rendered as Wagtail renders them (no document);
        pages in ``loaded`` (``{pk: page}``) are not read again, ``translations`` (``{pk:
        meta.translations}``) are those already read for the answer, and ``marks`` are the
        search highlights by page id (``meta.highlight``)."""
        loaded, marks = loaded or {}, marks or {}
        pages = [loaded[pk] for pk in page_ids if pk in loaded]
        if len(pages) < len(page_ids):
            pages += model.objects.filter(
                pk__in=[pk for pk in page_ids if pk not in loaded]
            ).select_related("locale", *getattr(model, "api_select_related", ()))
        serializer_class = self.get_serializer_class()
        prefetch_for_api(pages, self.get_base_queryset(), set(serializer_class.Meta.fields))
        for page in pages if translations is not None else ():
            page._api_translations = translations[page.pk]
        serializer = serializer_class(context=self.get_serializer_context())
        items = {}
        for page in pages:
            item = serializer.to_representation(page)
            if page.pk in marks:
                item.setdefault("meta", {})["highlight"] = marks[page.pk]
            items[page.pk] = encoding.dumps(item)
        return items

    def detail_view(self, request, pk):
        if hasattr(self, "_api_object") or not self.documents_allowed():
            return super().detail_view(request, pk)
        row = self.document_row(self.filter_queryset(self.get_queryset()).filter(pk=pk))
        response = self.document_response(row)
        return response if response is not None else super().detail_view(request, pk)

    @staticmethod
    def document_row(queryset):
        """``(pk, content type id, version, body, translation key)`` of the first page of
        ``queryset``, or None."""
        return queryset.values_list(
            "pk",
            "content_type_id",
            "api_document_row__version",
            "api_document_row__body",
            "translation_key",
        ).first()

    def document_response(self, row):
        """A detail answer from the page's stored document, or None (no page, no document)."""
        if row is None:
            return None
        pk, content_type_id, version, body, translation_key = row
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
        if any(key == "meta.translations" for key, _ in spec[1]):  # never in a document
            translations = translations_by_page([(pk, translation_key)])[pk]
            found[pk]["meta.translations"] = encoding.dumps(translations)
        return self.json_response(project(found[pk], spec))

    def json_response(self, text):
        """The JSON text as the answer, as DRF's JSON renderer would send it; the browsable
        API (another renderer) gets the data."""
        if self.request.accepted_renderer.format != "json":
            return Response(json.loads(text))
        return HttpResponse(text.encode(), content_type="application/json")

    def render_documents(self, page_ids):
        """Render the full representation of these pages as this (anonymous) request sees
        them and store it (``storage.store``); pages it may not see are skipped.

        Reads the primary (a replica may not have replayed the latest publication) after
        noting the document generation. Returns how many were stored."""
        generation = storage.current_generation()
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
                body = encoding.encode(serializers[model].to_representation(page))
                rendered[page.pk] = (body, self.document_dependencies(page))
            expiries = self.shown_expiries(rendered)
            for page in pages:
                if page.pk in rendered:
                    body, dependencies = rendered[page.pk]
                    shown = [
                        expiries.get(pk) for model, pk in dependencies if issubclass(model, Page)
                    ]
                    moment = min(filter(None, [page.expire_at, *shown]), default=None)
                    rendered[page.pk] = (encoding.with_expiry(body, moment), dependencies)
        return len(rendered) if storage.store(rendered, generation) else 0

    @staticmethod
    def document_dependencies(page):
        """What the page's representation shows: what its fields point at, its parent, and
        the images of the pages it shows teasers of."""
        found = object_dependencies(page)
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

    @staticmethod
    def shown_expiries(rendered):
        """``{page id: expire_at}`` of the pages the rendered documents show (related stories,
        links, blocks, sections) that have an expiry, in one query: a document reads as
        missing from the earliest of them on (``encoding.with_expiry``), even before the
        scheduler unpublishes them (the public boundary checks expiry when a page is read)."""
        shown = {
            pk
            for _, dependencies in rendered.values()
            for model, pk in dependencies
            if issubclass(model, Page)
        }
        if not shown:
            return {}
        return dict(
            Page.objects.filter(pk__in=shown, expire_at__isnull=False).values_list(
                "pk", "expire_at"
            )
        )
