"""XML read safely (defusedxml: no entity expansion, no external entities or DTDs fetched)
and simplified to local names, which is all the wire formats need."""

from xml.etree.ElementTree import Element, ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from news.wires.items import WireParseError, clean_text


def parse_xml(data: bytes) -> Element:
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise WireParseError(f"refused XML: {type(e).__name__}") from e
    except ParseError as e:
        raise WireParseError(f"not well-formed XML: {e}") from e
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = local(element.tag)
            element.attrib = {local(key): value for key, value in element.attrib.items()}
    return root


def local(name: str) -> str:
    return name.rpartition("}")[2]


def text_of(element: Element | None, limit: int = 0) -> str:
    """The element's text content, whitespace collapsed."""
    if element is None:
        return ""
    return clean_text("".join(element.itertext()), limit)


def inner_xml(element: Element) -> str:
    """The element's children as markup (an XHTML or NITF body), namespaces stripped."""
    head = element.text or ""
    return head + "".join(tostring(child, encoding="unicode") for child in element)
