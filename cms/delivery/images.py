"""Image renditions exposed by the API under stable names.

The frontend builds ``srcset`` from these. Changing a spec changes the
contract (the OpenAPI snapshot and the frontend both rely on the names).
"""

from functools import cache

from wagtail.images.models import AbstractImage, AbstractRendition, Filter

from cms.delivery.conf import settings

RENDITIONS = {
    "thumbnail": "fill-480x270|format-webp|webpquality-80",
    "small": "width-640|format-webp|webpquality-80",
    "medium": "width-960|format-webp|webpquality-80",
    "large": "width-1440|format-webp|webpquality-80",
}
RENDITION_SPECS = tuple(RENDITIONS.values())


@cache
def rendition_filters():
    """The named renditions' ``Filter`` objects, built once per process.

    ``Image.get_renditions`` accepts specs or filters; from a spec it builds a
    new ``Filter`` per call, and each parses its spec again (``operations``)
    for every image — about a third of a 20-story listing's serialisation.
    """
    return tuple(Filter(spec=spec) for spec in RENDITION_SPECS)


def absolute_media_url(url):
    if url.startswith("/"):
        return settings.WAGTAILAPI_BASE_URL.rstrip("/") + url
    return url


def named_renditions(image: AbstractImage) -> dict[str, AbstractRendition]:
    """The image's named renditions by spec, creating those it lacks.

    Missing ones are created one at a time (``get_rendition``: one row per ``INSERT``, by
    ``get_or_create``), not by ``get_renditions``, whose single ``INSERT`` takes its rows in
    the order its threads finish: on PostgreSQL two processes creating one image's renditions
    at once (two readers, two document workers) then deadlock, and one of them fails.
    """
    filters = rendition_filters()
    existing = image.find_existing_renditions(*filters)
    for filter in filters:
        if filter not in existing:
            image.get_rendition(filter)
    return image.get_renditions(*filters)


def serialize_image(image, *, caption="", credit="", alt=""):
    """The API shape of an image: metadata plus every named rendition.

    Renditions are taken from ``prefetched_renditions`` when the queryset used
    ``prefetch_renditions(*RENDITION_SPECS)``, so a listing costs no query per
    image once renditions exist.
    """
    if image is None:
        return None
    renditions = named_renditions(image)
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt or getattr(image, "default_alt_text", "") or image.title,
        # Caption and credit are fields of this site's image model; a site using Wagtail's
        # own image model (or another) without them gets empty strings.
        "caption": caption or getattr(image, "caption", "") or "",
        "credit": credit or getattr(image, "credit", "") or "",
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": absolute_media_url(renditions[spec].url),
                "width": renditions[spec].width,
                "height": renditions[spec].height,
            }
            for name, spec in RENDITIONS.items()
        },
    }
