"""A fake CMS for the frontend's unit tests: recorded API payloads behind httpx.MockTransport.

``payloads/cms_demo.json`` was recorded from the demo CMS (``load_demo``): page details
as ``pages/find/`` answers them, the article listing and a directory link search. The
site, markets and most-viewed payloads below follow the v3 schemas with content the
demo does not have yet (navigation, social links, quotes).

The Spanish edition (``/es/``, ``/es/mundo/`` and the seed story's Spanish version, linked
both ways through ``meta.translations``; ``meta.locale`` on every page) follows the Spanish
edition's API contract: listings and furniture answer per ``?locale=``.
"""

import copy
import html
import json
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from starlette.testclient import TestClient

from frontend.app import create_app
from frontend.settings import Settings

PAYLOADS = json.loads((Path(__file__).parent / "payloads" / "cms_demo.json").read_text())
ARTICLE_PATH = "/world/putin-erdogan-to-boost-dialogue-on-idlib-violence/"
SPANISH_ARTICLE_PATH = (
    "/es/mundo/putin-y-erdogan-impulsaran-el-dialogo-sobre-la-violencia-en-idlib/"
)

SITE = {
    "site_name": "Latin American Herald Tribune",
    "navigation": [
        {
            "label": "World",
            "page_id": 4,
            "html_path": "/world/",
            "url": "http://127.0.0.1:3000/world/",
            "children": [],
        },
        {
            "label": "Links",
            "page_id": 30,
            "html_path": "/links/",
            "url": "http://127.0.0.1:3000/links/",
            "children": [],
        },
    ],
    "copyright": "Copyright Latin American Herald Tribune - 2005-2026 © All rights reserved",
    "social_links": [
        {"platform": "facebook", "label": "Follow Us On Facebook", "url": "https://facebook.com/x"}
    ],
    "whats_new": None,
    "newsletter": {
        "heading": "Receive Our Daily Headlines",
        "blurb": "Enter your email address to subscribe to free headlines:",
        "consent_text": "Send me the daily headlines.",
        "consent_text_version": "2026-01",
        "subscribe_url": "/api/v3/newsletter/subscribe/",
    },
}

SITE_ES = {
    **SITE,
    "navigation": [
        {
            "label": "Mundo",
            "page_id": 204,
            "html_path": "/es/mundo/",
            "url": "http://127.0.0.1:3000/es/mundo/",
            "children": [],
        }
    ],
    "copyright": "Latin American Herald Tribune © Todos los derechos reservados",
    "social_links": [
        {"platform": "facebook", "label": "Síganos en Facebook", "url": "https://facebook.com/x"}
    ],
    "newsletter": {
        **SITE["newsletter"],
        "heading": "Reciba nuestros titulares diarios",
        "blurb": "Escriba su correo electrónico para recibir gratis nuestros titulares:",
        "consent_text": "Envíenme los titulares diarios.",
    },
}

MARKETS = {
    "generated_at": "2026-11-25T07:45:59Z",
    "stale_after": 86400,
    "instruments": [
        {
            "symbol": "BRENT",
            "name": "Crude Oil",
            "kind": "commodity",
            "unit": "USD/bbl",
            "quote_convention": "USD per barrel",
            "decimal_places": 2,
            "latest": {"value": "81.20", "as_of": "2026-11-25T07:00:00Z", "source": "demo"},
            "previous_close": {"value": "80.00", "as_of": "2026-11-24T20:00:00Z"},
            "change": "1.20",
            "change_percent": "1.50",
            "direction": "up",
            "stale": False,
            "history": [],
        }
    ],
}

MOST_VIEWED = {
    "period": "24h",
    "limit": 5,
    "section": None,
    "items": [
        {
            "id": 99,
            "type": "news.ArticlePage",
            "title": "Most Read Story of the Day",
            "html_path": "/world/most-read/",
            "url": "http://127.0.0.1:3000/world/most-read/",
            "teaser": "",
            "date": None,
            "image": None,
            "rank": 1,
            "views": 120,
        }
    ],
}


MARKETS_ES = {
    **MARKETS,
    "instruments": [
        {
            **MARKETS["instruments"][0],
            "name": "Petróleo crudo",
            "latest": {"value": "1281.20", "as_of": "2026-11-25T07:00:00Z", "source": "demo"},
        }
    ],
}

MOST_VIEWED_ES = {
    **MOST_VIEWED,
    "items": [
        {
            **MOST_VIEWED["items"][0],
            "id": 215,
            "title": "Lo más leído del día",
            "html_path": SPANISH_ARTICLE_PATH,
            "url": "http://127.0.0.1:3000" + SPANISH_ARTICLE_PATH,
        }
    ],
}


AUTHOR = {
    "id": 7,
    "name": "Maria Delgado",
    "slug": "maria-delgado",
    "job_title": "Moscow correspondent",
    "bio": "Covers Russia and Turkey.\n\nFormerly in Caracas.",
    "photo": None,
    "html_path": "/authors/maria-delgado/",
    "url": "http://127.0.0.1:3000/authors/maria-delgado/",
    "story_count": 1,
    "stories_path": "/api/v2/pages/?type=news.ArticlePage&author=maria-delgado",
}


class FakeCMS:
    """Answers the API like the CMS, records every request, and can fail on demand.

    ``mode``: "up", "down" (connection refused) or "error" (every answer a 500).
    """

    def __init__(self):
        self.pages = copy.deepcopy(PAYLOADS["pages"])
        self.articles = copy.deepcopy(PAYLOADS["articles"])
        self.site = copy.deepcopy(SITE)
        self.markets = copy.deepcopy(MARKETS)
        self.most_viewed = copy.deepcopy(MOST_VIEWED)
        # Furniture of the other editions (``?locale=``); an unknown locale is refused.
        self.furniture = {
            "es": {"site": SITE_ES, "markets": MARKETS_ES, "most-viewed": MOST_VIEWED_ES}
        }
        self.authors = {AUTHOR["slug"]: copy.deepcopy(AUTHOR)}
        # Most viewed per section id (``?section=``); a section not listed has none.
        self.section_most_viewed = {}
        self.mode = "up"
        # Herald's CMS answers pages/find/ with the page itself; stock Wagtail redirects.
        self.find_redirects = False
        # Listing fields answered with a 400, as Wagtail refuses fields it does not know.
        self.unknown_fields = set()
        # Drafts behind ``/api/v2/preview/?token=`` (token → page).
        self.previews = {}
        self.requests = []
        self.posts = []
        self.post_answers = {}
        # Search answers: ``meta`` added to them (facets…) and, when set, a pretended number of
        # matches (every page of results then holds the matching stories).
        self.search_meta = {}
        self.search_total = None
        # Story listings: ``meta`` that replaces what the listing would say (an estimated
        # ``total_count``, as the CMS gives right after a publication).
        self.listing_meta = {}

    def by_id(self):
        return {page["id"]: page for page in self.pages.values()}

    def paths(self):
        return [request.url.path for request in self.requests]

    def handler(self, request):
        self.requests.append(request)
        if self.mode == "down":
            raise httpx.ConnectError("Connection refused", request=request)
        if self.mode == "error":
            return httpx.Response(500, text="Internal Server Error")
        path = request.url.path
        params = request.url.params
        if request.method == "POST":
            body = json.loads(request.content or b"null")
            self.posts.append((path, body, dict(request.headers)))
            status, data = self.post_answers.get(path, (202, {"status": "accepted"}))
            return httpx.Response(status, json=data)
        if path == "/api/v2/pages/find/":
            page = self.pages.get(params.get("html_path"))
            if page is None:
                return httpx.Response(404, json={"message": "not found"})
            if not self.find_redirects:
                return httpx.Response(200, json=page)
            # Like stock Wagtail: a redirect built from the CMS's public base URL, not ours.
            location = f"http://cms.public.example/api/v2/pages/{page['id']}/"
            return httpx.Response(302, headers={"Location": location})
        if path.startswith("/api/v2/pages/") and path.rstrip("/").split("/")[-1].isdigit():
            page = self.by_id().get(int(path.rstrip("/").split("/")[-1]))
            return httpx.Response(200 if page else 404, json=page or {"message": "not found"})
        if path == "/api/v2/preview/":
            draft = self.previews.get(params.get("token"))
            return httpx.Response(200 if draft else 404, json=draft or {"message": "not found"})
        if path == "/api/v2/pages/":
            fields = set(params.get("fields", "").split(","))
            if fields & self.unknown_fields:
                return httpx.Response(400, json={"message": "unknown fields"})
            return httpx.Response(200, json=self.listing(params))
        locale = params.get("locale", "en")
        if locale not in ("en", "es"):
            return httpx.Response(400, json={"message": f"Unknown locale {locale!r}"})
        if path == "/api/v3/site/":
            return httpx.Response(200, json=self.furniture.get(locale, {}).get("site", self.site))
        if path == "/api/v3/markets/":
            markets = self.furniture.get(locale, {}).get("markets", self.markets)
            return httpx.Response(200, json=markets)
        if path == "/api/v3/most-viewed/" and locale != "en":
            return httpx.Response(200, json=self.furniture[locale]["most-viewed"])
        if path == "/api/v3/most-viewed/":
            if params.get("section"):
                items = self.section_most_viewed.get(int(params["section"]), [])
                return httpx.Response(200, json={**self.most_viewed, "items": items})
            return httpx.Response(200, json=self.most_viewed)
        if path.startswith("/api/v3/authors/"):
            author = self.authors.get(path.split("/")[4])
            return httpx.Response(200 if author else 404, json=author or {"status": 404})
        if path == "/api/v3/directory/links/":
            return httpx.Response(200, json=PAYLOADS["links_search"])
        return httpx.Response(404, json={"message": "not found"})

    def search(self, items, params):
        """Stories whose title holds every word, each with its title marked as the CMS does."""
        words = params["search"].lower().split()
        found = [
            {**i, "meta": {**i["meta"], "highlight": highlight(i["title"], words[0])}}
            for i in items
            if all(w in i["title"].lower() for w in words)
        ]
        offset, limit = int(params.get("offset", 0)), int(params.get("limit", 20))
        total = len(found) if self.search_total is None else self.search_total
        shown = found[offset : offset + limit] if self.search_total is None else found[:limit]
        if offset >= total:
            shown = []
        meta = {"total_count": total, "total_count_exact": True, **self.search_meta}
        return {"meta": meta, "items": shown}

    def listing(self, params):
        locale = params.get("locale")
        if params.get("translation_of"):
            page = self.by_id().get(int(params["translation_of"]))
            ids = [t["id"] for t in (page or {}).get("meta", {}).get("translations", [])]
            items = [p for p in self.pages.values() if p["id"] in ids]
            return {"meta": {"total_count": len(items)}, "items": items}
        if params.get("type") == "news.ArticlePage":
            items = self.articles["items"]
            if locale:
                items = [i for i in items if i["meta"].get("locale", "en") == locale]
            if params.get("search"):
                return self.search(items, params)
            if params.get("tag"):
                items = [i for i in items if params["tag"] in (i.get("tags") or [])]
            if params.get("author"):
                items = [
                    i
                    for i in items
                    for byline in i.get("bylines") or []
                    if (byline.get("author") or {}).get("slug") == params["author"]
                ]
            offset = int(params.get("offset", 0))
            limit = int(params.get("limit", 20))
            meta = {"total_count": len(items), **self.listing_meta}
            return {"meta": meta, "items": items[offset : offset + limit]}
        if params.get("ancestor_of"):
            page = self.by_id()[int(params["ancestor_of"])]
            path = urlsplit(page["meta"]["html_url"]).path
            ancestors = [
                p
                for p_path, p in self.pages.items()
                if path.startswith(p_path)
                and p_path != path
                and (not locale or p["meta"].get("locale", "en") == locale)
            ]
            return {"meta": {"total_count": len(ancestors)}, "items": ancestors}
        return {"meta": {"total_count": 0}, "items": []}


def highlight(title, word):
    """``title`` escaped with ``word`` marked (``meta.highlight`` of a search item)."""
    at = title.lower().find(word)
    marked = (
        html.escape(title[:at])
        + "<mark>"
        + html.escape(title[at : at + len(word)])
        + "</mark>"
        + html.escape(title[at + len(word) :])
    )
    return {
        "title": marked,
        "snippet": "…the passage around <mark>" + html.escape(word) + "</mark>…",
    }


class Clock:
    def __init__(self, now=1_800_000_000.0):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def cms():
    return FakeCMS()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def frontend_settings():
    return Settings(
        cms_api_url="http://cms.internal:8000/api/",
        public_url="http://news.example",
        purge_secret="purge-me",
        secret_key="test-secret",
        cache_ttl=60,
        stale_max_age=3600,
    )


@pytest.fixture
def client(cms, clock, frontend_settings):
    app = create_app(frontend_settings, transport=httpx.MockTransport(cms.handler), clock=clock)
    with TestClient(app, base_url="http://news.example") as test_client:
        yield test_client
