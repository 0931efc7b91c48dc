"""The daily headlines per edition: each reader chooses a language and gets that edition's
stories in that language's words."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from home.factories import translate_page
from home.most_viewed.counting import add_views, hour_bucket
from home.newsletter.models import NewsletterIssue, Subscriber
from news.factories import ArticlePageFactory
from tests.home.newsletter.conftest import post_token, subscribe, token_from

pytestmark = pytest.mark.django_db


def confirmed(client, email, language):
    subscribe(client, email, ip=f"198.51.100.{len(mail.outbox) + 1}", language=language)
    post_token(client, "confirm", token_from(mail.outbox[-1], "confirm"))
    return Subscriber.objects.get(email=email)


def test_a_reader_subscribes_in_spanish_and_confirms_in_spanish(client, home):
    response = subscribe(client, "lectora@example.com", language="es")
    assert response.status_code == 202
    assert Subscriber.objects.get(email="lectora@example.com").language == "es"
    assert mail.outbox[-1].subject.startswith("Confirme su suscripción")
    html = mail.outbox[-1].alternatives[0][0]
    assert "Confirmar mi suscripción" in html and '<html lang="es">' in html
    assert "Darse de baja:" in mail.outbox[-1].body and "Unsubscribe" not in html


def test_an_english_reader_gets_the_same_layout_in_english(client, home):
    subscribe(client, "reader@example.com")
    html = mail.outbox[-1].alternatives[0][0]
    assert "Confirm my subscription" in html and '<html lang="en">' in html
    assert mail.outbox[-1].subject.startswith("Confirm your subscription")


def test_the_language_defaults_to_english_and_refuses_others(client, home):
    subscribe(client, "reader@example.com")
    assert Subscriber.objects.get(email="reader@example.com").language == "en"
    assert subscribe(client, "other@example.com", language="fr").status_code == 422


def test_each_edition_sends_its_own_stories_to_its_own_readers(client, home, section, article):
    translate_page(home, "es", title="El Tribuno")
    translate_page(section, "es", title="Mundo", slug="mundo")
    nota = translate_page(article, "es", title="Putin y Erdogan dialogan", slug="putin")
    solo_en = ArticlePageFactory(parent=section, title="Only In English")
    add_views(nota.pk, hour_bucket(), 5)
    confirmed(client, "reader@example.com", "en")
    confirmed(client, "lectora@example.com", "es")
    mail.outbox.clear()

    out = io.StringIO()
    call_command("send_daily_headlines", stdout=out)

    by_reader = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_reader) == ["lectora@example.com", "reader@example.com"]
    spanish, english = by_reader["lectora@example.com"], by_reader["reader@example.com"]
    assert "Titulares del" in spanish.subject and "Daily Headlines" in english.subject
    assert nota.title in spanish.body and "LO MÁS LEÍDO" in spanish.body
    assert solo_en.title not in spanish.body and article.title not in spanish.body
    assert solo_en.title in english.body and nota.title not in english.body
    spanish_html, english_html = spanish.alternatives[0][0], english.alternatives[0][0]
    assert "Titulares del día" in spanish_html and " de 20" in spanish_html  # "… de enero de 2026"
    assert "/es/" in spanish_html and "Más noticias: " in spanish.body
    assert "Daily Headlines" in english_html and "Latest headlines" in english_html
    assert set(NewsletterIssue.objects.values_list("language", flat=True)) == {"en", "es"}
