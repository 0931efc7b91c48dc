"""IPTC ninjs 1.x and 2.x JSON: one item, or a list of items.

1.x names (``headline``, ``body_html``/``body_text``, ``byline``, ``located``, ``subject``,
``description_text``, ``associations`` as an object) and their 2.x counterparts
(``headlines``, ``bodies``, ``bylines``, ``places``, ``subjects``, ``descriptions``,
``associations`` as a list) are both read; ``uri`` is the guid.
"""

import json
from typing import Any

from news.wires import items
from news.wires.items import ParsedItem, Picture, WireParseError


def parse(data: bytes) -> list[ParsedItem]:
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as e:
        raise WireParseError(f"not valid JSON: {e}") from e
    documents = document if isinstance(document, list) else [document]
    if not documents or not all(isinstance(entry, dict) for entry in documents):
        raise WireParseError("ninjs must be an object or a list of objects")
    return [_item(entry) for entry in documents if _kind(entry) == "text"]


def _kind(entry: dict) -> str:
    return str(entry.get("type") or "text")


def _string(value: Any) -> str:
    return items.clean_text(value if isinstance(value, str) else "")


def _by_role(entries: Any, role: str, default_first: bool = True) -> str:
    """The ``value`` of the 2.x list entry with ``role`` (else the first, if allowed)."""
    if not isinstance(entries, list):
        return ""
    entries = [entry for entry in entries if isinstance(entry, dict)]
    for entry in entries:
        if entry.get("role") == role:
            return _string(entry.get("value"))
    if default_first and entries and not entries[0].get("role"):
        return _string(entries[0].get("value"))
    return ""


def _item(entry: dict) -> ParsedItem:
    guid = _string(entry.get("uri") or entry.get("guid"))
    if not guid:
        raise WireParseError("a ninjs item without a uri")
    headline = _string(entry.get("headline")) or _by_role(entry.get("headlines"), "main")
    if not headline:
        raise WireParseError(f"ninjs item {guid} has no headline")
    try:
        version = max(int(str(entry.get("version") or 1)), 1)
    except ValueError as e:
        raise WireParseError(f"ninjs item {guid}: version is not a number") from e
    return ParsedItem(
        guid=guid,
        version=version,
        format="ninjs",
        provider=_provider(entry),
        headline=headline,
        deck=_by_role(entry.get("headlines"), "sub", default_first=False)
        or _string(entry.get("description_text"))
        or _by_role(entry.get("descriptions"), "summary"),
        dateline=_string(entry.get("located")),
        located=_string(entry.get("located")) or _place(entry.get("places")),
        byline=_string(entry.get("byline")) or _bylines(entry.get("bylines")),
        creditline=_string(entry.get("copyrightholder")),
        body_html=_body(entry),
        language=_string(entry.get("language")),
        urgency=items.urgency(entry.get("urgency")),
        embargo_until=items.parse_time(_string(entry.get("embargoed"))),
        version_created_at=items.parse_time(
            _string(entry.get("versioncreated") or entry.get("firstcreated"))
        ),
        status=items.status(_string(entry.get("pubstatus"))),
        subjects=_subjects(entry.get("subjects") or entry.get("subject")),
        keywords=[_string(word) for word in entry.get("keywords") or [] if _string(word)],
        pictures=_pictures(entry.get("associations")),
    )


def _provider(entry: dict) -> str:
    provider = entry.get("provider") or entry.get("copyrightholder")
    if isinstance(provider, dict):
        return _string(provider.get("name"))
    return _string(provider)


def _place(places: Any) -> str:
    if isinstance(places, list) and places and isinstance(places[0], dict):
        return _string(places[0].get("name"))
    return ""


def _bylines(bylines: Any) -> str:
    if not isinstance(bylines, list):
        return ""
    return ", ".join(
        _string(entry.get("byline")) for entry in bylines if isinstance(entry, dict)
    ).strip(", ")


def _body(entry: dict) -> str:
    html = entry.get("body_html")
    text = entry.get("body_text")
    bodies = entry.get("bodies")
    if isinstance(bodies, list):
        for body in bodies:
            if not isinstance(body, dict) or not isinstance(body.get("value"), str):
                continue
            if "html" in str(body.get("contenttype", "")):
                html = html or body["value"]
            else:
                text = text or body["value"]
    if isinstance(html, str) and html.strip():
        return items.clean_body(html)
    if isinstance(text, str) and text.strip():
        return items.clean_body(items.text_to_html(text))
    return ""


def _subjects(subjects: Any) -> list[dict[str, str]]:
    found = []
    for subject in subjects if isinstance(subjects, list) else []:
        if not isinstance(subject, dict):
            continue
        code = _string(subject.get("code") or subject.get("uri"))
        if subject.get("scheme") and ":" not in code:
            code = f"{_string(subject['scheme']).rstrip(':')}:{code}"
        if code:
            found.append({"code": code, "name": _string(subject.get("name"))})
    return found


def _pictures(associations: Any) -> list[Picture]:
    entries = associations.values() if isinstance(associations, dict) else associations or []
    pictures = []
    for entry in entries if isinstance(entries, list) or hasattr(entries, "__iter__") else []:
        if not isinstance(entry, dict) or _kind(entry) not in ("picture", "image", "graphic"):
            continue
        renditions = entry.get("renditions")
        href = _string(entry.get("uri"))
        if isinstance(renditions, dict):
            original = renditions.get("original") or next(iter(renditions.values()), {})
            href = _string(original.get("href")) if isinstance(original, dict) else href
        elif isinstance(renditions, list) and renditions and isinstance(renditions[0], dict):
            href = _string(renditions[0].get("href")) or href
        if href:
            pictures.append(
                Picture(
                    href=href,
                    caption=_string(entry.get("description_text") or entry.get("body_text"))
                    or _by_role(entry.get("descriptions"), "caption")
                    or _string(entry.get("headline")),
                    credit=_string(entry.get("byline") or entry.get("copyrightholder"))
                    or _bylines(entry.get("bylines")),
                    content_type=_string(entry.get("mimetype")),
                )
            )
    return pictures
