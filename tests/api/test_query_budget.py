"""Listing and detail cost a constant number of queries, whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.factories import CountryFactory, ImageFactory
from news.factories import (
    ArticleBylineFactory,
    ArticleCorrectionFactory,
    ArticlePageFactory,
    AuthorFactory,
)
from news.models import ArticleRelatedStory

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=news.ArticlePage&fields=*&order=-date&limit={limit}"


def make_stories(section, count):
    country = CountryFactory(code="VE", name="Venezuela")
    author = AuthorFactory(name="Ana Rivas", slug="ana-rivas")
    stories = []
    for i in range(count):
        story = ArticlePageFactory(parent=section, title=f"Story {i}")
        ArticleBylineFactory(page=story, author=author)
        ArticleCorrectionFactory(page=story)
        story.tags.add("oil", f"tag-{i}")
        story.countries.add(country)
        if stories:
            ArticleRelatedStory.objects.create(page=story, related=stories[-1])
        story.save()
        stories.append(story)
    return stories


def count_queries(client, url):
    client.get(url)  # warm caches that are per-process (content types, site root paths)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response.json()


def test_listing_costs_the_same_for_5_and_50_stories(client, section):
    make_stories(section, 50)
    small, data_small = count_queries(client, LISTING.format(limit=5))
    large, data_large = count_queries(client, LISTING.format(limit=50))
    assert len(data_small["items"]) == 5
    assert len(data_large["items"]) == 50
    assert data_large["items"][0]["bylines"][0]["display_name"] == "Ana Rivas"
    assert sum(len(item["related_stories"]) for item in data_large["items"]) == 49
    assert small == large, f"{small} queries for 5 stories, {large} for 50"
    assert large <= 25


def test_untyped_listing_is_constant_too(client, section):
    make_stories(section, 30)
    small, _ = count_queries(client, "/api/v2/pages/?fields=*&limit=5&offset=2")
    large, _ = count_queries(client, "/api/v2/pages/?fields=*&limit=30&offset=2")
    assert small == large


def body_with(groups, stories, images):
    body = []
    for i in range(groups):
        body += [
            (
                "paragraph",
                f'<p>Paragraph {i} <a linktype="page" id="{stories[i % 3].pk}">x</a></p>',
            ),
            ("image", {"image": images[i], "caption": "", "credit": "", "alt": ""}),
            ("related_story", {"page": stories[i % 3], "label": "Related"}),
        ]
    return body


def test_detail_is_constant_in_body_size(client, section):
    from home.images import RENDITION_SPECS

    stories = make_stories(section, 3)
    images = [ImageFactory() for _ in range(8)]
    for image in images:  # renditions exist once the first reader has seen them
        image.get_renditions(*RENDITION_SPECS)
    short = ArticlePageFactory(parent=section, title="Short", body=body_with(1, stories, images))
    long = ArticlePageFactory(parent=section, title="Long", body=body_with(8, stories, images))
    few, _ = count_queries(client, f"/api/v2/pages/{short.pk}/")
    many, data = count_queries(client, f"/api/v2/pages/{long.pk}/")
    assert len(data["body"]) == 24
    assert few == many, f"3 blocks cost {few} queries, 24 blocks {many}"
