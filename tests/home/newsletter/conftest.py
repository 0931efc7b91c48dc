"""Newsletter: double opt-in, tokens, rate limits, consent, and the daily headlines email."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone

from cms.delivery.factories import ImageFactory
from home.most_viewed.counting import add_views, hour_bucket
from home.newsletter.models import Cartoon, Subscriber
from news.factories import ArticlePageFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"
ACCEPTED = {
    "status": "accepted",
    "detail": (
        "Thanks! Check your inbox: we sent a link to confirm your subscription. It is valid "
        "for 72 hours."
    ),
}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # rate limit counters live in the cache
    yield
    cache.clear()


def subscribe(client, email, ip="203.0.113.7", **extra):
    # The confirmation is sent once the subscription is committed.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            "/api/v3/newsletter/subscribe/",
            {"email": email, **extra},
            content_type="application/json",
            HTTP_X_FORWARDED_FOR=ip,
            HTTP_USER_AGENT=BROWSER,
        )


def post_token(client, action, token):
    return client.post(
        f"/api/v3/newsletter/{action}/", {"token": token}, content_type="application/json"
    )


def token_from(message, kind):
    """The token of the confirm/unsubscribe link in an email's plain-text body."""
    url = re.search(rf"(\S+/newsletter/{kind}/\?token=\S+)", message.body).group(1)
    return parse_qs(urlsplit(url).query)["token"][0]


def confirmed(client, email):
    subscribe(client, email, ip=f"198.51.100.{len(mail.outbox) + 1}")
    response = post_token(client, "confirm", token_from(mail.outbox[-1], "confirm"))
    assert response.status_code == 200, response.content
    return Subscriber.objects.get(email=email)


@pytest.fixture
def edition(client, section, article):
    """Two readers, a most-viewed story, a later story and today's cartoon."""
    latest = ArticlePageFactory(parent=section, title="Venezuela Sets Election Date")
    add_views(article.pk, hour_bucket(), 10)
    readers = [confirmed(client, f"reader{n}@example.com") for n in range(3)]
    Subscriber.objects.create(email="pending@example.com")
    cartoon = Cartoon.objects.create(
        image=ImageFactory(title="Cartoon"), caption="A happy ending", date=timezone.localdate()
    )
    mail.outbox.clear()
    return {"readers": readers, "latest": latest, "cartoon": cartoon}
