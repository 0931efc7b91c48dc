"""NITF 3.x: ``head/docdata`` (``doc-id``, ``du-key``, ``urgency``, ``date.release`` as the
embargo, ``management-status`` or ``doc.status``, ``key-list``, ``identified-content``),
``body.head`` (``hedline`` ``hl1``/``hl2``, ``byline``, ``dateline``, ``abstract``) and
``body.content``; pictures are ``media`` elements with a caption and a producer."""

from xml.etree.ElementTree import Element

from news.wires import items
from news.wires.items import ParsedItem, Picture, WireParseError
from news.wires.parsers.xmltree import inner_xml, text_of


def parse(root: Element) -> list[ParsedItem]:
    docdata = root.find("head/docdata")
    body_head = root.find("body/body.head")
    if docdata is None or body_head is None:
        raise WireParseError("an NITF document without head/docdata or body/body.head")
    doc_id = docdata.find("doc-id")
    guid = (doc_id.get("id-string", "") if doc_id is not None else "").strip()
    if not guid:
        raise WireParseError("an NITF document without doc-id id-string")
    headline = text_of(body_head.find("hedline/hl1"))
    if not headline:
        raise WireParseError(f"NITF document {guid} has no hedline/hl1")
    byline = body_head.find("byline")
    if byline is not None:
        for role in byline.findall("byttl"):
            role.text = role.tail = ""  # the title is not the name
    dateline = body_head.find("dateline")
    release = docdata.find("date.release")
    urgency = docdata.find("urgency")
    doc_status = docdata.find("doc.status")
    status = docdata.get("management-status", "") or (
        (doc_status.get("status", "") or text_of(doc_status)) if doc_status is not None else ""
    )
    content = root.find("body/body.content")
    return [
        ParsedItem(
            guid=guid,
            version=_version(docdata),
            format="nitf",
            provider=doc_id.get("regsrc", "") if doc_id is not None else "",
            headline=headline,
            deck=text_of(body_head.find("hedline/hl2")) or text_of(body_head.find("abstract")),
            dateline=text_of(dateline),
            located=text_of(dateline.find("location/city") if dateline is not None else None),
            byline=text_of(byline).removeprefix("By ").removeprefix("by "),
            creditline=text_of(body_head.find("distributor")),
            body_html=items.clean_body(inner_xml(content)) if content is not None else "",
            language=root.get("lang", "") or _lang(root),
            urgency=items.urgency(urgency.get("ed-urg") if urgency is not None else None),
            embargo_until=items.parse_time(release.get("norm") if release is not None else ""),
            version_created_at=_issued(docdata),
            status=items.status(status),
            subjects=[
                {"code": node.get("tobject.subject.refnum", ""), "name": _subject_name(node)}
                for node in root.iter("tobject.subject")
                if node.get("tobject.subject.refnum")
            ],
            keywords=[node.get("key", "") for node in docdata.iter("keyword") if node.get("key")],
            pictures=[_picture(media) for media in root.iter("media") if _is_picture(media)],
        )
    ]


def _version(docdata: Element) -> int:
    du_key = docdata.find("du-key")
    if du_key is None:
        return 1
    value = du_key.get("version") or du_key.get("generation") or "1"
    try:
        return max(int(value), 1)
    except ValueError as e:
        raise WireParseError(f"du-key version {value!r} is not a number") from e


def _lang(root: Element) -> str:
    body = root.find("body")
    return body.get("lang", "") if body is not None else ""


def _issued(docdata: Element):
    issue = docdata.find("date.issue")
    return items.parse_time(issue.get("norm") if issue is not None else "")


def _subject_name(node: Element) -> str:
    return " / ".join(
        part
        for part in (
            node.get("tobject.subject.type", ""),
            node.get("tobject.subject.matter", ""),
        )
        if part
    )


def _is_picture(media: Element) -> bool:
    return media.get("media-type", "image") in ("image", "photo", "graphic")


def _picture(media: Element) -> Picture:
    reference = media.find("media-reference")
    return Picture(
        href=reference.get("source", "") if reference is not None else "",
        caption=text_of(media.find("media-caption")),
        credit=text_of(media.find("media-producer")),
        content_type=reference.get("mime-type", "") if reference is not None else "",
    )
