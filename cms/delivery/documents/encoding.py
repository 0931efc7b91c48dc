"""A document's text: one line per field, each the JSON the API's renderer would write, so that
answers are assembled from stored lines without parsing them."""

import time
from functools import cache

from rest_framework.compat import LONG_SEPARATORS, SHORT_SEPARATORS
from rest_framework.renderers import JSONRenderer


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
