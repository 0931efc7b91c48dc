import io
from html import unescape
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.utils import timezone
from django.utils.html import strip_tags

from home.demo import editorial as demo_editorial
from home.demo import furniture as demo
from news.factories import SectionPageFactory

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
    """The messages a response leaves for the next page, as the editor reads them (buttons
    apart)."""
    texts = [
        str(message).split('<span class="buttons">')[0]
        for message in get_messages(response.wsgi_request)
    ]
    return [" ".join(unescape(strip_tags(text)).split()) for text in texts]


@pytest.fixture
def chief(client, db, settings):
    """A signed-in superuser, with the frontend at ``PUBLIC``."""
    settings.FRONTEND_URL = PUBLIC
    user = get_user_model().objects.create_superuser("chief", "chief@laht.example", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def newsroom(home):
    command = SimpleNamespace(stdout=io.StringIO())
    demo.load(command)
    world = SectionPageFactory(parent=home, title="World", slug="world")
    venezuela = SectionPageFactory(parent=home, title="Venezuela", slug="venezuela")
    demo_editorial.load(command)
    demo_editorial.finish(command)
    users = get_user_model().objects
    return SimpleNamespace(
        home=home,
        world=world,
        venezuela=venezuela,
        editor=users.get(username="editor"),
        moderator=users.get(username="moderator"),
        command=command,
    )
