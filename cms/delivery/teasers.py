"""Teasers: the compact shape of a page wherever another page points at it, loaded in batches."""

from cms.delivery.batch import current_batch
from cms.delivery.images import RENDITION_SPECS, serialize_image
from cms.delivery.page_loading import load_pages
from cms.delivery.paths import frontend_url, page_path


def teaser(page):
    """The compact shape of a page used wherever one page points at another."""
    page_type = page._meta.label
    date = getattr(page, "date", None) or page.first_published_at
    teaser_text = page.get_teaser() if hasattr(page, "get_teaser") else page.search_description
    image = page.get_teaser_image() if hasattr(page, "get_teaser_image") else None
    return {
        "id": page.pk,
        "type": page_type,
        "title": page.title,
        "html_path": page_path(page),
        "url": frontend_url(page),
        "teaser": teaser_text or "",
        "date": date.isoformat() if date else None,
        "image": serialize_image(image),
    }


def fetch_teasers(page_ids, extra_image_ids=(), parent_paths=(), visible_in=None):
    """Teasers for many pages, publicly visible ones only, in a constant number of queries.

    Returns ``{page_id: teaser}``; ids of pages that are not publicly visible
    (``cms.delivery.visibility``: drafts, expired, private, under a hidden section)
    are absent, so callers silently drop them. Within an API request (``api_batch``)
    teasers are looked up once and shared; images in
    ``extra_image_ids`` are loaded in the same query as the teasers' images, and
    pages at ``parent_paths`` (with their visibility in ``visible_in``) in the
    same query as the teasers' pages, into the batch's ``parents``.
    """
    page_ids = [pk for pk in dict.fromkeys(page_ids) if pk]
    batch = current_batch()
    known = batch["teasers"] if batch is not None else {}
    missing = [pk for pk in page_ids if pk not in known]
    if batch is not None:
        parent_paths = [path for path in parent_paths if path not in batch["parents"]]
    if missing or parent_paths:
        by_id, by_path = load_pages(missing, parent_paths, visible_in)
        if batch is not None:
            batch["parents"].update(by_path)
        pages = [page for page in by_id.values() if page._api_public]
        prefetch_teaser_images(pages, extra_image_ids)
        found = {page.pk: teaser(page) for page in pages}
        if batch is None:
            return found
        for pk in missing:
            known[pk] = found.get(pk)
        batch["pages"].update((page.pk, page) for page in pages)
    elif extra_image_ids:
        load_images(extra_image_ids)
    return {pk: known[pk] for pk in page_ids if known.get(pk) is not None}


def load_images(image_ids):
    """Images with their named renditions by id, in one query (two with renditions).

    Within an API request, images already loaded are reused.
    """
    from wagtail.images import get_image_model

    batch = current_batch()
    known = batch["images"] if batch is not None else {}
    image_ids = {pk for pk in image_ids if pk}
    missing = image_ids - known.keys()
    loaded = {}
    if missing:
        # Renditions with their image in one query; images without any rendition yet
        # (never shown before) are loaded the usual way, and get them made when shown.
        model = get_image_model()
        renditions = model.get_rendition_model().objects.filter(
            image_id__in=missing, filter_spec__in=RENDITION_SPECS
        )
        for rendition in renditions.select_related("image"):
            image = loaded.setdefault(rendition.image_id, rendition.image)
            if not hasattr(image, "prefetched_renditions"):
                image.prefetched_renditions = []  # as ImageQuerySet.prefetch_renditions
            rendition.image = image
            image.prefetched_renditions.append(rendition)
        rest = missing - loaded.keys()
        if rest:
            loaded.update(model.objects.prefetch_renditions(*RENDITION_SPECS).in_bulk(rest))
        known.update(loaded)
    return {pk: known.get(pk) or loaded.get(pk) for pk in image_ids if pk in known or pk in loaded}


def prefetch_teaser_images(pages, extra_image_ids=()):
    """Attach images with their renditions to pages in one query.

    ``extra_image_ids`` are loaded in the same query (body images of a listing).
    """
    image_ids = {
        getattr(page, "lead_image_id", None)
        for page in pages
        if getattr(page, "lead_image_id", None)
    }
    images = load_images(image_ids | set(extra_image_ids))
    if not image_ids:
        return
    for page in pages:
        image_id = getattr(page, "lead_image_id", None)
        if image_id in images:
            page.lead_image = images[image_id]
