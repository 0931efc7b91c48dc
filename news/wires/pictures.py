"""Pictures of wire items: caption and credit read from the image file itself (IPTC IIM or
XMP, through Pillow) when the item lacks them, and stored as the site's images."""

import io
import logging
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image, IptcImagePlugin, UnidentifiedImageError
from wagtail.images import get_image_model

from news.wires.conf import settings
from news.wires.items import Picture, clean_text

logger = logging.getLogger("herald.wires")

#: IPTC IIM datasets (record 2): caption/abstract, credit, by-line, copyright, headline.
CAPTION, CREDIT, BYLINE, COPYRIGHT, HEADLINE = (2, 120), (2, 110), (2, 80), (2, 116), (2, 105)


def _iim_text(info: dict, key: tuple[int, int]) -> str:
    value = info.get(key)
    if isinstance(value, list):
        value = value[0] if value else b""
    if isinstance(value, bytes):
        return clean_text(value.decode("utf-8", errors="replace"))
    return ""


def _xmp_text(xmp: dict, *path: str) -> str:
    """A text from Pillow's XMP dict, whatever language alternatives wrap it."""
    node: object = xmp.get("xmpmeta", {}).get("RDF", {}).get("Description", {})
    if isinstance(node, list):
        node = node[0] if node else {}
    for name in path:
        node = node.get(name, "") if isinstance(node, dict) else ""
    while isinstance(node, dict):
        node = node.get("Alt") or node.get("Seq") or node.get("Bag") or node.get("li") or ""
    if isinstance(node, list):
        node = node[0] if node else ""
    if isinstance(node, dict):
        node = node.get("text", "")
    return clean_text(node if isinstance(node, str) else "")


def embedded_metadata(data: bytes) -> dict[str, str]:
    """``{"caption", "credit", "title"}`` from the file's IPTC IIM, else its XMP."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            info = IptcImagePlugin.getiptcinfo(image) or {}
            xmp = image.getxmp() if hasattr(image, "getxmp") else {}
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return {"caption": "", "credit": "", "title": ""}
    return {
        "caption": _iim_text(info, CAPTION) or _xmp_text(xmp, "description"),
        "credit": _iim_text(info, CREDIT)
        or _iim_text(info, BYLINE)
        or _xmp_text(xmp, "Credit")
        or _xmp_text(xmp, "creator"),
        "title": _iim_text(info, HEADLINE) or _xmp_text(xmp, "title"),
    }


def local_file(picture: Picture, folder: Path | None) -> Path | None:
    """The picture's file when it lies next to the item (a bare or relative name, inside
    ``folder``); remote pictures stay references."""
    if folder is None or not picture.href or "://" in picture.href:
        return None
    path = (folder / picture.href).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        return None
    if path.stat().st_size > settings.WIRE_MAX_PICTURE_BYTES:
        return None
    return path


def import_picture(picture: Picture, folder: Path | None) -> dict:
    """The picture as stored on the item: its reference, caption, credit and, when its file
    was next to the item, the id of the image made from it."""
    stored = {"href": picture.href, "caption": picture.caption, "credit": picture.credit}
    path = local_file(picture, folder)
    if path is None:
        return {**stored, "image_id": None}
    data = path.read_bytes()
    embedded = embedded_metadata(data)
    caption = picture.caption or embedded["caption"]
    credit = picture.credit or embedded["credit"]
    model = get_image_model()
    image = model(title=(caption or embedded["title"] or path.stem)[:255])
    for name, value in (("caption", caption), ("credit", credit)):
        if hasattr(image, name):
            setattr(image, name, value[: image._meta.get_field(name).max_length or None])
    try:
        image.file = ImageFile(io.BytesIO(data), name=path.name)
        image.save()
    except (OSError, ValueError) as e:
        logger.warning("Picture %s not imported: %s", path, e)
        return {**stored, "caption": caption, "credit": credit, "image_id": None}
    return {**stored, "caption": caption, "credit": credit, "image_id": image.pk}
