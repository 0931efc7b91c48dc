"""A host site on Wagtail's own image model, which has no caption nor credit: its images still
serialise, with empty strings."""

import io

from django.core.cache import cache
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from cms.delivery.images import serialize_image


def test_an_image_without_our_fields_serialises_with_empty_strings(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Wagtail caches renditions by image id, whatever the image model: a CustomImage of
    # another test with the same id would answer for this one, or this one for it.
    cache.clear()
    try:
        buffer = io.BytesIO()
        PILImage.new("RGB", (64, 48), "red").save(buffer, "PNG")
        image = Image.objects.create(title="Red square", file=ImageFile(buffer, name="red.png"))
        assert not hasattr(image, "caption")

        data = serialize_image(image)
        assert (data["alt"], data["caption"], data["credit"]) == ("Red square", "", "")
        assert set(data["renditions"]) == {"thumbnail", "small", "medium", "large"}
        assert serialize_image(image, caption="Given", credit="EFE")["credit"] == "EFE"
    finally:
        cache.clear()
