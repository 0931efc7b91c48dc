import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

PUBLIC = "http://127.0.0.1:3000"


def article_form(page, **fields):
    """The story editor's form as a browser posts it, unchanged but for ``fields``."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "deck": page.deck,
        "dateline_city": page.dateline_city,
        "dateline_country": page.dateline_country,
        "body-count": "0",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "related_stories-TOTAL_FORMS": "0",
        "related_stories-INITIAL_FORMS": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "embargo_until": local(page.embargo_until) if page.embargo_until else "",
        "go_live_at": local(page.go_live_at) if page.go_live_at else "",
    }
    data.update(fields)
    return data


def local(value):
    """A time as the admin's date-time widget shows and accepts it (newsroom time)."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]


@pytest.fixture
def chief(client, db, settings):
    """A signed-in superuser, with the frontend at ``PUBLIC``."""
    settings.FRONTEND_URL = PUBLIC
    user = get_user_model().objects.create_superuser("chief", "chief@laht.example", "pw")
    client.force_login(user)
    return user
