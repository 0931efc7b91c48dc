"""Stories made from wire items: take, wire updates and kills.

A story taken from an item is a draft (``ArticlePage``) in a section, linked from the item.
A new version rewrites the draft while nobody has touched it (its latest revision is still the
one the desk wrote); otherwise it waits on the item as a "wire update" (the fields that changed),
for the editor to apply or ignore. A kill flags the story, and unpublishes it when a matching
rule says so.
"""

import logging

from django.db import transaction
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from wagtail.models import Page

from cms.countries.models import Country
from news.models import ArticleByline, ArticlePage, SectionPage
from news.wires.models import WireItem
from news.wires.rules import Mapping, mapping_for, source_for

logger = logging.getLogger("herald.wires")

#: Story fields a version can change, with the item field each comes from.
STORY_FIELDS = {
    "title": "headline",
    "deck": "deck",
    "dateline_city": "located",
    "byline": "byline",
    "body": "body",
    "embargo_until": "embargo_until",
}


def story_values(item: WireItem) -> dict:
    """The story's fields as the item gives them (JSON-friendly, for wire updates)."""
    return {
        "title": item.headline[:255],
        "deck": item.deck,
        "dateline_city": (item.located or item.dateline.split(",")[0])[:100],
        "byline": item.byline[:255],
        "body": item.body,
        "embargo_until": item.embargo_until.isoformat() if item.embargo_until else None,
    }


def _unique_slug(section: Page, title: str, guid: str) -> str:
    base = slugify(title)[:200] or slugify(guid)[:200] or "wire-story"
    slug, n = base, 1
    siblings = set(
        section.get_children().filter(slug__startswith=base).values_list("slug", flat=True)
    )
    while slug in siblings:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _write(page: ArticlePage, values: dict, mapping: Mapping | None = None) -> None:
    page.title = values["title"]
    page.deck = values["deck"]
    page.dateline_city = values["dateline_city"]
    page.body = [("paragraph", values["body"])] if values["body"] else []
    embargo = values["embargo_until"]
    page.embargo_until = parse_datetime(embargo) if isinstance(embargo, str) else embargo
    byline = values["byline"] or (mapping.byline if mapping else "")
    if byline or mapping is not None:
        page.bylines = [ArticleByline(name=byline)] if byline else []


def take(
    item: WireItem,
    section: SectionPage,
    user=None,
    mapping: Mapping | None = None,
    publish: bool = False,
) -> ArticlePage:
    """A draft story from ``item`` in ``section`` (published, or scheduled for the embargo's
    end, only when ``publish``)."""
    mapping = mapping or mapping_for(item)
    with transaction.atomic():
        item = WireItem.objects.select_for_update().get(pk=item.pk)
        if item.story_id is not None:
            return item.story
        values = story_values(item)
        page = ArticlePage(
            slug=_unique_slug(section, values["title"], item.guid),
            source=source_for(item, mapping),
            live=False,
        )
        _write(page, values, mapping)
        picture = next((p for p in item.pictures if p.get("image_id")), None)
        if picture is not None:
            page.lead_image_id = picture["image_id"]
            page.lead_image_caption = picture.get("caption", "")[:500]
            page.lead_image_credit = picture.get("credit", "")[:255]
        if mapping.tags:
            page.tags.add(*mapping.tags)
        if mapping.country_ids:
            page.countries = list(Country.objects.filter(pk__in=mapping.country_ids))
        section.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        item.story = page
        item.story_version = item.version
        item.story_revision_id = revision.pk
        item.state = WireItem.State.KILLED if item.is_killed else WireItem.State.TAKEN
        item.pending_changes = {}
        item.save(update_fields=_LINK_FIELDS)
        if publish and not item.is_killed:
            _publish(page, revision)
    return page


_LINK_FIELDS = ["story", "story_version", "story_revision_id", "state", "pending_changes"]


def _publish(page: ArticlePage, revision) -> None:
    """Publish, or schedule for the end of the embargo (the embargo still holds)."""
    from_revision = revision.as_object()
    if from_revision.embargo_until and from_revision.embargo_until > revision.created_at:
        from_revision.go_live_at = from_revision.embargo_until
        revision = from_revision.save_revision(log_action=False)
    revision.publish()


def is_untouched(item: WireItem) -> bool:
    """The story is a draft whose latest revision is the desk's own."""
    story = item.story
    return (
        story is not None
        and not story.live
        and story.latest_revision_id is not None
        and story.latest_revision_id == item.story_revision_id
    )


def follow_version(item: WireItem, previous: dict) -> None:
    """After ``item`` got a new version: update its untouched draft, or record the wire
    update on it (``previous``: the story values of the version the story holds)."""
    if item.story_id is None:
        return
    values = story_values(item)
    if is_untouched(item):
        page = item.story.get_latest_revision_as_object()
        _write(page, values)
        revision = page.save_revision(log_action=True)
        item.story_version = item.version
        item.story_revision_id = revision.pk
        item.pending_changes = {}
        item.state = WireItem.State.TAKEN
    else:
        changes = {name: value for name, value in values.items() if previous.get(name) != value}
        item.pending_changes = {**item.pending_changes, **changes}
        item.state = WireItem.State.UPDATED if item.pending_changes else item.state
    item.save(update_fields=_LINK_FIELDS)


def apply_update(item: WireItem, user=None) -> None:
    """Write the waiting wire update into a new draft revision of the story."""
    if item.story_id is None or not item.pending_changes:
        return
    page = item.story.get_latest_revision_as_object()
    values = {**_current(page), **item.pending_changes}
    _write(page, values)
    revision = page.save_revision(user=user, log_action=True)
    item.story_version = item.version
    item.story_revision_id = revision.pk
    item.pending_changes = {}
    item.state = WireItem.State.KILLED if item.is_killed else WireItem.State.TAKEN
    item.save(update_fields=_LINK_FIELDS)


def ignore_update(item: WireItem) -> None:
    item.story_version = item.version
    item.pending_changes = {}
    item.state = WireItem.State.KILLED if item.is_killed else WireItem.State.TAKEN
    item.save(update_fields=_LINK_FIELDS)


def _current(page: ArticlePage) -> dict:
    byline = next(iter(page.bylines.all()), None)
    return {
        "title": page.title,
        "deck": page.deck,
        "dateline_city": page.dateline_city,
        "byline": byline.display_name if byline else "",
        "body": "".join(
            str(block.value.source) for block in page.body if block.block_type == "paragraph"
        ),
        "embargo_until": page.embargo_until.isoformat() if page.embargo_until else None,
    }


def follow_kill(item: WireItem, mapping: Mapping | None = None) -> None:
    """Flag the story of a killed item; unpublish it when a matching rule says so."""
    item.state = WireItem.State.KILLED
    item.save(update_fields=["state"])
    story = item.story
    if story is None:
        return
    mapping = mapping or mapping_for(item)
    if story.live and mapping.unpublish_on_kill:
        story.unpublish(log_action=True)
        logger.warning(
            "Unpublished %r: the agency killed %s %s", story.title, item.agency, item.guid
        )
