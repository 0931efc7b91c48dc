"""What a batch of pages' API representations read, loaded in a few queries for all of them."""

from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Prefetch, prefetch_related_objects
from wagtail.blocks import (
    ListBlock,
    PageChooserBlock,
    RichTextBlock,
    StreamBlock,
    StructBlock,
)
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock

from cms.delivery.batch import current_batch
from cms.delivery.rich_text import expand_rich_texts
from cms.delivery.teasers import fetch_teasers, load_images
from cms.wagtail_internals.tree import parent_path


def prefetch_for_api(pages, base_queryset=None, fields=None):
    """Load what each page type's API representation reads, in a few queries for all pages.

    Page types list their lookups in ``api_prefetch()``, and the ids of pages and images
    they show outside their bodies in ``api_referenced_pages()`` and
    ``api_referenced_images()`` (an author's photo). Parents (the story's
    section), with whether the API may show them (``meta.parent``), and the
    pages and images the pages point at are loaded once for the batch
    (``prime_stream_references``): one query for all pages, one for all images.
    With ``fields`` (a listing's requested fields), only what those fields read.
    To-many relations are loaded as lists (``related_objects`` reads them).
    """
    prefetch_related_objects(pages, "locale")
    by_class = defaultdict(list)
    for page in pages:
        by_class[type(page)].append(page)
    referenced, images = [], []
    for model, instances in by_class.items():
        lookups = model.api_prefetch(fields) if hasattr(model, "api_prefetch") else []
        if lookups:
            prefetch_related_objects(instances, *(as_list(model, lookup) for lookup in lookups))
        if hasattr(model, "api_referenced_pages"):
            referenced += model.api_referenced_pages(instances, fields)
        if hasattr(model, "api_referenced_images"):
            images += model.api_referenced_images(instances, fields)
    parent_paths = {parent_path(page.path) for page in pages if page.depth > 1}
    prime_stream_references(pages, referenced, parent_paths, base_queryset, fields, images)
    for model, instances in by_class.items():
        if hasattr(model, "api_after_prefetch"):
            model.api_after_prefetch(instances, fields)
    # Loaded into the request's batch by prime_stream_references. Outside an API request
    # there is none: ``section`` and ``meta.parent`` then read the parent themselves.
    batch = current_batch()
    parents = batch["parents"] if batch is not None else {}
    for page in pages:
        page._api_section = parents.get(parent_path(page.path))


def loaded_name(relation: str) -> str:
    """The attribute ``prefetch_for_api`` loads the to-many ``relation`` into."""
    return f"_api_loaded_{relation}"


def as_list(model: type[Model], lookup: str | Prefetch) -> str | Prefetch:
    """A to-many lookup of ``model`` loaded into a plain list (``loaded_name``).

    Django's prefetch otherwise builds a queryset per object and relation to hold what it
    loaded (taggit's with joins): the larger part of the prefetch for a batch of stories.
    Single-valued and nested lookups stay as they are.
    """
    name = lookup.prefetch_through if isinstance(lookup, Prefetch) else lookup
    if "__" in name or (isinstance(lookup, Prefetch) and lookup.to_attr):
        return lookup
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return lookup
    if not (field.many_to_many or field.one_to_many):
        return lookup
    queryset = lookup.queryset if isinstance(lookup, Prefetch) else None
    return Prefetch(name, queryset=queryset, to_attr=loaded_name(name))


def is_loaded(obj: Model, relation: str) -> bool:
    """Whether ``prefetch_for_api`` loaded the to-many ``relation`` of ``obj``."""
    return loaded_name(relation) in obj.__dict__


def related_objects(obj: Model, relation: str) -> list:
    """The objects of ``obj``'s to-many ``relation``: the list ``prefetch_for_api`` loaded,
    or, for an object outside a prefetched batch, what its manager holds (a query for a saved
    page, the objects in memory for a preview's)."""
    loaded = obj.__dict__.get(loaded_name(relation))
    return loaded if loaded is not None else list(getattr(obj, relation).all())


def prime_stream_references(
    pages, page_ids=(), parent_paths=(), base_queryset=None, fields=None, image_ids=()
):
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
    page_ids, image_ids, sources = set(page_ids), set(image_ids), []
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
