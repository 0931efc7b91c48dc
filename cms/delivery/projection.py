"""Stored documents cut down to an answer's ``?fields=``, in the order Wagtail writes them."""

import json
from functools import lru_cache

from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter

from cms.delivery.documents import encoding, versioning
from cms.operations.metrics import API_DOCUMENTS
from cms.wagtail_internals.api_v2 import api_serializer_class


@lru_cache(maxsize=256)
def projection(viewset, router, model, fields, show_details):
    """How to cut a document down to an answer's fields (``project``), for ``?fields=`` on a
    listing (``show_details=False``) or a detail, in the order Wagtail's serializer writes
    them: ``id`` first, then ``meta``, then the other fields.

    Built from the serializer class Wagtail would use (its 400s included), once per
    process and combination: ``(id?, [(fragment key, '"name":')] for meta, the same for
    the other fields)``."""
    serializer_class = serializer_class_for(viewset, router, model, fields, show_details)
    names = [name for name, field in serializer_class().fields.items() if not field.write_only]
    meta_names = set(serializer_class.meta_fields)
    meta = tuple((f"meta.{name}", f"{json.dumps(name)}:") for name in names if name in meta_names)
    body = tuple(
        (name, f"{json.dumps(name)}:") for name in names if name not in meta_names and name != "id"
    )
    return "id" in names, meta, body


@lru_cache(maxsize=256)
def serializer_class_for(viewset, router, model, fields, show_details):
    """The serializer class Wagtail builds for ``?fields=`` (its 400s included)."""
    try:
        config = parse_fields_parameter(fields) if fields else []
    except ValueError as e:
        raise BadRequestError(f"fields error: {e}") from e
    return api_serializer_class(viewset, router, model, config, show_details=show_details)


@lru_cache(maxsize=64)
def document_serializer_class(viewset, router, model):
    """The serializer of a document: every field, detail-only and meta ones included, but
    ``translations``, read when an answer is sent (``cms.delivery.translations``)."""
    return api_serializer_class(
        viewset,
        router,
        model,
        [("*", False, None), ("translations", True, None)],
        show_details=True,
    )


def stored_documents(rows):
    """``({pk: fragments}, [pks without a current document])`` for ``(pk, version, body)``."""
    current = versioning.version()
    found, missing = {}, []
    for pk, version, body in rows:
        fragments = encoding.decode(body) if body is not None and version == current else None
        if fragments is not None and not encoding.expired(fragments):
            found[pk] = fragments
        else:
            missing.append(pk)
    API_DOCUMENTS.labels("hit").inc(len(found))
    API_DOCUMENTS.labels("miss").inc(len(missing))
    return found, missing


def highlight_meta(highlight):
    """A search item's ``meta.highlight`` as a fragment ``project`` adds (None: no highlight)."""
    return None if highlight is None else '"highlight":' + encoding.dumps(highlight)


def project(fragments, spec, extra_meta=None):
    """A document cut down to the requested fields (``projection``), as JSON text, with
    ``extra_meta`` (a ``"name":value`` fragment) added to its ``meta``."""
    with_id, meta, body = spec
    parts = []
    if with_id and "id" in fragments:
        parts.append('"id":' + fragments["id"])
    meta_parts = [prefix + fragments[key] for key, prefix in meta if key in fragments]
    if extra_meta is not None:
        meta_parts.append(extra_meta)
    if meta_parts:
        parts.append('"meta":{' + ",".join(meta_parts) + "}")
    parts += [prefix + fragments[key] for key, prefix in body if key in fragments]
    return "{" + ",".join(parts) + "}"
