"""Editors translate a story with wagtail-localize on Wagtail 8: "Translate this page" makes
the Spanish draft (its section too), and a change of the English source marks the
translation out of date until it is synced."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from news.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_an_editor_translates_a_story_into_spanish(client, chief, home, section, article):
    es = Locale.objects.get(language_code="es")
    url = reverse("wagtail_localize:submit_page_translation", args=[article.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, {"locales": [es.pk], "include_subtree": False})
    assert response.status_code == 302

    nota = ArticlePage.objects.get(locale=es, translation_key=article.translation_key)
    assert not nota.live, "a translation goes live when an editor publishes it"
    assert nota.get_parent().locale == es  # the section was translated first
    assert client.get(reverse("wagtailadmin_pages:edit", args=[nota.pk])).status_code == 200

    # The source changes: syncing brings the change to the translation's segments.
    article.title = "Putin and Erdogan Agree to Talk More on Idlib"
    article.save_revision().publish()
    source, _ = TranslationSource.get_or_create_from_instance(article)
    update = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert client.get(update).status_code == 200
