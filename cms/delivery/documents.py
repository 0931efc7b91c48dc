"""API documents: a page's public API representation, rendered once and kept until it changes.

Rendering a story for ``/api/v2/`` (bylines, tags, countries, corrections,
related stories, a body of blocks with images and links, section, URLs) costs
tens of milliseconds of Python; reading it back costs a row. A page type opts in
with ``api_document = True``; the pages endpoint (``cms.delivery.api``) then answers
anonymous public reads of those pages (typed listings, detail, find by path)
from the stored document of each page, cut down to the requested ``fields``.

Readers never write: a page without a current document is rendered for the
reader as before. Documents are rendered and stored by the scheduler's job
``delivery.render_api_documents`` (a short run every few seconds, newest pages
first) and by ``manage.py render_api_documents`` (everything at once), through
the pages endpoint's own serializers (``settings.API_DOCUMENTS_RENDERER``).

A document stays right because it is dropped whenever something it shows
changes. While rendering, the endpoint records what the representation read
(``APIDocumentDependency``): the pages it points at (related stories, links and
blocks in the body, the parent), the images, documents and snippets it shows
(authors, wire source, countries, tags), and the lead images of the pages it
shows teasers of. Then:

* a page's transition (publish, unpublish, expiry, move, deletion, slug change,
  privacy change; ``cms.delivery.invalidation.invalidate_page``) drops its own document
  and every document that depends on it; moves, slug changes and privacy changes
  also drop the documents of its descendants and those depending on them;
* saving or deleting an image, a document or a registered snippet
  (``register_dependency``) drops the documents that depend on it;
* a change of sites or locales, and a ``migrate`` that applies migrations, drops them all;
* settings that appear in every document (``FRONTEND_URL``, ``WAGTAILAPI_BASE_URL``,
  ``MEDIA_URL``) and the code that renders them (``code_fingerprint``) are part of the
  document ``version``: a document of another version reads as missing.

Documents are dropped twice: at once, inside the transaction that changes the
content (so the transaction, and a test, read what it wrote), and again after the
commit together with a bump of ``APIDocumentState.generation``. A renderer notes
the generation before reading the content it renders and stores its documents
only if the generation is still the same, holding a shared lock on it while it
stores (``store``): a document rendered from content older than a commit can
never outlive that commit's second drop.

Only the anonymous, public view of a page is stored: requests from signed-in
users, readers who passed a view restriction, previews and ``?rich_text_format=``
are rendered as before. ``API_DOCUMENTS=0`` turns the whole mechanism off.
"""

import hashlib
import time
from dataclasses import dataclass, field
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.models.functions import Mod
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from rest_framework.compat import LONG_SEPARATORS, SHORT_SEPARATORS
from rest_framework.renderers import JSONRenderer

from cms.bulk_copy import copy_rows
from cms.delivery.conf import settings
from cms.delivery.models import APIDocument, APIDocumentDependency, APIDocumentState
from cms.delivery.prefetch import is_loaded, related_objects
from cms.delivery.visibility import public_pages

#: Rows per DELETE or INSERT statement.
CHUNK = 500


# --- Settings and version ---------------------------------------------------------------


def enabled():
    return settings.API_DOCUMENTS


def version():
    """What a stored document must carry to be used: the settings it shows and the code that
    rendered it (``code_fingerprint``)."""
    parts = [
        settings.FRONTEND_URL,
        settings.WAGTAILAPI_BASE_URL,
        settings.MEDIA_URL,
        getattr(settings, "AWS_S3_CUSTOM_DOMAIN", ""),
        code_fingerprint(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


#: Our packages: every module in them counts towards the code version (``code_modules``).
CODE_PACKAGES = ("cms", "home", "news", "directory")
#: Distributions whose code renders documents (serializers, fields, tags, child relations).
CODE_DISTRIBUTIONS = (
    "wagtail",
    "django",
    "djangorestframework",
    "django-taggit",
    "django-modelcluster",
)


@cache
def code_fingerprint():
    """A digest of the code that renders a representation: the source of every module of our
    packages that counts (``code_modules``) and the versions of the libraries that render
    with it (``CODE_DISTRIBUTIONS``). A release that changes any of them gets a new document
    version: the old documents read as missing and are rendered again (the scheduler's job,
    ``render_api_documents``), with no step to remember. Computed once per process.

    Every module counts unless it is known not to render (``code_counts``), rather than a
    list of the modules that do: page models, their blocks, serializers, rich text, images,
    hooks and settings all shape a document, and a module added or moved later counts
    without anyone remembering to list it. The price is that a release touching any other
    module also renders every document again (a few minutes per 100 000 stories; readers
    meanwhile get stories rendered for them, never a stale one)."""
    from importlib.metadata import version as package_version

    digest = hashlib.sha256()
    for distribution in CODE_DISTRIBUTIONS:
        digest.update(f"{distribution}={package_version(distribution)};".encode())
    for name, path in code_modules():
        source = _read_source(path)
        digest.update(f"{name}:{len(source)}:".encode())
        digest.update(source)
    return digest.hexdigest()


def code_counts(module_name):
    """Whether a module of ``CODE_PACKAGES`` counts towards the code version: all do except
    migrations and their operations (a ``migrate`` that applies one drops every document
    anyway), management commands, demo content and test factories, which make content or
    run the renderer but never shape what it renders (``tests/platform`` checks that no
    module that counts imports or names one that does not)."""
    return not any(
        part in ("management", "factories", "demo") or part.startswith(("demo_", "migration"))
        for part in module_name.split(".")[1:]
    )


def code_modules():
    """``[(module name, source path)]`` of the modules that count, sorted by name.

    Found on disk under the packages, not among the loaded modules: every process of a
    release (web, scheduler, command) has to compute the same version, whatever it
    happened to import."""
    import importlib
    from pathlib import Path

    found = []
    for package in CODE_PACKAGES:
        for directory in importlib.import_module(package).__path__:
            root = Path(directory)
            for path in root.rglob("*.py"):
                parts = [package, *path.relative_to(root).with_suffix("").parts]
                if parts[-1] == "__init__":
                    parts.pop()
                name = ".".join(parts)
                if code_counts(name):
                    found.append((name, path))
    return sorted(found)


def _read_source(path):
    return path.read_bytes()


# --- Dependencies ---------------------------------------------------------------------

_dependency_models = set()


def track_dependency(model):
    """Note that documents may show instances of ``model`` (a concrete model); False when it
    was noted already (``invalidation.register_dependency`` connects its signals once)."""
    if model in _dependency_models:
        return False
    _dependency_models.add(model)
    return True


def base_model(model):
    """The model a dependency is recorded under: ``Page`` for every page type."""
    from wagtail.models import Page

    if issubclass(model, Page):
        return Page
    return model._meta.concrete_model


def content_type_id(model):
    return ContentType.objects.get_for_model(base_model(model), for_concrete_model=True).pk


def is_dependency(model):
    from wagtail.models import Page

    return issubclass(model, Page) or model._meta.concrete_model in _dependency_models


def object_dependencies(obj):
    """``(model, pk)`` of what ``obj``'s own fields point at: foreign keys, many-to-many
    fields (tags too), references inside stream and rich-text fields, and the same for its
    child objects (bylines, related stories…). Read from what is loaded (prefetched).

    To-many relations count when the representation reads them: prefetched for it
    (``api_prefetch``) or named in ``api_fields`` (Wagtail's admin comments are neither).
    """
    found = set()
    shown = {getattr(field, "name", field) for field in getattr(obj, "api_fields", ())}
    for model_field in obj._meta.get_fields():
        if getattr(model_field, "auto_created", False) and not model_field.concrete:
            continue  # reverse relations
        related = model_field.related_model
        if model_field.many_to_one and model_field.concrete:
            if isinstance(model_field, ParentalKey) or not is_dependency(related):
                continue  # a child's own page, or nothing a document shows
            value = getattr(obj, model_field.attname)
            if value is not None:
                found.add((related, value))
        elif model_field.many_to_many:
            name = model_field.name
            if is_dependency(related) and (is_loaded(obj, name) or name in shown):
                found.update((related, item.pk) for item in related_objects(obj, name))
        elif hasattr(model_field, "extract_references"):
            value = model_field.value_from_object(obj)
            if value is not None:
                for model, pk, _, _ in model_field.extract_references(value):
                    if is_dependency(model) and str(pk).isdigit():
                        found.add((model, int(pk)))
    if isinstance(obj, ClusterableModel):
        tags = getattr(getattr(obj, "tags", None), "through", None)
        for relation in get_all_child_relations(obj):
            name = relation.get_accessor_name()
            if relation.related_model is tags:  # tags: the many-to-many field above
                continue
            if is_loaded(obj, name) or name in shown:
                for child in related_objects(obj, name):
                    found |= object_dependencies(child)
    return found


# --- Reading and storing --------------------------------------------------------------


def current_generation():
    """The generation to note before reading the content a document is rendered from."""
    state = APIDocumentState.objects.using(DEFAULT_DB_ALIAS).filter(pk=1).first()
    return state.generation if state is not None else 0


def store(documents, generation):
    """Store ``{page_id: (encoded body, {(model, pk), ...})}`` if nothing changed since
    ``generation`` was read; returns whether they were stored.

    The shared lock on the state row makes a concurrent post-commit drop wait for this
    transaction, so the drop also removes what is stored here (module docstring).
    """
    if not documents:
        return True
    connection = connections[DEFAULT_DB_ALIAS]
    state_table = connection.ops.quote_name(APIDocumentState._meta.db_table)
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
    current_version = version()
    now = timezone.now()
    try:
        with transaction.atomic(using=DEFAULT_DB_ALIAS):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT generation FROM {state_table} WHERE id = 1{lock}")  # noqa: S608
                row = cursor.fetchone()
            if (row[0] if row else 0) != generation:
                return False
            if connection.vendor == "postgresql":
                _copy_documents(connection, documents, current_version, now)
            else:
                _create_documents(documents, current_version, now)
    except DatabaseError:
        # A concurrent writer (SQLite's busy timeout, a serialization failure): nothing
        # is stored; the next run of the job renders these pages again.
        return False
    return True


def _dependency_rows(documents):
    """``(document, content type, object)`` once each (page types share ``Page``'s type)."""
    return {
        (page_id, content_type_id(model), pk)
        for page_id, (_, dependencies) in documents.items()
        for model, pk in dependencies
    }


DOCUMENT_COLUMNS = "page_id integer, version text, body text, rendered_at timestamptz"
DEPENDENCY_COLUMNS = "document_id integer, content_type_id integer, object_id bigint"


def _copy_documents(connection, documents, current_version, now):
    """PostgreSQL: both tables' rows by ``COPY`` into temporary tables, then one ``INSERT``
    each (``cms.bulk_copy``): no model instances, no statement per chunk."""
    table = connection.ops.quote_name(APIDocument._meta.db_table)
    dependencies = connection.ops.quote_name(APIDocumentDependency._meta.db_table)
    with connection.cursor() as cursor:
        rows = ((pk, current_version, body, now) for pk, (body, _) in documents.items())
        copy_rows(cursor, "herald_new_api_documents", DOCUMENT_COLUMNS, rows)
        cursor.execute(
            f"INSERT INTO {table} (page_id, version, body, rendered_at)"  # noqa: S608 - our tables
            " SELECT page_id, version, body, rendered_at FROM herald_new_api_documents"
            " ON CONFLICT (page_id) DO UPDATE SET version = EXCLUDED.version,"
            " body = EXCLUDED.body, rendered_at = EXCLUDED.rendered_at"
        )
        _delete_rows(APIDocumentDependency, "document_id", list(documents))
        copy_rows(
            cursor, "herald_new_api_dependencies", DEPENDENCY_COLUMNS, _dependency_rows(documents)
        )
        cursor.execute(
            f"INSERT INTO {dependencies} (document_id, content_type_id, object_id)"  # noqa: S608
            " SELECT document_id, content_type_id, object_id FROM herald_new_api_dependencies"
            " ON CONFLICT DO NOTHING"
        )


def _create_documents(documents, current_version, now):
    APIDocument.objects.bulk_create(
        [
            APIDocument(page_id=page_id, version=current_version, body=body, rendered_at=now)
            for page_id, (body, _) in documents.items()
        ],
        update_conflicts=True,
        unique_fields=["page"],
        update_fields=["version", "body", "rendered_at"],
        batch_size=CHUNK,
    )
    _delete_rows(APIDocumentDependency, "document_id", list(documents))
    APIDocumentDependency.objects.bulk_create(
        [
            APIDocumentDependency(document_id=page, content_type_id=type_id, object_id=pk)
            for page, type_id, pk in _dependency_rows(documents)
        ],
        ignore_conflicts=True,
        batch_size=CHUNK,
    )


@cache
def _json_encoder():
    """The encoder DRF's ``JSONRenderer`` uses, with its settings, made once (the renderer
    makes one per call, a noticeable share of rendering ~30 fields per story)."""
    separators = SHORT_SEPARATORS if JSONRenderer.compact else LONG_SEPARATORS
    return JSONRenderer.encoder_class(
        ensure_ascii=JSONRenderer.ensure_ascii,
        allow_nan=not JSONRenderer.strict,
        separators=separators,
    )


def dumps(value):
    """JSON text exactly as the API's renderer (DRF's ``JSONRenderer``) writes it: its
    encoder, compact, strict, U+2028/U+2029 escaped (it renders ``None`` as no content)."""
    if value is None:
        return "null"
    text = _json_encoder().encode(value)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def encode(representation):
    """A page's representation as stored: one line per top-level field and per meta field,
    ``name<TAB>JSON text``, in the serializer's order.

    Compact JSON escapes every control character, so a value never holds a tab or a
    newline; the endpoint assembles answers from these fragments without parsing them
    (``cms.delivery.api.project``).
    """
    lines = []
    for name, value in representation.items():
        if name == "meta":
            lines += [f"meta.{key}\t{dumps(item)}" for key, item in value.items()]
        else:
            lines.append(f"{name}\t{dumps(value)}")
    return "\n".join(lines)


def decode(body):
    """``{name: JSON text}`` of a stored document (``meta.<name>`` for meta fields)."""
    return dict(line.split("\t", 1) for line in body.split("\n"))


#: The line of a document that says when it stops being usable (no API field has this name).
VALID_UNTIL = "_valid_until"


def with_expiry(body, moment):
    """``body`` with the time (a datetime, or None: never) after which it reads as missing:
    the earliest expiry of the page and of the pages it shows (``cms.delivery.visibility``
    checks expiry when a page is read, before the scheduler unpublishes it)."""
    if moment is None:
        return body
    return f"{body}\n{VALID_UNTIL}\t{moment.timestamp()!r}"


def expired(fragments, now=None):
    """Whether a decoded document shows a page whose expiry has passed (``with_expiry``)."""
    moment = fragments.get(VALID_UNTIL)
    return moment is not None and float(moment) <= (now or time.time())


# --- Rendering ---------------------------------------------------------------------------


def document_models():
    """Page types whose public reads are answered from documents (``api_document = True``)."""
    from wagtail.models import get_page_models

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
    page without one is rendered for them as before, until this job (or the
    ``render_api_documents`` command) has stored it. ``shard=(k, n)`` takes only the pages
    whose id is ``k`` modulo ``n`` (one of ``n`` processes). Returns how many were stored.
    """
    from django.utils.module_loading import import_string

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


# --- Dropping ----------------------------------------------------------------------------


@dataclass
class Targets:
    """What changed: documents showing any of these are dropped."""

    pages: set = field(default_factory=set)  # page ids: their documents and dependants
    subtrees: set = field(default_factory=set)  # tree paths: every page below too
    objects: set = field(default_factory=set)  # (content type id, pk) of non-page objects
    everything: bool = False

    def __bool__(self):
        return bool(self.pages or self.subtrees or self.objects or self.everything)

    def update(self, other):
        self.pages |= other.pages
        self.subtrees |= other.subtrees
        self.objects |= other.objects
        self.everything |= other.everything

    def clear(self):
        self.pages.clear()
        self.subtrees.clear()
        self.objects.clear()
        self.everything = False


def drop(targets):
    """Delete the documents ``targets`` reach (in the current transaction, if any)."""
    if not targets:
        return
    if targets.everything:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            for model in (APIDocumentDependency, APIDocument):
                cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608 - our table
        return
    _delete_documents(_affected_page_ids(targets))


def drop_after_commit(targets):
    """The second drop: bump the generation (waiting for readers storing documents), then
    delete again, in one transaction."""
    if not targets:
        return
    with transaction.atomic(using=DEFAULT_DB_ALIAS):
        updated = APIDocumentState.objects.filter(pk=1).update(
            generation=models.F("generation") + 1
        )
        if not updated:
            APIDocumentState.objects.get_or_create(pk=1)
            APIDocumentState.objects.filter(pk=1).update(generation=models.F("generation") + 1)
        drop(targets)


def dependent_page_ids(targets, limit=None):
    """Ids of the pages whose documents ``targets`` reach (for purging their URLs)."""
    ids = _affected_page_ids(targets)
    return ids if limit is None else ids[:limit]


def _affected_page_ids(targets):
    from wagtail.models import Page

    page_type = content_type_id(Page)
    page_ids = set(targets.pages)
    subtree = models.Q()
    for path in targets.subtrees:
        subtree |= models.Q(path__startswith=path)
    if subtree:
        page_ids |= set(Page.objects.filter(subtree).values_list("pk", flat=True))
    dependants = models.Q()
    if page_ids:
        dependants |= models.Q(content_type_id=page_type, object_id__in=page_ids)
    by_type = {}
    for type_id, pk in targets.objects:
        by_type.setdefault(type_id, set()).add(pk)
    for type_id, pks in by_type.items():
        dependants |= models.Q(content_type_id=type_id, object_id__in=pks)
    affected = set(page_ids)
    if dependants:
        affected |= set(
            APIDocumentDependency.objects.filter(dependants).values_list("document_id", flat=True)
        )
    return sorted(affected)


def _delete_documents(page_ids):
    _delete_rows(APIDocumentDependency, "document_id", page_ids)
    _delete_rows(APIDocument, "page_id", page_ids)


def _delete_rows(model, column, ids):
    """``DELETE … WHERE column IN (ids)`` in chunks, without loading rows (no cascades here)."""
    table = connections[DEFAULT_DB_ALIAS].ops.quote_name(model._meta.db_table)
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({placeholders})", chunk)  # noqa: S608


# --- The scheduler's job ----------------------------------------------------------------
