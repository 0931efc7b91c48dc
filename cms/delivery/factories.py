"""Images for tests and demo content: generated pictures, so nothing is downloaded."""

import io
import random

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

PALETTE = [(27, 58, 92), (139, 30, 46), (46, 93, 62), (176, 124, 33), (84, 68, 120), (40, 40, 40)]


def make_image_file(name="image.jpg", width=1600, height=900, seed=None, label=""):
    """A locally generated JPEG: a colour field with bands and a label. No downloads."""
    rng = random.Random(seed if seed is not None else name)
    base = rng.choice(PALETTE)
    img = PILImage.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(img)
    for i in range(6):
        shade = tuple(min(255, c + 18 * (i + 1)) for c in base)
        top = int(height * (0.45 + 0.09 * i))
        draw.rectangle([0, top, width, top + int(height * 0.05)], fill=shade)
    draw.ellipse(
        [width * 0.62, height * 0.12, width * 0.82, height * 0.12 + width * 0.2],
        fill=tuple(min(255, c + 90) for c in base),
    )
    if label:
        draw.text((width * 0.05, height * 0.08), label[:60], fill=(255, 255, 255))
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", quality=85)
    return ImageFile(buffer, name=name)


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Photo {n}")
    file = factory.LazyAttribute(
        lambda o: make_image_file(f"{o.title}.jpg".replace(" ", "-").lower(), label=o.title)
    )
    caption = factory.LazyAttribute(lambda o: f"{o.title}.")
    credit = "EFE"
    alt_text = factory.LazyAttribute(lambda o: f"Photograph: {o.title}")
