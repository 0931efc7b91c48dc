"""`manage.py load_demo`: the demo publication, idempotent, every page reachable by path."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from cms.countries.models import Country
from home.markets.models import InstrumentTranslation
from news.models import ArticlePage, Author, SectionPage
from news.wires.models import WireItem
from news.wires.rules import mapping_for


def snapshot_counts():
    counts = {}
    for app_label in (
        "home",
        "news",
        "wires",
        "directory",
        "countries",
        "delivery",
        "preview",
        "publishing",
        "webhooks",
        "wagtailcore",
        "wagtailimages",
        "auth",
        "taggit",
    ):
        for model in apps.get_app_config(app_label).get_models():
            counts[model._meta.label] = model.objects.count()
    counts["revisions"] = Revision.objects.count()
    counts["log entries"] = PageLogEntry.objects.count()
    return counts


@pytest.mark.django_db
def test_load_demo_is_idempotent_and_complete(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot_counts()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot_counts() == first

    # Sections of the seed and of a Latin-American paper, nested where they belong.
    titles = set(SectionPage.objects.values_list("title", flat=True))
    assert {
        "World",
        "Venezuela",
        "Colombia",
        "Latin America",
        "Business",
        "Caribbean",
        "Opinion",
    } <= titles
    venezuela = SectionPage.objects.get(slug="venezuela", locale__language_code="en")
    assert venezuela.get_parent().slug == "latin-america"

    # The seed's World story, verbatim, with its dateline.
    seed = ArticlePage.objects.get(title="Putin, Erdogan to Boost Dialogue on Idlib Violence")
    assert seed.get_parent().title == "World"
    assert seed.dateline == "MOSCOW –"
    paragraphs = [block.value.source for block in seed.body if block.block_type == "paragraph"]
    assert paragraphs[0].startswith("<p>The leaders of Russia and Turkey said on Wednesday")
    assert paragraphs[-1] == (
        "<p>Bordering the Turkish province of Hatay to the northwest, Idlib is the last major "
        "bastion of the anti-Assad armed opposition in Syria.</p>"
    )

    # At least 40 more stories over the last 30 days, with everything a story carries.
    stories = ArticlePage.objects.live()
    assert stories.count() >= 41
    assert stories.filter(lead_image__isnull=True).count() == 0
    assert stories.filter(source__isnull=True).count() == 0
    assert stories.filter(tagged_items__isnull=False).distinct().count() == stories.count()
    assert stories.filter(countries__isnull=False).distinct().count() >= 40
    assert stories.filter(bylines__author__isnull=False).distinct().count() >= 3
    dates = sorted(stories.values_list("date", flat=True))
    assert (dates[-1] - dates[0]).days >= 25

    # "Most Viewed" has a ranking to show, of live stories, for both periods.
    for period in ("24h", "7d"):
        ranking = client.get("/api/v3/most-viewed/", {"period": period, "limit": 5}).json()
        assert len(ranking["items"]) == 5
        views = [item["views"] for item in ranking["items"]]
        assert views == sorted(views, reverse=True) and views[0] > views[-1]
        assert {item["id"] for item in ranking["items"]} <= set(
            stories.values_list("pk", flat=True)
        )

    # A day of EFE and AP items on the wire desk: Spanish and English, an update, a kill, an
    # embargo, and rules pre-selecting sections.
    items = WireItem.objects.all()
    assert items.filter(agency="efe").count() >= 10 and items.filter(agency="ap").count() >= 10
    assert items.filter(language="es").exists() and items.filter(language="en").exists()
    assert items.filter(version=2, state="new").exists()
    assert items.filter(state="killed").exists()
    assert items.filter(embargo_until__isnull=False).exists()
    received = sorted(items.values_list("received_at", flat=True))
    assert (received[-1] - received[0]).total_seconds() >= 20 * 3600
    with_pictures = [item for item in items if any(p.get("image_id") for p in item.pictures)]
    assert {item.agency for item in with_pictures} == {"efe", "ap"}
    for item in with_pictures:
        image = get_image_model().objects.get(pk=item.pictures[0]["image_id"])
        assert image.caption and image.credit.startswith(("EFE/", "AP Photo/"))
        assert (item.pictures[0]["caption"], item.pictures[0]["credit"]) == (
            image.caption,
            image.credit,
        )
    venezuelan = items.get(guid="urn:demo:ap:019")
    assert mapping_for(venezuelan).section.slug == "venezuela"

    # The Spanish edition: the home page, sections and at least a dozen stories, each a
    # translation of the English one (the seed story's Spanish original among them), the
    # Venezuela and Colombia guides, and the furniture's Spanish texts.
    spanish = Page.objects.filter(locale__language_code="es")
    assert spanish.filter(depth=2, live=True).get().get_url_parts()[2] == "/es/"
    assert spanish.type(SectionPage).live().filter(slug="mundo").exists()
    assert ArticlePage.objects.live().filter(locale__language_code="es").count() >= 12
    original = ArticlePage.objects.get(
        locale__language_code="es", translation_key=seed.translation_key
    )
    assert original.title.startswith("Putin y Erdogan") and original.dateline == "MOSCÚ –"
    guides = spanish.live().filter(content_type__model="countrypage")
    assert sorted(guides.values_list("slug", flat=True)) == ["colombia", "venezuela"]
    spanish_site = client.get("/api/v3/site/", {"locale": "es"}).json()
    assert spanish_site["newsletter"]["heading"] == "Reciba nuestros titulares diarios"
    assert spanish_site["navigation"][0]["html_path"] == "/es/mundo/"

    # Every demo country has a Spanish name, and the Spanish edition reads the snippets'
    # Spanish labels: countries, the markets box, authors' job titles, the staff.
    assert not Country.objects.filter(translations__isnull=True).exists()
    spanish_seed = client.get(f"/api/v2/pages/{original.pk}/").json()
    assert [country["name"] for country in spanish_seed["countries"]] == [
        "Rusia",
        "Siria",
        "Turquía",
    ]
    markets = client.get("/api/v3/markets/", {"locale": "es"}).json()["instruments"]
    assert markets[0]["name"] == "Petróleo crudo"
    translated = InstrumentTranslation.objects.values_list("instrument__symbol", flat=True)
    assert {item["symbol"] for item in markets} == set(translated)
    elena = client.get("/api/v3/authors/elena-marcano/", {"locale": "es"}).json()
    assert elena["job_title"] == "Corresponsal en Caracas"
    assert not Author.objects.filter(translations__isnull=True).exists()

    # Demo users with the documented passwords.
    sign_in = RequestFactory().post("/admin/login/")  # the sign-in throttle needs the request
    assert authenticate(sign_in, username="admin", password="herald-admin").is_superuser
    assert authenticate(sign_in, username="editor", password="herald-editor") is not None
    assert authenticate(sign_in, username="moderator", password="herald-moderator") is not None

    # Every live demo page is found by its path through the API.
    for page in Page.objects.live().filter(depth__gt=1).specific():
        path = page.get_url_parts()[2]
        response = client.get("/api/v2/pages/find/", {"html_path": path}, follow=True)
        assert response.status_code == 200, path
        assert response.json()["id"] == page.pk
