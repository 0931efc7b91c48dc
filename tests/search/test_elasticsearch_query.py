"""With ``SEARCH_URL`` set, a story search asks Elasticsearch for the fields and boosts that
docs/deployment.md documents: built by Wagtail's backend from our settings, no server."""

import runpy
from pathlib import Path

import pytest
from django.test.utils import override_settings
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Phrase

import cms.settings
from news.models import ArticlePage

URL = "http://search.invalid:9200"
#: title and deck (boost 2) are copied into the boosted text field, the rest into _all_text.
FIELDS = ["_all_text", "_all_text_boost_2_0^2.0"]


@pytest.fixture(scope="module")
def configured():
    """``WAGTAILSEARCH_BACKENDS`` as cms/settings/base.py makes it from ``SEARCH_URL``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SEARCH_URL", URL)
        base = Path(cms.settings.__file__).with_name("base.py")
        backends = runpy.run_path(str(base))["WAGTAILSEARCH_BACKENDS"]
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield get_search_backend()


def story_query(backend, query):
    return backend.search(query, ArticlePage.objects.all()).query_compiler.get_query()


def test_search_url_selects_elasticsearch_8_with_the_herald_index(configured):
    assert type(configured).__module__ == "modelsearch.backends.elasticsearch8"
    assert configured.hosts == [
        {"host": "search.invalid", "port": 9200, "path_prefix": "", "scheme": "http"}
    ]
    assert configured.get_index_for_model(ArticlePage).name == "herald_wagtailcore_page"


def test_a_story_search_matches_every_text_field_with_title_and_deck_boosted(configured):
    query = story_query(configured, "cacao prices")
    assert query == {
        "bool": {
            "must": {"multi_match": {"query": "cacao prices", "fields": FIELDS}},
            "filter": {"match": {"_django_content_type": "news.ArticlePage"}},
        }
    }


def test_a_quoted_phrase_is_a_phrase_query(configured):
    must = story_query(configured, Phrase("central bank"))["bool"]["must"]
    assert must == {"multi_match": {"query": "central bank", "fields": FIELDS, "type": "phrase"}}


def test_the_index_maps_the_documented_fields(configured):
    mapping = configured.mapping_class(ArticlePage).get_mapping()["properties"]
    boosted = ["_all_text", "_all_text_boost_2_0"]
    assert mapping["title"]["copy_to"] == boosted
    assert mapping["news_articlepage__deck"]["copy_to"] == boosted
    assert mapping["news_articlepage__body"]["copy_to"] == "_all_text"
    assert mapping["news_articlepage__dateline_city"]["copy_to"] == "_all_text"
    assert mapping["news_articlepage__tags"]["properties"]["name"]["copy_to"] == "_all_text"
    assert mapping["news_articlepage__source_id_filter"]["type"] == "long"
    assert mapping["news_articlepage__date_filter"]["type"] == "date"
