"""IPTC NewsML-G2: a ``newsItem``, or the items of a ``newsMessage`` or ``packageItem``.

Read: ``guid``/``version``, ``itemMeta`` (``provider``, ``versionCreated``, ``embargoed``,
``pubStatus``, picture ``link``s), ``contentMeta`` (``urgency``, ``located``, ``by``,
``creditline``, ``dateline``, ``language``, ``subject``, ``keyword``, ``headline``,
``subheadline`` or ``headline role=subHeadline``, ``description``) and the body
(``inlineXML`` XHTML or ``inlineData`` text). Picture items in the same message become
pictures of its text items.
"""

from xml.etree.ElementTree import Element

from news.wires import items
from news.wires.items import IMAGE_SUFFIXES, ParsedItem, Picture, WireParseError
from news.wires.parsers.xmltree import inner_xml, text_of


def parse(root: Element) -> list[ParsedItem]:
    news_items = [root] if root.tag == "newsItem" else list(root.iter("newsItem"))
    if not news_items:
        raise WireParseError("a NewsML-G2 document without a newsItem")
    texts, pictures = [], []
    for element in news_items:
        if "picture" in _item_class(element):
            picture = _picture_item(element)
            if picture.href:
                pictures.append(picture)
        else:
            texts.append(_text_item(element))
    for item in texts:
        item.pictures += pictures
    if not texts:
        raise WireParseError("a NewsML-G2 document with pictures and no text item")
    return texts


def _item_class(element: Element) -> str:
    item_class = element.find("itemMeta/itemClass")
    return item_class.get("qcode", "") if item_class is not None else ""


def _version(element: Element) -> int:
    try:
        return max(int(element.get("version", "1")), 1)
    except ValueError as e:
        raise WireParseError(f"version {element.get('version')!r} is not a number") from e


def _text_item(element: Element) -> ParsedItem:
    guid = element.get("guid", "").strip()
    if not guid:
        raise WireParseError("a newsItem without a guid")
    meta = element.find("itemMeta")
    content = element.find("contentMeta")
    if meta is None or content is None:
        raise WireParseError(f"newsItem {guid} lacks itemMeta or contentMeta")
    headline = subheadline = ""
    for node in content.findall("headline"):
        if "sub" in node.get("role", "").lower():
            subheadline = subheadline or text_of(node)
        else:
            headline = headline or text_of(node)
    if not headline:
        raise WireParseError(f"newsItem {guid} has no headline")
    language = content.find("language")
    provider = meta.find("provider")
    pub_status = meta.find("pubStatus")
    located = content.find("located")
    return ParsedItem(
        guid=guid,
        version=_version(element),
        format="newsml",
        provider=_name_or_code(provider),
        headline=headline,
        deck=text_of(content.find("subheadline")) or subheadline or _description(content),
        dateline=text_of(content.find("dateline")),
        located=text_of(located.find("name")) if located is not None else "",
        byline=text_of(content.find("by")),
        creditline=text_of(content.find("creditline")),
        body_html=_body(element),
        language=(language.get("tag", "") if language is not None else "")
        or element.get("lang", ""),
        urgency=items.urgency(text_of(content.find("urgency"))),
        embargo_until=items.parse_time(text_of(meta.find("embargoed"))),
        version_created_at=items.parse_time(text_of(meta.find("versionCreated"))),
        status=items.status(pub_status.get("qcode") if pub_status is not None else ""),
        subjects=[
            {
                "code": node.get("qcode", "") or node.get("uri", ""),
                "name": text_of(node.find("name")),
            }
            for node in content.findall("subject")
            if node.get("qcode") or node.get("uri")
        ],
        keywords=[text_of(node) for node in content.findall("keyword") if text_of(node)],
        pictures=[
            Picture(
                href=link.get("href", ""),
                caption=text_of(link.find("title")),
                content_type=link.get("contenttype", ""),
            )
            for link in meta.findall("link")
            if _is_picture_link(link)
        ],
    )


def _name_or_code(node: Element | None) -> str:
    if node is None:
        return ""
    return text_of(node.find("name")) or node.get("qcode", "").rpartition(":")[2]


def _description(content: Element) -> str:
    for node in content.findall("description"):
        if "summary" in node.get("role", "") or not node.get("role"):
            return text_of(node)
    return ""


def _is_picture_link(link: Element) -> bool:
    href = link.get("href", "")
    return bool(href) and (
        link.get("contenttype", "").startswith("image/") or href.lower().endswith(IMAGE_SUFFIXES)
    )


def _body(element: Element) -> str:
    xhtml = element.find("contentSet/inlineXML")
    if xhtml is not None:
        body = next(xhtml.iter("body"), None)
        return items.clean_body(inner_xml(body if body is not None else xhtml))
    data = element.find("contentSet/inlineData")
    if data is not None:
        text = "".join(data.itertext())
        if "html" in data.get("contenttype", ""):
            return items.clean_body(text)
        return items.clean_body(items.text_to_html(text))
    return ""


def _picture_item(element: Element) -> Picture:
    remote = element.find("contentSet/remoteContent")
    content = element.find("contentMeta")
    caption = ""
    credit = ""
    if content is not None:
        caption = _description(content)
        credit = text_of(content.find("creditline")) or text_of(content.find("by"))
    return Picture(
        href=remote.get("href", "") if remote is not None else "",
        caption=caption,
        credit=credit,
        content_type=remote.get("contenttype", "") if remote is not None else "",
    )
