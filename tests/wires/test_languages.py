"""Spanish copy keeps its language, and Take lets the editor choose the draft's language
when the site has more than one locale (the story goes to the section's translation)."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from news.models import ArticlePage
from news.wires.factories import WireItemFactory
from news.wires.ingest import ingest_bytes
from news.wires.models import WireItem
from tests.wires.conftest import fixture_bytes

pytestmark = pytest.mark.django_db

DESK = "/admin/wires_items/"


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("desk", "desk@laht.example", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def spanish(section):
    """A Spanish locale, and the section's Spanish version (with its parents')."""
    locale, _ = Locale.objects.get_or_create(language_code="es")
    return locale, section.copy_for_translation(locale, copy_parents=True)


def take(client, item, section, locale=None):
    data = {"section": section.pk, **({"locale": locale.pk} if locale else {})}
    return client.post(f"/admin/wires/take/{item.pk}/", data)


def test_efe_spanish_copy_stays_marked_spanish_on_the_desk():
    ingest_bytes(fixture_bytes("newsml/efe-idlib-v1.xml"), agency="efe")
    assert WireItem.objects.get().language == "es"


def test_with_one_locale_take_offers_no_language(client, editor, section):
    Locale.objects.exclude(pk=Locale.get_default().pk).delete()  # a site with one edition
    item = WireItemFactory(language="es")
    content = client.get(f"{DESK}inspect/{item.pk}/").content.decode()
    assert "Language of the draft" not in content
    take(client, item, section)
    assert ArticlePage.objects.get().locale == Locale.get_default()


def test_spanish_copy_is_offered_the_spanish_edition_first(client, editor, section, spanish):
    locale, _ = spanish
    item = WireItemFactory(language="es-VE")
    content = client.get(f"{DESK}inspect/{item.pk}/").content.decode()
    assert "Language of the draft" in content
    assert f'<option value="{locale.pk}" selected>' in content


def test_take_into_spanish_drafts_the_story_in_the_sections_spanish_version(
    client, editor, section, spanish
):
    locale, spanish_section = spanish
    item = WireItemFactory(language="es", headline="Putin y Erdogan")
    response = take(client, item, section, locale)
    story = ArticlePage.objects.get()
    assert response["Location"] == f"/admin/pages/{story.pk}/edit/"
    assert story.locale == locale and story.get_parent().pk == spanish_section.pk
    item.refresh_from_db()
    assert (item.story_id, item.language) == (story.pk, "es")


def test_spanish_copy_can_be_the_source_of_an_english_story(client, editor, section, spanish):
    item = WireItemFactory(language="es")
    take(client, item, section, Locale.get_default())
    story = ArticlePage.objects.get()
    assert story.locale == Locale.get_default() and story.get_parent().pk == section.pk


def test_a_section_without_a_version_in_the_chosen_language_is_a_clear_error(
    client, editor, section
):
    french = Locale.objects.create(language_code="fr")
    item = WireItemFactory(language="fr")
    response = take(client, item, section, french)
    assert response.status_code == 302 and response["Location"] == f"{DESK}inspect/{item.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "has no French version" in page
    assert not ArticlePage.objects.exists()


def test_an_unknown_language_or_section_id_is_an_error_not_a_crash(client, editor, section):
    item = WireItemFactory()
    assert take_raw(client, item, {"section": section.pk, "locale": "x"}).status_code == 302
    assert take_raw(client, item, {"section": "nope"}).status_code == 302
    assert not ArticlePage.objects.exists()


def take_raw(client, item, data):
    return client.post(f"/admin/wires/take/{item.pk}/", data)
