"""RSS 2.0 and Atom items, for agencies that offer nothing richer.

RSS: ``guid`` (else ``link``), ``title``, ``description`` (the deck when ``content:encoded``
holds the body, else the body), ``dc:creator``/``author``, ``category``, ``pubDate``,
``enclosure`` pictures. Atom: ``id``, ``title``, ``summary``, ``content``, ``author/name``,
``category@term``, ``updated``, ``link rel=enclosure``. Feeds carry no version: the item's
update time is its version, so a changed item supersedes and a re-read one is a no-op.
"""

from xml.etree.ElementTree import Element

from django.utils.html import strip_tags

from news.wires import items
from news.wires.items import ParsedItem, Picture, WireParseError
from news.wires.parsers.xmltree import inner_xml, text_of


def parse(root: Element) -> list[ParsedItem]:
    if root.tag == "feed":
        language = root.get("lang", "")
        return [_atom(entry, language) for entry in root.findall("entry")]
    channel = root.find("channel")
    language = text_of(channel.find("language")) if channel is not None else ""
    return [_rss(item, language) for item in root.iter("item")]


def _version(moment) -> int:
    return int(moment.timestamp()) if moment else 1


def _html(value: str) -> str:
    if "<" in value:
        return items.clean_body(value)
    return items.clean_body(items.text_to_html(value))


def _rss(node: Element, language: str) -> ParsedItem:
    guid = text_of(node.find("guid")) or text_of(node.find("link"))
    headline = text_of(node.find("title"))
    if not guid or not headline:
        raise WireParseError("an RSS item without a guid (or link) or a title")
    published = items.parse_time(text_of(node.find("pubDate")) or text_of(node.find("date")))
    description_node = node.find("description")
    description = "".join(description_node.itertext()) if description_node is not None else ""
    encoded = node.find("encoded")
    body = "".join(encoded.itertext()) if encoded is not None else description
    return ParsedItem(
        guid=guid,
        version=_version(published),
        format="rss",
        headline=headline,
        deck=items.clean_text(strip_tags(description), 500) if encoded is not None else "",
        byline=text_of(node.find("creator")) or text_of(node.find("author")),
        body_html=_html(body) if body.strip() else "",
        language=language,
        version_created_at=published,
        keywords=[text_of(tag) for tag in node.findall("category") if text_of(tag)],
        pictures=[
            Picture(href=enclosure.get("url", ""), content_type=enclosure.get("type", ""))
            for enclosure in node.findall("enclosure")
            if enclosure.get("type", "").startswith("image/") and enclosure.get("url")
        ],
    )


def _atom(entry: Element, language: str) -> ParsedItem:
    guid = text_of(entry.find("id"))
    headline = text_of(entry.find("title"))
    if not guid or not headline:
        raise WireParseError("an Atom entry without an id or a title")
    updated = items.parse_time(text_of(entry.find("updated")) or text_of(entry.find("published")))
    content = entry.find("content")
    summary = entry.find("summary")
    if content is not None and content.get("type") == "xhtml":
        body = inner_xml(content)
    else:
        body = "".join(content.itertext()) if content is not None else ""
    return ParsedItem(
        guid=guid,
        version=_version(updated),
        format="atom",
        headline=headline,
        deck=text_of(summary, 500) if body else "",
        byline=text_of(entry.find("author/name")),
        body_html=_html(body or text_of(summary)) if (body or text_of(summary)) else "",
        language=entry.get("lang", "") or language,
        version_created_at=updated,
        keywords=[tag.get("term", "") for tag in entry.findall("category") if tag.get("term")],
        pictures=[
            Picture(href=link.get("href", ""), caption=link.get("title", ""))
            for link in entry.findall("link")
            if link.get("rel") == "enclosure"
            and link.get("type", "").startswith("image/")
            and link.get("href")
        ],
    )
