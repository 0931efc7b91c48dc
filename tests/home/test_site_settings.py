"""Site furniture: navigation, footer, social links, "What's new" and newsletter texts,
edited in the admin and served by one cacheable endpoint, /api/v3/site/."""

import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.site_settings.models import SiteFurniture
from news.factories import SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def nav_item(page=None, label="", url="", children=()):
    return {
        "type": "item",
        "value": {
            "page": page.pk if page else None,
            "label": label,
            "url": url,
            "children": [
                {"type": "item", "value": {"page": c.pk, "label": "", "url": ""}} for c in children
            ],
        },
    }


def get_site(client, **headers):
    response = client.get("/api/v3/site/", **headers)
    assert response.status_code in (200, 304), response.content
    return response


def test_site_endpoint_serves_the_whole_chrome_in_one_response(client, site, home):
    world = SectionPageFactory(parent=home, title="World", slug="world")
    latam = SectionPageFactory(parent=home, title="Latin America", slug="latin-america")
    venezuela = SectionPageFactory(parent=latam, title="Venezuela", slug="venezuela")
    furniture = SiteFurniture.for_site(site)
    furniture.navigation = [
        nav_item(world),
        nav_item(latam, children=[venezuela]),
        nav_item(label="Weather", url="https://weather.example.com/"),
    ]
    furniture.social_links = [
        {
            "type": "link",
            "value": {
                "platform": "facebook",
                "label": "Follow Us On Facebook",
                "url": "https://www.facebook.com/LAHT",
            },
        },
        {
            "type": "link",
            "value": {
                "platform": "x",
                "label": "Follow Us On Twitter",
                "url": "https://twitter.com/LAHT",
            },
        },
    ]
    furniture.copyright_line = "Copyright Latin American Herald Tribune - 2005-2026 © All rights"
    furniture.whats_new_page = world
    furniture.save()

    data = get_site(client).json()
    assert data["site_name"] == "Latin American Herald Tribune"
    assert [item["label"] for item in data["navigation"]] == [
        "World",
        "Latin America",
        "Weather",
    ]
    assert data["navigation"][0] == {
        "label": "World",
        "page_id": world.pk,
        "html_path": "/world/",
        "url": "http://127.0.0.1:3000/world/",
        "children": [],
    }
    [child] = data["navigation"][1]["children"]
    assert (child["label"], child["html_path"]) == ("Venezuela", "/latin-america/venezuela/")
    assert data["navigation"][2]["url"] == "https://weather.example.com/"
    assert data["navigation"][2]["page_id"] is None
    assert data["copyright"].startswith("Copyright Latin American Herald Tribune")
    assert data["social_links"] == [
        {
            "platform": "facebook",
            "label": "Follow Us On Facebook",
            "url": "https://www.facebook.com/LAHT",
        },
        {"platform": "x", "label": "Follow Us On Twitter", "url": "https://twitter.com/LAHT"},
    ]
    assert data["whats_new"]["label"] == "What's New at LAHT?"
    assert data["whats_new"]["html_path"] == "/world/"
    newsletter = data["newsletter"]
    assert newsletter["heading"] == "Receive Our Daily Headlines"
    assert "great cartoons so every email has a happy ending" in newsletter["blurb"]
    assert newsletter["consent_text_version"] == "2026-01"
    assert newsletter["subscribe_url"] == "/api/v3/newsletter/subscribe/"


def test_defaults_before_anyone_edits(client, site):
    data = get_site(client).json()
    assert data["navigation"] == [] and data["social_links"] == []
    assert data["whats_new"] is None
    assert "All rights reserved" in data["copyright"]


def test_unpublished_pages_drop_out_of_the_menu(client, site, home):
    world = SectionPageFactory(parent=home, title="World", slug="world")
    hidden = SectionPageFactory(parent=home, title="Hidden", slug="hidden")
    furniture = SiteFurniture.for_site(site)
    furniture.navigation = [nav_item(world), nav_item(hidden)]
    furniture.save()
    hidden.unpublish()
    assert [item["label"] for item in get_site(client).json()["navigation"]] == ["World"]


def test_site_endpoint_is_cacheable_with_etag_and_304(client, site):
    response = get_site(client)
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert "s-maxage=" in response["Cache-Control"]
    assert "stale-while-revalidate=" in response["Cache-Control"]
    assert response["ETag"]
    again = get_site(client, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""

    # An edit changes the ETag: the old copy is no longer current.
    furniture = SiteFurniture.for_site(site)
    furniture.copyright_line = "Copyright LAHT"
    furniture.save()
    changed = get_site(client, HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200
    assert changed.json()["copyright"] == "Copyright LAHT"


def test_query_count_does_not_grow_with_the_menu(client, site, home):
    sections = [
        SectionPageFactory(parent=home, title=f"Section {n}", slug=f"s{n}") for n in range(12)
    ]
    furniture = SiteFurniture.for_site(site)

    def queries_for(count):
        furniture.navigation = [
            nav_item(section, children=sections[:count]) for section in sections[:count]
        ]
        furniture.save()
        with CaptureQueriesContext(connection) as queries:
            get_site(client)
        return len(queries)

    assert queries_for(2) == queries_for(12)


def test_editors_change_the_furniture_in_the_admin(admin_client, client, site, home):
    world = SectionPageFactory(parent=home, title="World", slug="world")
    url = f"/admin/settings/home/sitefurniture/{site.pk}/"
    assert admin_client.get(url).status_code == 200
    data = nested_form_data(
        {
            "navigation": streamfield(
                [
                    (
                        "item",
                        {
                            "page": world.pk,
                            "label": "World news",
                            "url": "",
                            "children": streamfield([]),
                        },
                    )
                ]
            ),
            "copyright_line": "Copyright LAHT 2005-2026",
            "social_links": streamfield(
                [
                    (
                        "link",
                        {
                            "platform": "facebook",
                            "label": "Follow Us On Facebook",
                            "url": "https://www.facebook.com/LAHT",
                        },
                    )
                ]
            ),
            "whats_new_label": "What's New at LAHT?",
            "whats_new_page": "",
            "whats_new_url": "https://www.laht.example/whats-new",
            "newsletter_heading": "Receive Our Daily Headlines",
            "newsletter_blurb": "Free headlines.",
            "newsletter_consent_text": "Send me the headlines.",
            "newsletter_consent_version": "2026-02",
            # The Spanish edition's texts (Translations tab): blanks read the English ones.
            "translations": inline_formset(
                [
                    {
                        "language": "es",
                        "copyright_line": "Copyright LAHT 2005-2026, en español",
                        "whats_new_label": "",
                        "newsletter_heading": "Reciba nuestros titulares",
                        "newsletter_blurb": "",
                        "newsletter_consent_text": "",
                        "newsletter_consent_version": "",
                    }
                ]
            ),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    spanish = client.get("/api/v3/site/?locale=es").json()
    assert spanish["copyright"] == "Copyright LAHT 2005-2026, en español"
    assert spanish["newsletter"]["heading"] == "Reciba nuestros titulares"
    assert spanish["newsletter"]["blurb"] == "Free headlines."
    result = get_site(client).json()
    assert result["navigation"][0]["label"] == "World news"
    assert result["copyright"] == "Copyright LAHT 2005-2026"
    assert result["whats_new"]["url"] == "https://www.laht.example/whats-new"
    assert result["newsletter"]["consent_text_version"] == "2026-02"

    # A menu item with neither a page nor a URL is a form error, and nothing is saved.
    data["navigation-0-value-page"] = ""
    data["copyright_line"] = "Should not be saved"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert b"Choose a page or enter a URL." in response.content
    assert get_site(client).json()["copyright"] == "Copyright LAHT 2005-2026"


def test_demo_navigation_matches_the_seed_menu(client, site, home):
    """load_demo: sections and the directory's country guides, social links, footer."""
    from cms.countries.models import Country
    from directory.models import CountryPage, DirectoryIndexPage
    from home.demo import furniture as demo

    for slug, title in [("world", "World"), ("latin-america", "Latin America")]:
        SectionPageFactory(parent=home, title=title, slug=slug)
    links = home.add_child(instance=DirectoryIndexPage(title="Links", slug="links"))
    for code, name in [("VE", "Venezuela"), ("CO", "Colombia")]:
        links.add_child(
            instance=CountryPage(
                title=name,
                slug=name.lower(),
                country=Country.objects.create(code=code, name=name),
            )
        )

    class Command:
        stdout = io.StringIO()

    demo.finish(Command)
    demo.finish(Command)  # idempotent: an existing menu is left alone

    data = get_site(client).json()
    assert [item["label"] for item in data["navigation"]] == ["World", "Latin America", "Links"]
    directory = data["navigation"][-1]
    assert [child["label"] for child in directory["children"]] == [
        "Venezuela Overview",
        "Colombia Overview",
    ]
    assert directory["children"][0]["html_path"] == "/links/venezuela/"
    assert [link["label"] for link in data["social_links"]] == [
        "Follow Us On Facebook",
        "Follow Us On Twitter",
    ]
    year = timezone.localdate().year
    assert data["copyright"] == (
        f"Copyright Latin American Herald Tribune - 2005-{year} © All rights reserved"
    )
    assert data["whats_new"]["label"] == "What's New at LAHT?"


def test_openapi_documents_every_furniture_endpoint(client):
    schema = client.get("/api/v3/openapi.json").json()
    paths = schema["paths"]
    expected = {
        ("get", "/api/v3/site/"): {"200", "304"},
        ("get", "/api/v3/markets/"): {"200", "304"},
        ("post", "/api/v3/markets/quotes/"): {"200", "400", "401", "403", "422"},
        ("get", "/api/v3/most-viewed/"): {"200", "304", "422"},
        ("post", "/api/v3/most-viewed/hits/"): {"202", "400", "403", "422"},
        ("get", "/api/v3/newsletter/"): {"200", "304"},
        ("post", "/api/v3/newsletter/subscribe/"): {"202", "400", "422", "429"},
        ("post", "/api/v3/newsletter/confirm/"): {"200", "400", "422", "429"},
        ("post", "/api/v3/newsletter/unsubscribe/"): {"200", "400", "422", "429"},
    }
    for (method, path), statuses in expected.items():
        operation = paths[path][method]
        # Problems every operation can answer are declared too (cms.delivery.openapi).
        assert statuses <= set(operation["responses"]), path
        assert {"400", "422"} <= set(operation["responses"]), path
        assert operation["summary"], path
        for status in statuses - {"304"}:
            content = operation["responses"][status]["content"]["application/json"]
            assert content["schema"]["$ref"].startswith("#/components/schemas/"), (path, status)
    components = schema["components"]["schemas"]
    assert {"copyright", "navigation", "social_links", "whats_new", "newsletter"} <= set(
        components["SiteOut"]["properties"]
    )
    assert {"latest", "change", "change_percent", "history", "stale"} <= set(
        components["InstrumentOut"]["properties"]
    )
    assert {"detail", "code", "errors"} <= set(components["ProblemOut"]["properties"])
    # Public reads are anonymous; writing quotes needs a token.
    assert {"AllowAnonymous": []} in paths["/api/v3/site/"]["get"]["security"]
    assert paths["/api/v3/markets/quotes/"]["post"]["security"] == [{"BearerTokenAuth": []}]
