"""Real HTTP end to end: the CMS as a live server, the frontend on a free port (uvicorn).

Content is made with the project's factories; the frontend knows the CMS only through
``CMS_API_URL`` (here ``live_server.url + "/api/"``).
"""

import re
from urllib.parse import urlsplit

import httpx
import pytest
from django.core import mail
from django.core.signals import request_started

from cms.countries.factories import CountryFactory
from cms.countries.models import CountryTranslation
from directory.factories import (
    CountryPageFactory,
    DirectoryIndexPageFactory,
    DirectoryLinkFactory,
    LinkCategoryPageFactory,
)
from home.factories import translate_page
from home.markets.models import Instrument, InstrumentTranslation, Quote
from home.newsletter.models import Subscriber
from home.site_settings.models import SiteFurniture
from news.factories import ArticleCorrectionFactory, ArticlePageFactory
from news.models import WireSourceTranslation
from tests.frontend.servers import serve_frontend

# Transactional (the live server thread must see the data); serialized_rollback restores
# the rows migrations create (root page, locale, collection) after each test's flush.
pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def frontend(live_server, settings):
    with (
        serve_frontend(live_server, settings) as server,
        httpx.Client(base_url=server.url, timeout=10) as client,
    ):
        yield client


@pytest.fixture
def furniture(site, section):
    furniture = SiteFurniture.for_site(site)
    furniture.navigation = [("item", {"page": section, "label": "", "url": "", "children": []})]
    furniture.social_links = [
        (
            "link",
            {
                "platform": "facebook",
                "label": "Follow Us On Facebook",
                "url": "https://facebook.com/laht",
            },
        )
    ]
    furniture.save()
    oil = Instrument.objects.create(
        name="Crude Oil", kind="commodity", symbol="OIL", unit="USD/bbl", decimal_places=2
    )
    Quote.objects.create(instrument=oil, value="81.25", as_of="2026-01-05T10:00:00Z")
    return furniture


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_home_section_and_article_through_real_http(frontend, home, section, article, furniture):
    ArticleCorrectionFactory(page=article, text="An earlier version misspelled Erdogan.")
    home.body = [("featured_story", {"page": article, "headline": "", "summary": ""})]
    home.save_revision().publish()

    front = frontend.get("/")
    assert front.status_code == 200
    assert article.title in front.text
    assert '<a href="/world/">World</a>' in front.text  # navigation from the site endpoint
    assert "Crude Oil" in front.text  # markets box
    assert "Follow Us On Facebook" in front.text
    assert "Copyright" in front.text

    world = frontend.get("/world/")
    assert world.status_code == 200
    assert "HOME | World" in text_of(world.text)
    link = re.search(r'<h3 class="teaser__title"><a href="([^"]+)"', world.text).group(1)

    story = frontend.get(link)
    assert story.status_code == 200
    assert '<span class="dateline">MOSCOW –</span> First paragraph of' in story.text
    assert "An earlier version misspelled Erdogan." in story.text
    assert "EFE" in story.text
    assert 'srcset="' in story.text
    assert "Crude Oil" in story.text and "Follow Us On Facebook" in story.text

    assert frontend.get("/world/no-such-story/").status_code == 404


def test_the_spanish_edition_shows_spanish_labels_through_real_http(
    frontend, home, section, article, furniture
):
    oil = Instrument.objects.get(symbol="OIL")
    InstrumentTranslation.objects.create(instrument=oil, language="es", name="Petróleo crudo")
    WireSourceTranslation.objects.create(source=article.source, language="es", name="Agencia EFE")
    russia = CountryFactory(code="RU", name="Russia")
    CountryTranslation.objects.create(country=russia, language="es", name="Rusia")
    article.countries.add(russia)
    article.save_revision().publish()
    translate_page(home, "es", title="El Tribuno")
    translate_page(section, "es", title="Mundo", slug="mundo")
    translate_page(article, "es", title="Putin y Erdogan dialogan", slug="putin-y-erdogan")

    story = frontend.get("/es/mundo/putin-y-erdogan/")
    assert story.status_code == 200
    assert "Petróleo crudo" in story.text and "Crude Oil" not in story.text  # markets box
    assert "Agencia EFE" in story.text
    assert "Rusia" in text_of(story.text)
    english = frontend.get(f"/world/{article.slug}/")
    assert "Crude Oil" in english.text and "Russia" in text_of(english.text)


def test_directory_pages_and_search_through_real_http(frontend, home, furniture):
    index = DirectoryIndexPageFactory(parent=home)
    country = CountryPageFactory(parent=index, title="Venezuela", slug="venezuela")
    category = LinkCategoryPageFactory(parent=country, title="Embassies in Caracas")
    DirectoryLinkFactory(page=category, name="Embassy of Spain", url="https://spain.example/")

    links = frontend.get("/links/")
    assert links.status_code == 200
    assert 'href="/links/venezuela/"' in links.text
    venezuela = frontend.get("/links/venezuela/")
    assert "HOME | Links | Venezuela" in text_of(venezuela.text)
    assert 'href="/links/venezuela/embassies-in-caracas/"' in venezuela.text
    embassies = frontend.get("/links/venezuela/embassies-in-caracas/")
    assert 'href="https://spain.example/"' in embassies.text

    found = frontend.get("/search/", params={"q": "Spain"})
    assert found.status_code == 200
    assert "Embassy of Spain" in found.text


def test_newsletter_signup_round_trip(frontend, home, furniture):
    form = frontend.get("/newsletter/")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    done = frontend.post("/newsletter/", data={"email": "Reader@Example.com", "csrf_token": token})
    assert done.status_code == 200
    assert "We sent a confirmation link" in done.text
    subscriber = Subscriber.objects.get(email="reader@example.com")
    assert subscriber.status == Subscriber.Status.PENDING

    confirm_url = re.search(r"https?://\S+/newsletter/confirm/\?token=\S+", mail.outbox[-1].body)
    parts = urlsplit(confirm_url.group(0))
    page = frontend.get(parts.path + "?" + parts.query)
    assert page.status_code == 200
    fields = dict(re.findall(r'name="(csrf_token|token)" value="([^"]+)"', page.text))
    confirmed = frontend.post(parts.path, data=fields)
    assert confirmed.status_code == 200
    assert "You are subscribed" in confirmed.text
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED

    again = frontend.post(parts.path, data=fields)  # the link is single use
    assert again.status_code == 400


def test_publishing_in_the_cms_purges_the_frontend(frontend, section, article):
    assert "Putin, Erdogan" in frontend.get("/world/").text
    assert frontend.get("/world/").headers["x-cache"] == "HIT"
    fresh = ArticlePageFactory(parent=section, title="Breaking: Ceasefire in Idlib")
    fresh.save_revision().publish()  # the CMS POSTs /_purge for the story, its section, home
    world = frontend.get("/world/")
    assert world.headers["x-cache"] == "MISS"
    assert "Breaking: Ceasefire in Idlib" in world.text


def test_the_frontend_forwards_the_request_id_to_the_cms_over_http(frontend, home, furniture):
    seen = []

    def record(sender, environ, **kwargs):
        seen.append((environ["PATH_INFO"], environ.get("HTTP_X_REQUEST_ID")))

    request_started.connect(record)
    try:
        response = frontend.get("/", headers={"X-Request-ID": "reader-trace-42"})
    finally:
        request_started.disconnect(record)

    assert response.status_code == 200
    assert response.headers["X-Request-ID"] == "reader-trace-42"
    api_calls = [(path, request_id) for path, request_id in seen if path.startswith("/api/")]
    assert api_calls, "the front page asked the CMS nothing"
    assert {request_id for _, request_id in api_calls} == {"reader-trace-42"}


def test_sitemaps_give_a_translated_story_its_hreflang_alternates(frontend, section, article):

    translate_page(section.get_parent(), "es", title="El Tribuno")
    translate_page(section, "es", title="Mundo", slug="mundo")
    translate_page(article, "es", title="Putin y Erdogan dialogan", slug="putin")
    alone = ArticlePageFactory(parent=section, title="Only In English")
    base = str(frontend.base_url).rstrip("/")
    english_url, spanish_url = f"{base}/world/{article.slug}/", f"{base}/es/mundo/putin/"
    expected = {("en", english_url), ("es", spanish_url), ("x-default", english_url)}

    for path, own_url in (
        ("/sitemap-articles-1.xml", english_url),
        ("/es/sitemap-articles-1.xml", spanish_url),
    ):
        response = frontend.get(path)
        assert response.status_code == 200
        entries = dict(re.findall(r"<url><loc>([^<]+)</loc>(.*?)</url>", response.text))
        links = set(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entries[own_url]))
        assert links == expected, path
    english = frontend.get("/sitemap-articles-1.xml").text
    only = dict(re.findall(r"<url><loc>([^<]+)</loc>(.*?)</url>", english))
    assert "xhtml:link" not in only[f"{base}/world/{alone.slug}/"], "no translation, no links"
    pages = frontend.get("/es/sitemap-pages.xml").text
    assert f'hreflang="en" href="{base}/world/"' in pages
