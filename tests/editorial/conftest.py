import io
from datetime import timedelta
from html import unescape
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.utils import timezone
from django.utils.html import strip_tags

from home.demo import editorial as demo_editorial
from home.demo import furniture as demo
from news.factories import ArticlePageFactory, SectionPageFactory

PUBLIC = "http://127.0.0.1:3000"


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


@pytest.fixture
def scheduled(newsroom, settings):
    """A story the editor submitted for tomorrow and the moderator approved."""
    settings.TIME_ZONE = "America/Caracas"
    story = ArticlePageFactory(parent=newsroom.world, title="Oil output rises", live=False)
    story.go_live_at = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    story.save_revision(user=newsroom.editor)
    state = story.get_workflow().start(story, newsroom.editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, newsroom.moderator, "approve")
    story.refresh_from_db()
    assert story.scheduled_revision is not None
    return story
