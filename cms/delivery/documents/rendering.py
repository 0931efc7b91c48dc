"""Finding the public pages without a current document, and rendering theirs."""

import time

from django.db import models
from django.db.models.functions import Mod
from django.utils.module_loading import import_string
from wagtail.models import get_page_models

from cms.delivery.conf import settings
from cms.delivery.documents.versioning import enabled, version
from cms.delivery.models import APIDocument
from cms.delivery.visibility import public_pages


def document_models():
    """Page types whose public reads are answered from documents (``api_document = True``)."""
    return [model for model in get_page_models() if getattr(model, "api_document", False)]


def _missing(model, current, shard=None):
    """Public pages of ``model`` without a current document (``shard=(k, n)``: ids k mod n)."""
    has_document = APIDocument.objects.filter(page_id=models.OuterRef("pk"), version=current)
    candidates = public_pages(model.objects.all()).filter(~models.Exists(has_document))
    if shard is not None:
        candidates = candidates.alias(shard=Mod("pk", shard[1])).filter(shard=shard[0])
    return candidates


def count_missing():
    """How many public pages have no current document (what ``render_missing`` would do)."""
    if not enabled():
        return 0
    current = version()
    return sum(_missing(model, current).count() for model in document_models())


def render_missing(*, seconds=None, limit=None, batch=200, shard=None, progress=None):
    """Render and store the documents of public pages that have no current one, newest
    first, until none is left, ``limit`` are stored or ``seconds`` have passed.
    ``progress(n)``, when given, is called after each batch with the number stored.

    Rendering is the pages endpoint's (``settings.API_DOCUMENTS_RENDERER``, which the
    project sets to ``cms.delivery.api.render_documents``). Readers never write documents: a
    page without one is rendered for them by the serializers until this job (or the
    ``render_api_documents`` command) has stored it. ``shard=(k, n)`` takes only the pages
    whose id is ``k`` modulo ``n`` (one of ``n`` processes). Returns how many were stored.
    """
    if not enabled():
        return 0
    render = import_string(settings.API_DOCUMENTS_RENDERER)
    deadline = None if seconds is None else time.monotonic() + seconds
    current = version()
    stored = 0
    for model in document_models():
        candidates = _missing(model, current, shard)
        below = None  # walks down the ids once: what a batch skips is not picked again
        while deadline is None or time.monotonic() < deadline:
            size = batch if limit is None else min(batch, limit - stored)
            if size <= 0:
                return stored
            page = candidates if below is None else candidates.filter(pk__lt=below)
            ids = list(page.order_by("-pk").values_list("pk", flat=True)[:size])
            if not ids:
                break
            below = ids[-1]
            rendered = render(ids)
            stored += rendered
            if progress is not None:
                progress(rendered)
    return stored
