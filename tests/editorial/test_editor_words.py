"""The story editor speaks the newsroom's words and says what its checks do."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cms.countries.factories import CountryFactory
from tests.editorial.conftest import PUBLIC, messages_of
from tests.news.article_form import article_form, local


def editor_html(client, article):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_story_editor_says_headline_deck_and_dateline(client, chief, article):
    html = editor_html(client, article)
    assert 'placeholder="Headline*"' in html
    assert "Page title" not in html
    for label in ("Headline", "Deck", "Dateline"):
        assert re.search(rf">\s*{label}\s*<", html), label


def test_stories_have_no_show_in_menus(client, chief, article):
    assert 'name="show_in_menus"' not in editor_html(client, article)


def test_the_slug_help_shows_the_storys_public_address(client, chief, article):
    html = editor_html(client, article)
    assert f"public address, now {PUBLIC}/world/{article.slug}/" in html
    assert "domain.com" not in html


def test_countries_are_ticked_in_a_searchable_list_without_model_jargon(client, chief, article):
    CountryFactory(name="Venezuela")
    html = editor_html(client, article)
    assert "ids of" not in html
    assert 'data-searchable-choices="id_countries"' in html
    assert 'type="checkbox" name="countries"' in html


def test_the_dateline_shows_a_counter_and_no_browser_limit_that_cuts_text(client, chief, article):
    html = editor_html(client, article)
    field = re.search(r'<input[^>]*name="dateline_city"[^>]*>', html).group(0)
    assert "maxlength" not in field and 'data-length-limit="100"' in field
    assert "6 of 100 characters" in html  # "Moscow"


def test_a_dateline_over_the_limit_is_refused_with_a_message_and_kept(client, chief, article):
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    response = client.post(url, article_form(article, dateline_city="X" * 300))
    assert response.status_code == 200
    assert "Ensure this value has at most 100 characters (it has 300)." in (
        response.content.decode()
    )
    article.refresh_from_db()
    assert article.dateline_city == "Moscow"


def test_an_embargo_in_the_past_is_refused_with_a_message(client, chief, article):
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    past = local(timezone.now() - timedelta(hours=3))
    response = client.post(url, article_form(article, embargo_until=past))
    assert response.status_code == 200
    assert "is already over. Enter a future time, or leave it empty" in response.content.decode()
    article.refresh_from_db()
    assert article.embargo_until is None and article.get_latest_revision() is None


def test_a_future_embargo_is_accepted(client, chief, article):
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    future = local(timezone.now() + timedelta(hours=3))
    response = client.post(url, article_form(article, embargo_until=future))
    assert response.status_code == 302


def test_the_articles_listing_calls_the_parent_the_section(client, chief, article):
    html = client.get("/admin/articles/").content.decode()
    assert re.search(r">\s*Section\s*</", html)
    assert not re.search(r">\s*Parent\s*</", html)


def test_the_front_page_form_says_boxes_always_go_to_the_side_column(client, chief, home):
    html = editor_html(client, home)
    assert "always go to the side column" in html


def test_an_editor_sent_away_from_the_front_page_is_told_moderators_lay_it_out(client, newsroom):
    client.force_login(newsroom.editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[newsroom.home.pk]))
    assert response.status_code == 302
    assert messages_of(response) == [
        "The front page is laid out by the desk: only Moderators (and administrators) can "
        "change it. Ask a moderator to place your story."
    ]
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[newsroom.world.pk])).status_code == 200
    )


def test_the_schedule_and_embargo_fields_name_the_newsrooms_time_zone(client, chief, article):
    html = editor_html(client, article)
    for field in ("go_live_at", "expire_at", "embargo_until"):
        help_id = re.search(rf'name="{field}"[^>]*aria-describedby="([^"]+)"', html)
        assert help_id, field
        help_text = re.search(rf'id="{help_id.group(1)}"[^>]*>(.*?)</', html, re.S).group(1)
        assert "America/Caracas" in help_text, field
