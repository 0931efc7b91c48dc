"""API v3: typed reads, and wire ingestion with a bearer token made by Wagtail's command."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from news.factories import WireSourceFactory
from news.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(db):
    user = get_user_model().objects.create_superuser("wire", "wire@laht.example", "pw")
    out = io.StringIO()
    call_command(
        "api_tokens", "create", "--user", user.username, "--name", "EFE ingest", stdout=out
    )
    return out.getvalue().strip()


def story_payload(section, **extra):
    efe = WireSourceFactory(name="EFE", slug="efe")
    return {
        "meta": {"parent_id": section.pk, "type": "news.ArticlePage", "action": "publish"},
        "title": "Bolívar Slides Again Against the Dollar",
        "slug": "bolivar-slides-again",
        "deck": "The currency lost 3% in a day.",
        "dateline_city": "Caracas",
        "source_id": efe.pk,
        "bylines": [{"name": "EFE"}],
        "body": [{"type": "paragraph", "value": "<p>The bolívar fell on Tuesday.</p>"}],
        "tags": ["bolivar", "economy"],
        **extra,
    }


def post(client, payload, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(
        "/api/v3/pages/", data=json.dumps(payload), content_type="application/json", **headers
    )


def test_wire_script_creates_and_publishes_a_story(client, section, token):
    response = post(client, story_payload(section), token)
    assert response.status_code == 201, response.content
    story = ArticlePage.objects.get(slug="bolivar-slides-again")
    assert story.live
    assert story.get_parent().pk == section.pk
    assert story.dateline == "CARACAS –"
    assert [b.name for b in story.bylines.all()] == ["EFE"]

    listing = client.get("/api/v2/pages/?type=news.ArticlePage&fields=*").json()
    [item] = listing["items"]
    assert item["title"] == "Bolívar Slides Again Against the Dollar"
    assert item["source"]["slug"] == "efe"
    assert "The bolívar fell on Tuesday." in item["body"][0]["value"]
    assert sorted(item["tags"]) == ["bolivar", "economy"]


def test_anonymous_write_is_refused_and_nothing_is_written(client, section):
    response = post(client, story_payload(section))
    assert response.status_code == 401
    assert not ArticlePage.objects.filter(slug="bolivar-slides-again").exists()


def test_invalid_token_is_refused(client, section):
    response = post(client, story_payload(section), token="wagtail_not-a-real-token")
    assert response.status_code == 401
    assert not ArticlePage.objects.exists()


def test_article_outside_a_section_is_rejected_with_a_message(client, home, token):
    payload = story_payload(home)
    payload["meta"]["parent_id"] = home.pk
    response = post(client, payload, token)
    assert 400 <= response.status_code < 500
    assert not ArticlePage.objects.exists()
    assert response.json()


def test_v3_detail_reads_the_article(client, article):
    data = client.get(f"/api/v3/pages/{article.pk}/").json()
    assert data["meta"]["type"] == "news.ArticlePage"
    assert data["dateline"] == "MOSCOW –"
    assert data["deck"]


def test_every_page_type_is_registered_in_v3(client, home):
    data = client.get("/api/v3/openapi.json").json()
    text = json.dumps(data)
    for label in ["home.HomePage", "news.SectionPage", "news.ArticlePage"]:
        assert label in text


def test_docs_page_is_served(client, home):
    assert client.get("/api/v3/docs/").status_code == 200
