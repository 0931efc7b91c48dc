"""The "Wires" admin area: the desk's filters, the preview, Take, wire updates and rules."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from news.models import ArticlePage
from news.wires import stories
from news.wires.factories import WireItemFactory, WireRuleFactory
from news.wires.ingest import ingest_bytes
from news.wires.models import WireItem, WireRule
from tests.wires.conftest import fixture_bytes

pytestmark = pytest.mark.django_db

DESK = "/admin/wires_items/"


@pytest.fixture
def editor(client, section):
    user = get_user_model().objects.create_user("desk", "desk@laht.example", "pw")
    editors = Group.objects.get(name="Editors")
    user.groups.add(editors)
    assert GroupPagePermission.objects.filter(group=editors).exists()
    client.force_login(user)
    return user


def test_the_desk_lists_items_and_filters_by_agency_state_urgency_language_and_subject(
    client, editor
):
    WireItemFactory(headline="EFE Spanish copy", language="es", urgency=5)
    WireItemFactory(
        headline="AP flash",
        agency="ap",
        urgency=1,
        subjects=[{"code": "medtop:04000000", "name": "economy"}],
    )
    WireItemFactory(headline="Killed copy", state="killed")
    page = client.get(DESK).content.decode()
    assert all(h in page for h in ("EFE Spanish copy", "AP flash", "Killed copy"))
    for query, shown, hidden in [
        ("agency=ap", "AP flash", "EFE Spanish copy"),
        ("state=killed", "Killed copy", "AP flash"),
        ("urgency=2", "AP flash", "EFE Spanish copy"),
        ("language=es", "EFE Spanish copy", "AP flash"),
        ("subject=medtop:04000000", "AP flash", "Killed copy"),
        ("q=flash", "AP flash", "Killed copy"),
    ]:
        response = client.get(f"{DESK}?{query}")
        assert response.status_code == 200
        content = response.content.decode()
        assert shown in content and hidden not in content, query


def test_the_desk_offers_no_add_edit_or_delete_of_agency_copy(client, editor):
    item = WireItemFactory()
    content = client.get(DESK).content.decode()
    assert f"{DESK}inspect/{item.pk}/" in content
    assert f"{DESK}new/" not in content and f"{DESK}edit/" not in content
    assert client.get(f"{DESK}edit/{item.pk}/").status_code == 404


def test_the_preview_shows_the_copy_versions_and_the_take_form_with_the_rules_section(
    client, editor, section
):
    WireRuleFactory(name="Politics", subject_codes="medtop:11000000", section=section)
    ingest_bytes(fixture_bytes("newsml/efe-idlib-v2.xml"), agency="efe")
    ingest_bytes(fixture_bytes("newsml/efe-idlib-v1.xml"), agency="efe")
    item = WireItem.objects.get()
    content = client.get(f"{DESK}inspect/{item.pk}/").content.decode()
    assert "Putin y Erdogan acuerdan" in content
    assert "<b>expresaron</b>" in content
    assert "Embargoed until" in content
    assert f'<option value="{section.pk}" selected>' in content
    assert "arrived late, not applied" in content


def test_take_makes_a_draft_in_the_chosen_section_and_opens_it_in_the_editor(
    client, editor, section
):
    item = WireItemFactory(headline="Blackout in Caracas")
    response = client.post(f"/admin/wires/take/{item.pk}/", {"section": section.pk})
    story = ArticlePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{story.pk}/edit/"
    assert (story.title, story.live, story.get_parent().pk) == (
        "Blackout in Caracas",
        False,
        section.pk,
    )
    item.refresh_from_db()
    assert item.story_id == story.pk


def test_an_items_picture_is_shown_in_the_preview_and_becomes_the_taken_storys_lead_image(
    client, editor, section, tmp_path, picture_bytes, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "ap-blackout.jpg").write_bytes(picture_bytes)
    data = fixture_bytes("newsml/ap-message-with-picture.xml")
    [outcome] = ingest_bytes(data, agency="ap", folder=tmp_path).outcomes
    content = client.get(f"{DESK}inspect/{outcome.item_id}/").content.decode()
    assert "<img" in content and "Negotiators in Havana." in content
    assert "AP Photo/Ramon Espinosa" in content
    client.post(f"/admin/wires/take/{outcome.item_id}/", {"section": section.pk})
    story = ArticlePage.objects.get()
    image_id = WireItem.objects.get().pictures[0]["image_id"]
    assert (story.lead_image_id, story.lead_image_caption, story.lead_image_credit) == (
        image_id,
        "Negotiators in Havana.",
        "AP Photo/Ramon Espinosa",
    )


def test_the_story_editor_links_to_its_wire_item_and_shows_a_kill(client, editor, section):
    item = WireItemFactory(headline="Soon killed")
    story = stories.take(item, section)
    item.refresh_from_db()
    item.state = WireItem.State.KILLED
    item.save()
    content = client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert f"{DESK}inspect/{item.pk}/" in content
    assert "KILLED" in content


def test_a_waiting_wire_update_is_applied_from_the_preview(client, editor, section):
    item = WireItemFactory(headline="First headline")
    story = stories.take(item, section)
    item.refresh_from_db()
    item.pending_changes = {"deck": "A new deck from version 2."}
    item.state = WireItem.State.UPDATED
    item.save()
    content = client.get(f"{DESK}inspect/{item.pk}/").content.decode()
    assert "Wire update:" in content and "Apply the update" in content
    client.post(f"/admin/wires/apply-update/{item.pk}/")
    latest = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert latest.deck == "A new deck from version 2."
    item.refresh_from_db()
    assert item.state == "taken"


def test_users_without_the_desk_permissions_cannot_take(client, section):
    user = get_user_model().objects.create_user("nobody", "n@laht.example", "pw")
    client.force_login(user)
    item = WireItemFactory()
    client.post(f"/admin/wires/take/{item.pk}/", {"section": section.pk})
    assert not ArticlePage.objects.exists()


def test_editors_keep_mapping_rules_in_the_admin(client, editor, section):
    response = client.post(
        "/admin/wires_rules/new/",
        {
            "name": "Venezuela",
            "priority": 10,
            "enabled": "on",
            "agency": "efe",
            "language": "",
            "subject_codes": "",
            "keywords": "Venezuela, Caracas",
            "section": section.pk,
            "tags": "Venezuela",
            "source": "",
            "byline": "",
            "auto_create_draft": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    rule = WireRule.objects.get()
    assert rule.words == ["venezuela", "caracas"]
