"""API helpers shared by every app: page teasers, rich text, image fields.

Blocks and page types across ``home``, ``news`` and ``directory`` use these so
a page reference has one shape everywhere in the API: title, frontend URL,
teaser, date and image, never a bare id.
"""

from django.conf import settings
from rest_framework import serializers
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from home.images import RENDITION_SPECS, serialize_image


def frontend_url(page):
    """Absolute frontend URL of a page (``FRONTEND_URL`` + its path in the site)."""
    path = page_path(page)
    if path is None:
        return None
    return settings.FRONTEND_URL + path


def page_path(page):
    """Path of a page relative to its site root, e.g. ``/world/putin-erdogan/``."""
    url_parts = page.get_url_parts()
    if url_parts is None:
        return None
    return url_parts[2]


def rich_text_html(value):
    """Rich text with internal links and embeds expanded (links point at the frontend)."""
    if not value:
        return ""
    return expand_db_html(str(value) if not isinstance(value, str) else value)


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


def fetch_teasers(page_ids):
    """Teasers for many pages, live and public only, in a constant number of queries.

    Returns ``{page_id: teaser}``; ids of pages that are not live (drafts,
    expired, private) are absent, so callers silently drop them.
    """
    page_ids = [pk for pk in dict.fromkeys(page_ids) if pk]
    if not page_ids:
        return {}
    pages = list(Page.objects.live().public().filter(pk__in=page_ids).specific())
    prefetch_teaser_images(pages)
    return {page.pk: teaser(page) for page in pages}


def prefetch_teaser_images(pages):
    """Attach images with their renditions to pages in one query."""
    from wagtail.images import get_image_model

    image_ids = {
        getattr(page, "lead_image_id", None)
        for page in pages
        if getattr(page, "lead_image_id", None)
    }
    if not image_ids:
        return
    images = {
        image.pk: image
        for image in get_image_model()
        .objects.filter(pk__in=image_ids)
        .prefetch_renditions(*RENDITION_SPECS)
    }
    for page in pages:
        image_id = getattr(page, "lead_image_id", None)
        if image_id in images:
            page.lead_image = images[image_id]


class RichTextField(serializers.Field):
    """Rich text as display HTML with frontend URLs (v2 and v3)."""

    def to_representation(self, value) -> str:
        return rich_text_html(value)


class ImageField(serializers.Field):
    """An image with alt text, caption, credit and every named rendition."""

    def to_representation(self, value) -> dict | None:
        return serialize_image(value)


class PagePathField(serializers.Field):
    """The page's path within its site, for the frontend's router."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, value) -> str | None:
        return page_path(value)


class FrontendURLField(serializers.Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, value) -> str | None:
        return frontend_url(value)


def optional_many_to_many_schema(generator, field):
    """API v3 input: a ParentalManyToManyField with blank=True may be left out (empty list)."""
    from ninja.orm.fields import get_schema_field
    from pydantic import Field as PydanticField

    annotation, default = get_schema_field(field)
    if not field.blank:
        return annotation, default
    return annotation, PydanticField(default_factory=list, description=str(field.help_text or ""))


def register_v3_schema_fields():
    """Teach Wagtail's v3 input-schema generators our field conventions (public extension API).

    Must run before ``wagtail.api.v3.registry`` is imported (it builds the page
    schemas at import time), hence from ``HomeConfig.ready``.
    """
    from modelcluster.fields import ParentalManyToManyField
    from wagtail.api.v3.schemas import create_generator, patch_generator

    for generator in (create_generator, patch_generator):
        generator.register_field_schema(ParentalManyToManyField, optional_many_to_many_schema)
