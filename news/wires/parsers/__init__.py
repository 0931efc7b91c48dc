"""Parsing a wire file: the content type, else the file itself, picks the format.

``parse(data, content_type)`` returns the file's items (``news.wires.items.ParsedItem``) or
raises ``WireParseError`` with the reason; it never raises anything else for bad input.
"""

from news.wires.conf import settings
from news.wires.items import ParsedItem, WireParseError
from news.wires.parsers import feeds, newsml, ninjs, nitf
from news.wires.parsers.xmltree import parse_xml

#: Root elements (local names) and the parser that reads them.
XML_ROOTS = {
    "newsItem": newsml.parse,
    "newsMessage": newsml.parse,
    "packageItem": newsml.parse,
    "nitf": nitf.parse,
    "rss": feeds.parse,
    "RDF": feeds.parse,
    "feed": feeds.parse,
}
JSON_TYPES = ("application/json", "application/ninjs+json")


def parse(data: bytes, content_type: str = "") -> list[ParsedItem]:
    if len(data) > settings.WIRE_MAX_FILE_BYTES:
        raise WireParseError(
            f"the file is larger than the limit of {settings.WIRE_MAX_FILE_BYTES} bytes"
        )
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if not head:
        raise WireParseError("the file is empty")
    media_type = content_type.split(";")[0].strip().lower()
    try:
        if media_type in JSON_TYPES or media_type.endswith("+json") or head in (b"{", b"["):
            found = ninjs.parse(data)
        elif head == b"<":
            root = parse_xml(data)
            reader = XML_ROOTS.get(root.tag)
            if reader is None:
                raise WireParseError(
                    f"unknown XML document <{root.tag}>: not NewsML-G2, NITF, RSS or Atom"
                )
            found = reader(root)
        else:
            raise WireParseError("neither XML nor JSON: not a wire format the desk reads")
    except WireParseError:
        raise
    except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as e:
        # A malformed file the format's reader did not foresee still gets a reason.
        raise WireParseError(f"unreadable {type(e).__name__}: {e}") from e
    if not found:
        raise WireParseError("the file holds no text item")
    return found
