"""DRF fields shared by page types' ``api_fields``: rich text, images and frontend paths."""

from rest_framework import serializers

from cms.delivery.images import serialize_image
from cms.delivery.paths import frontend_url, page_path
from cms.delivery.rich_text import rich_text_html


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
