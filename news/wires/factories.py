"""Factories of the desk's records, and pictures carrying IPTC metadata (tests and demo)."""

import io
import struct

import factory
from django.utils import timezone
from PIL import Image

from news.wires.models import WireItem, WireRule


def iptc_block(fields: dict[tuple[int, int], str]) -> bytes:
    """IPTC IIM datasets (``{(2, 120): "caption"}``) as a Photoshop APP13 segment."""
    iim = b"".join(
        b"\x1c" + bytes([record, dataset]) + struct.pack(">H", len(value.encode())) + value.encode()
        for (record, dataset), value in fields.items()
    )
    if len(iim) % 2:
        iim += b"\x00"
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iim)) + iim
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with_iptc(caption: str = "", credit: str = "", size=(64, 48), color="#36c") -> bytes:
    """A small JPEG whose IPTC caption/abstract and credit are set (APP13 after SOI)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=70)
    data = buffer.getvalue()
    fields = {}
    if caption:
        fields[(2, 120)] = caption
    if credit:
        fields[(2, 110)] = credit
    return data[:2] + iptc_block(fields) + data[2:] if fields else data


class WireItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WireItem
        django_get_or_create = ("agency", "guid")

    agency = "efe"
    guid = factory.Sequence(lambda n: f"urn:newsml:efe.com:demo:{n}")
    version = 1
    format = "newsml"
    headline = factory.Sequence(lambda n: f"Wire story {n}")
    deck = "What the agency says happened."
    located = "Caracas"
    dateline = "Caracas, 4 Dec (EFE)"
    byline = "EFE staff"
    body = "<p>First paragraph.</p><p>Second paragraph.</p>"
    language = "en"
    urgency = 4
    subjects = factory.LazyFunction(lambda: [{"code": "medtop:11000000", "name": "politics"}])
    keywords = factory.LazyFunction(list)
    received_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyAttribute(lambda o: o.received_at)


class WireRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WireRule

    name = factory.Sequence(lambda n: f"Rule {n}")
