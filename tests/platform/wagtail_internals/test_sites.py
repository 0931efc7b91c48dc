"""The request's site and the site root paths, as ``cms.wagtail_internals.sites`` keeps them."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from cms.wagtail_internals import sites as internals

pytestmark = pytest.mark.django_db


def test_site_found_for_request_is_what_find_for_request_found_and_kept(site):
    request = RequestFactory().get("/")
    assert internals.site_found_for_request(request) is internals.NOT_LOOKED_UP
    found = Site.find_for_request(request)
    assert found == site
    assert internals.site_found_for_request(request) is found


def test_set_site_for_request_makes_find_for_request_answer_it_without_a_query(
    site, django_assert_num_queries
):
    other = Site.objects.create(hostname="other.example", port=8080, root_page=site.root_page)
    request = RequestFactory().get("/")  # the default site's host
    internals.set_site_for_request(request, other)
    with django_assert_num_queries(0):
        assert Site.find_for_request(request) is other
    assert internals.site_found_for_request(request) is other


def test_get_url_parts_reads_the_site_root_paths_once_per_object_given_as_request(
    article, monkeypatch
):
    calls = []
    original = Site.get_site_root_paths

    def counted():
        calls.append(1)
        return original()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counted))
    cache = internals.url_parts_cache()
    section = article.get_parent()
    assert article.get_url_parts(cache)[2] == f"/{section.slug}/{article.slug}/"
    assert section.get_url_parts(cache)[2] == f"/{section.slug}/"
    assert len(calls) == 1
    article.get_url_parts(internals.url_parts_cache())
    assert len(calls) == 2


def test_pages_given_shared_site_root_paths_find_their_urls_without_reading_them_again(
    article, monkeypatch
):
    pages = [Page.objects.get(pk=article.pk).specific, article.get_parent().specific]
    internals.share_site_root_paths(pages)
    calls = []
    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(lambda: calls.append(1)))
    assert pages[0].get_url_parts()[2].endswith(f"/{article.slug}/")
    assert pages[1].url and pages[0].full_url
    assert calls == []
