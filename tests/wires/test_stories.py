"""Taking wire items into stories; new versions, wire updates, kills and rules."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from cms.countries.models import Country
from news.factories import WireSourceFactory
from news.models import ArticlePage
from news.wires import stories
from news.wires.factories import WireRuleFactory
from news.wires.ingest import ingest_bytes
from news.wires.models import WireItem
from news.wires.rules import mapping_for
from tests.wires.conftest import fixture_bytes

pytestmark = pytest.mark.django_db


def ingest(name, agency="efe"):
    result = ingest_bytes(fixture_bytes(name), agency=agency, name=name)
    assert result.ok, result
    return WireItem.objects.get(pk=result.outcomes[0].item_id)


def test_take_makes_a_draft_story_with_headline_deck_dateline_byline_source_body_and_embargo(
    section,
):
    efe = WireSourceFactory(name="EFE", slug="efe")
    item = ingest("newsml/efe-idlib-v1.xml")
    story = stories.take(item, section)
    story = ArticlePage.objects.get(pk=story.pk)
    assert not story.live
    assert story.get_parent().pk == section.pk
    assert story.title.startswith("Putin y Erdogan acuerdan")
    assert story.deck == "El Kremlin pide cumplir el memorando de Sochi"
    assert story.dateline_city == "Moscú"
    assert [b.name for b in story.bylines.all()] == ["Ignacio Ortega"]
    assert story.source == efe
    assert story.embargo_until == datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    assert "<b>expresaron</b>" in story.body[0].value.source
    item.refresh_from_db()
    assert (item.state, item.story_id, item.story_version) == ("taken", story.pk, 1)
    assert list(story.wire_items.all()) == [item]


def test_taking_twice_returns_the_same_story(section):
    item = ingest("newsml/efe-idlib-v1.xml")
    assert stories.take(item, section).pk == stories.take(item, section).pk
    assert ArticlePage.objects.count() == 1


def test_a_new_version_rewrites_a_draft_nobody_touched(section):
    item = ingest("newsml/efe-idlib-v1.xml")
    story = stories.take(item, section)
    item = ingest("newsml/efe-idlib-v2.xml")
    latest = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert latest.body[0].value.source.startswith("<p>ACTUALIZACIÓN.")
    assert (item.state, item.story_version, item.pending_changes) == ("taken", 2, {})


def test_a_new_version_of_a_changed_draft_waits_as_a_visible_wire_update(section, admin_user):
    item = ingest("newsml/efe-idlib-v1.xml")
    story = stories.take(item, section)
    edited = story.get_latest_revision_as_object()
    edited.title = "Putin and Erdogan to boost dialogue on Idlib"
    edited.save_revision(user=admin_user)
    item = ingest("newsml/efe-idlib-v2.xml")
    assert item.state == "updated"
    assert set(item.pending_changes) == {"body"}
    latest = Page.objects.get(pk=story.pk).specific.get_latest_revision_as_object()
    assert latest.title == "Putin and Erdogan to boost dialogue on Idlib"
    assert not latest.body[0].value.source.startswith("<p>ACTUALIZACIÓN")


def test_applying_a_wire_update_writes_it_into_a_new_draft_keeping_the_editors_headline(
    section, admin_user
):
    item = ingest("newsml/efe-idlib-v1.xml")
    story = stories.take(item, section)
    edited = story.get_latest_revision_as_object()
    edited.title = "Edited headline"
    edited.save_revision(user=admin_user)
    item = ingest("newsml/efe-idlib-v2.xml")
    stories.apply_update(item, admin_user)
    latest = Page.objects.get(pk=story.pk).specific.get_latest_revision_as_object()
    assert latest.title == "Edited headline"
    assert latest.body[0].value.source.startswith("<p>ACTUALIZACIÓN.")
    item.refresh_from_db()
    assert (item.state, item.pending_changes, item.story_version) == ("taken", {}, 2)


def test_ignoring_a_wire_update_clears_it_and_leaves_the_story_alone(section, admin_user):
    item = ingest("newsml/efe-idlib-v1.xml")
    story = stories.take(item, section)
    story.get_latest_revision_as_object().save_revision(user=admin_user)
    item = ingest("newsml/efe-idlib-v2.xml")
    stories.ignore_update(item)
    item.refresh_from_db()
    assert (item.state, item.pending_changes) == ("taken", {})


def publish_story(item, section):
    story = stories.take(item, section)
    revision = story.get_latest_revision_as_object()
    revision.embargo_until = None
    revision.save_revision().publish()
    return ArticlePage.objects.get(pk=story.pk)


def test_a_kill_flags_a_published_story_but_leaves_it_published_without_a_rule(section):
    item = ingest("newsml/efe-idlib-v1.xml")
    story = publish_story(item, section)
    item = ingest("newsml/efe-idlib-kill.xml")
    assert item.state == "killed" and item.story_id == story.pk
    assert ArticlePage.objects.get(pk=story.pk).live


def test_a_kill_unpublishes_the_story_when_a_rule_says_so(section):
    WireRuleFactory(name="EFE kills", agency="efe", unpublish_on_kill=True)
    item = ingest("newsml/efe-idlib-v1.xml")
    story = publish_story(item, section)
    ingest("newsml/efe-idlib-kill.xml")
    assert not ArticlePage.objects.get(pk=story.pk).live


def test_rules_map_media_topics_and_keywords_to_section_tags_countries_source_and_byline(
    section,
):
    syria = Country.objects.get_or_create(code="SY", defaults={"name": "Syria"})[0]
    efe = WireSourceFactory(name="EFE Madrid", slug="efe-madrid")
    rule = WireRuleFactory(
        name="Politics",
        subject_codes="medtop:11000000",
        section=section,
        tags="politics, Middle East",
        source=efe,
        byline="EFE staff",
    )
    rule.countries.add(syria)
    rule.save()
    WireRuleFactory(name="Idlib", keywords="Idlib", tags="Idlib")
    WireRuleFactory(name="Sports", subject_codes="medtop:15000000", tags="sport")
    item = ingest("newsml/efe-idlib-v1.xml")
    mapping = mapping_for(item)
    assert mapping.section.pk == section.pk
    assert mapping.tags == ["politics", "Middle East", "Idlib"]
    assert mapping.country_ids == [syria.pk]
    assert mapping.source == efe
    story = ArticlePage.objects.get(pk=stories.take(item, section).pk)
    assert sorted(story.tags.names()) == ["Idlib", "Middle East", "politics"]
    assert list(story.countries.all()) == [syria]


def test_a_broader_media_topic_in_a_rule_matches_narrower_topics():
    rule = WireRuleFactory(name="Politics", subject_codes="medtop:11000000")
    item = WireItem(agency="efe", subjects=[{"code": "medtop:11006000", "name": "government"}])
    assert mapping_for(item).rules == [rule]
    other = WireItem(agency="efe", subjects=[{"code": "medtop:12006000", "name": "religion"}])
    assert mapping_for(other).rules == []


def test_an_auto_create_rule_makes_a_draft_for_each_new_item_and_never_publishes(section):
    WireRuleFactory(name="EFE politics", agency="efe", section=section, auto_create_draft=True)
    item = ingest("newsml/efe-idlib-v1.xml")
    assert item.story is not None and item.state == "taken"
    assert not item.story.live
    assert ingest("nitf/ap-bogota.xml", agency="ap").story is None


def test_an_auto_publish_rule_publishes_or_schedules_for_the_end_of_the_embargo(section):
    WireRuleFactory(
        name="AP", agency="ap", section=section, auto_create_draft=True, auto_publish=True
    )
    item = ingest("nitf/ap-bogota.xml", agency="ap")
    story = ArticlePage.objects.get(pk=item.story_id)
    assert story.embargo_until == datetime(2026, 12, 5, 6, 0, tzinfo=UTC)
    if story.embargo_until > datetime.now(UTC):
        assert not story.live
        assert story.revisions.filter(approved_go_live_at=story.embargo_until).exists()
    else:
        assert story.live


def test_a_rule_that_publishes_needs_an_agency_and_a_section():
    rule = WireRuleFactory.build(name="Everything", auto_publish=True)
    with pytest.raises(ValidationError):
        rule.full_clean()
