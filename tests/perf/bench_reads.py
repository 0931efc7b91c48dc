"""What the benchmark requests: every public read the issue lists, with the search words and
the story they need, the static copy of the listing and each read's SQL queries."""

from pathlib import Path

from bench_config import UNDER_FLOOD


def search_terms():
    """A word most stories contain and one that only a few do."""
    from news.management.generation.vocabulary import BROAD_TERM, TAIL_WORDS, tail_word
    from news.models import ArticlePage

    for rank in range(TAIL_WORDS - 1000, 0, -2500):
        word = tail_word(rank)
        if ArticlePage.objects.live().search(word).count():
            return BROAD_TERM, word
    return BROAD_TERM, tail_word(TAIL_WORDS - 1000)


def bench_story():
    """(section, story) of the section and article rows: the World section and the seed's
    story in it, which the demo content loads before any story is generated. The same story
    at every archive size, so a regression row compares one read: the section's newest story
    would be a generated one at one size and a demo story at another (generated stories are
    dated up to the moment they were made)."""
    from home.demo.news import SEED_STORY
    from news.models import ArticlePage, SectionPage

    section = SectionPage.objects.live().filter(slug="world").first() or SectionPage.objects.first()
    stories = ArticlePage.objects.live().child_of(section)
    story = stories.filter(slug=SEED_STORY["key"]).first() or stories.order_by("-date").first()
    return section, story


def listings(section) -> dict[str, str]:
    """The two listings a frontend reads most: every story, and a section's teasers."""
    from frontend.api_client import TEASER_FIELDS

    return {
        "API listing, 20 stories, all fields": (
            "/api/v2/pages/?type=news.ArticlePage&fields=*&limit=20"
        ),
        "API section listing (frontend's)": (
            f"/api/v2/pages/?type=news.ArticlePage&descendant_of={section.pk}"
            f"&fields={TEASER_FIELDS}&order=-date&limit=20"
        ),
    }


def targets():
    """(name, server, path, cacheable) for every read the issue lists."""
    from wagtail.models import Locale

    from cms.delivery.paths import page_path
    from home.models import HomePage

    home = HomePage.objects.get(locale=Locale.get_default())  # the English edition's
    section, story = bench_story()
    broad, rare = search_terms()
    story_path = page_path(story)
    section_path = page_path(section)
    api = [
        *listings(section).items(),
        ("API detail", f"/api/v2/pages/{story.pk}/"),
        ("API find by path", f"/api/v2/pages/find/?html_path={story_path}"),
        (
            f"API search, broad term ({broad})",
            f"/api/v2/pages/?type=news.ArticlePage&search={broad}&limit=20",
        ),
        (
            f"API search, rare term ({rare})",
            f"/api/v2/pages/?type=news.ArticlePage&search={rare}&limit=20",
        ),
        ("API home page data", f"/api/v2/pages/{home.pk}/"),
        ("API v3 site", "/api/v3/site/"),
        ("API v3 markets", "/api/v3/markets/"),
        ("API v3 most viewed", "/api/v3/most-viewed/"),
    ]
    rendered = [api[0], api[2]]  # the listing and the detail, rendered on every request
    return [
        ("static file (listing size)", "cms", "/static/bench/listing.json"),
        # Cached rows next to the static file, before the rows that keep both CPUs busy
        # (a quarter of a millisecond of other work doubles their ratio).
        *[(f"{name}, cached", "cms", path) for name, path in api],
        *[(f"{name}, uncached", "cms-cold", path) for name, path in api],
        *[(f"{name}, uncached, documents off", "cms-render", path) for name, path in rendered],
        ("frontend home, cold", "cold", "/"),
        ("frontend section, cold", "cold", section_path),
        ("frontend article, cold", "cold", story_path),
        ("frontend home, warm", "warm", "/"),
        ("frontend section, warm", "warm", section_path),
        ("frontend article, warm", "warm", story_path),
        # The same row while FLOOD_CONNECTIONS connections request the view pixel.
        (f"frontend article, warm{UNDER_FLOOD}", "warm", story_path),
    ]


def write_static_copy(listing_path):
    """The listing's bytes as a static file, served by the same gunicorn (WhiteNoise)."""
    from django.conf import settings
    from django.test import Client

    response = Client(HTTP_HOST="127.0.0.1").get(listing_path)
    if response.status_code != 200:
        raise SystemExit(f"listing answered {response.status_code}: {response.content[:300]!r}")
    target = Path(settings.STATIC_ROOT) / "bench" / "listing.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(response.content)
    return len(response.content)


def count_queries(path, cached, documents=True):
    """SQL queries for one request in a warm process configured as the row's server: answered
    from the API response cache (``cached``), or with that cache off (the "uncached" server),
    with stored API documents used or not (``documents``). The warm-up request fills the
    per-process caches (content types, the site, its editions), as a long-running server's
    earlier requests have; the first request after a publication reads them again."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    server = {} if cached else {"API_RESPONSE_CACHE_SECONDS": 0}
    if not documents:
        server["API_DOCUMENTS"] = False
    client = Client(HTTP_HOST="127.0.0.1")
    with override_settings(**server):
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            client.get(path)
    return len(ctx.captured_queries)
