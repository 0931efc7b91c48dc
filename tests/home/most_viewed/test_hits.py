"""Most viewed, the hit: one view per hit through the API or the frontend's pixel, bots,
drafts and malformed hits ignored, only the frontend or a token holder may count, and a
counter that fails never fails the hit."""

import pytest
from django.contrib.auth.models import User
from starlette.testclient import TestClient
from wagtail.models import APIToken

from frontend.app import create_app
from frontend.settings import Settings
from home.most_viewed.models import PageViewCount
from news.factories import ArticlePageFactory
from tests.home.most_viewed.conftest import BROWSER, HITS, LIVE_DB, total_views


def hit(client, page_id, user_agent=BROWSER):
    return client.post(
        HITS, {"page_id": page_id}, content_type="application/json", HTTP_USER_AGENT=user_agent
    )


@pytest.mark.django_db
def test_a_hit_counts_one_view(client, article):
    response = hit(client, article.pk)
    assert response.status_code == 202
    assert response.json() == {"counted": True}
    hit(client, article.pk)
    assert total_views(article) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Twitterbot/1.0",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "",
    ],
)
def test_known_bots_are_not_counted(client, article, user_agent):
    response = hit(client, article.pk, user_agent)
    assert response.status_code == 202
    assert response.json() == {"counted": False}
    assert total_views(article) == 0


@pytest.mark.django_db
def test_hits_on_drafts_and_unknown_pages_are_not_counted(client, section):
    draft = ArticlePageFactory(parent=section, title="Draft story", live=False)
    assert hit(client, draft.pk).json() == {"counted": False}
    assert hit(client, 987654).json() == {"counted": False}
    assert not PageViewCount.objects.exists()


@pytest.mark.django_db
def test_a_malformed_hit_is_a_422_not_a_500(client, article):
    for body in ({}, {"page_id": "abc"}, {"page_id": -3}):
        response = client.post(HITS, body, content_type="application/json")
        assert response.status_code == 422, body


@pytest.mark.django_db
def test_hits_come_from_the_frontend_or_with_a_token(client, article, settings):
    # The test client connects from 127.0.0.1, one of TRUSTED_PROXIES (the frontend).
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    response = hit(client, article.pk)
    assert response.status_code == 403
    assert "pixel" in response.json()["detail"]
    assert total_views(article) == 0

    user = User.objects.create_user("counter", password="x")
    token = APIToken.create_token(user=user, name="analytics import")[1]
    response = client.post(
        HITS,
        {"page_id": article.pk},
        content_type="application/json",
        HTTP_USER_AGENT=BROWSER,
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 202
    assert total_views(article) == 1


@pytest.mark.django_db
def test_a_counter_failure_never_breaks_the_hit(client, article, settings):
    # Redis configured but unreachable: the hit still answers at once and the view lands in
    # the database instead.
    settings.MOST_VIEWED_BACKEND = "redis"
    settings.MOST_VIEWED_REDIS_URL = "redis://127.0.0.1:1/0"
    response = hit(client, article.pk)
    assert response.status_code == 202
    assert response.json() == {"counted": True}
    assert total_views(article) == 1


@LIVE_DB
def test_the_frontend_pixel_forwards_the_view(live_server, article):
    """A reader's browser loads the pixel from the frontend, which tells the CMS over HTTP."""
    settings = Settings.from_env({"CMS_API_URL": f"{live_server.url}/api/"})
    with TestClient(create_app(settings)) as reader:
        response = reader.get(f"/_hit/{article.pk}.gif", headers={"User-Agent": BROWSER})
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/gif"
        # A crawler loading the same pixel is not counted.
        reader.get(f"/_hit/{article.pk}.gif", headers={"User-Agent": "Googlebot/2.1"})
    # Queued views are sent when the frontend shuts down, at the latest.
    assert total_views(article) == 1
