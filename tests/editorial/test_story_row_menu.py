"""A story's "More" menu in the page listings: Wagtail's menu, drawn in one go per row."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from wagtail import hooks
from wagtail.admin.widgets import Button, ButtonWithDropdownFromHook

from news.factories import ArticlePageFactory, SectionPageFactory
from news.listing_menu import StoryActionsMenu


def markup(html: str) -> str:
    """The HTML as a browser builds it: whitespace between tags and inside them collapsed."""
    html = re.sub(r">\s+", ">", re.sub(r"\s+<", "<", html.strip()))
    return re.sub(r"\s+", " ", html).replace(" >", ">")


def wagtails_menu(page, user) -> ButtonWithDropdownFromHook:
    (menu,) = [
        button
        for hook in hooks.get_hooks("register_page_listing_buttons")
        for button in hook(page=page, user=user, next_url="/admin/articles/")
        if isinstance(button, ButtonWithDropdownFromHook)
    ]
    return menu


def wagtails_rendering(menu: ButtonWithDropdownFromHook, request) -> str:
    # Wagtail's own template for the menu, as the listing drew it without our hook.
    template = Template("{% load wagtailadmin_tags %}{% component menu %}")
    return template.render(Context({"menu": menu, "request": request}))


@pytest.fixture
def story(home):
    world = SectionPageFactory(parent=home, title="World", slug="world")
    story = ArticlePageFactory(parent=world, title="Oil & <gas> prices")
    story.save_revision().publish()
    story.save_revision()  # unpublished changes: "View draft" as well as "View live"
    return story


def test_a_story_menu_is_the_markup_wagtail_draws_entry_for_entry(chief, story):
    request = RequestFactory().get("/admin/articles/")
    request.user = chief
    menu = wagtails_menu(story, chief)
    ours = StoryActionsMenu.replacing(menu).render_html({"request": request})
    assert markup(ours) == markup(wagtails_rendering(menu, request))
    for entry in ("Edit", "View draft", "View live", "Move", "Copy", "Delete", "History"):
        assert f">{entry}</a>" in markup(ours)
    assert "Oil &amp; &lt;gas&gt; prices" in ours  # the toggle's label, escaped


def test_the_articles_listing_shows_every_entry_of_a_storys_menu(client, chief, story):
    html = markup(client.get("/admin/articles/").content.decode())
    for url in (f"/admin/pages/{story.pk}/edit/", f"/admin/pages/{story.pk}/history/"):
        assert f'<a href="{url}' in html
    assert "More options for &#x27;Oil &amp; &lt;gas&gt; prices&#x27;" in html


def test_a_button_another_app_adds_to_the_menu_draws_itself(client, chief, story):
    class FormButton(Button):
        template_name = "wagtailadmin/shared/button.html"

        def render_html(self, parent_context=None):
            return '<button form="recheck" class="recheck">Check again</button>'

    def recheck(page, user, next_url=None):
        yield Button("Plain extra", url=f"/extra/{page.pk}/", icon_name="link", priority=99)
        yield FormButton("Check again", priority=98)

    with hooks.register_temporarily("register_page_listing_more_buttons", recheck):
        html = markup(client.get("/admin/articles/").content.decode())
    assert f'<a href="/extra/{story.pk}/"' in html and ">Plain extra</a>" in html
    assert '<button form="recheck" class="recheck">Check again</button>' in html
