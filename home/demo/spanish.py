"""Demo Spanish edition: the home page, sections, a dozen stories (the seed EFE story's
Spanish original among them), the Venezuela and Colombia directory guides and the furniture's
Spanish texts, each a translation of the English page (``home.factories.translate_page``, as
wagtail-localize's "Translate this page" makes them). Texts live in ``data/``. Idempotent:
a page already translated is left as it is."""

import json
from pathlib import Path

from wagtail.models import Locale, Page, Site

from directory.models import CountryPage, DirectoryIndexPage, LinkCategoryPage
from home.factories import translate_page
from home.models import HomePage
from home.site_settings.models import TRANSLATED_TEXTS, FurnitureTranslation, SiteFurniture
from news.models import ArticlePage, SectionPage

DATA = Path(__file__).with_name("data") / "spanish_edition.json"
LANGUAGE = "es"
# Home page block titles and texts in Spanish (the blocks themselves are the English home's).
BLOCK_TEXTS = {
    "Markets": "Mercados",
    "Most Viewed": "Lo más leído",
    "Editors' picks": "Selección del editor",
}


def load(command):
    locale = Locale.objects.filter(language_code=LANGUAGE).first()
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if locale is None or home is None:
        command.stdout.write("home.demo.spanish: no Spanish locale or home page, skipping")
        return
    data = json.loads(DATA.read_text(encoding="utf-8"))
    created = 0
    casa = home.get_translation_or_none(locale)
    if casa is None:
        casa = translate_page(home, LANGUAGE, **data["home"])
        created += 1
    for slug, fields in data["sections"].items():
        section = SectionPage.objects.filter(slug=slug, locale=home.locale).first()
        if section is not None and section.get_translation_or_none(locale) is None:
            intro = f"<p>{fields['intro']}</p>"
            title, slug = fields["title"], fields["slug"]
            translate_page(section, LANGUAGE, title=title, slug=slug, intro=intro)
            created += 1
    for key, fields in data["stories"].items():
        story = ArticlePage.objects.filter(slug=key, locale=home.locale).first()
        if story is not None and story.get_translation_or_none(locale) is None:
            _translate_story(story, fields)
            created += 1
    created += _translate_directory(home, locale, data["directory"])
    _front_page(home, casa.specific, locale)
    _furniture(data["furniture"])
    if created:
        command.stdout.write(f"Created {created} Spanish pages")


def _translate_story(story, fields):
    body = [("paragraph", f"<p>{paragraph}</p>") for paragraph in fields["paragraphs"]]
    nota = translate_page(
        story,
        LANGUAGE,
        title=fields["title"],
        slug=fields["slug"],
        deck=fields["deck"],
        dateline_city=fields["dateline_city"],
        search_description=fields["deck"],
        body=body,
    )
    # The two editions carry the story at the same time.
    ArticlePage.objects.filter(pk=nota.pk).update(
        first_published_at=story.first_published_at,
        last_published_at=story.last_published_at,
        date=story.date,
    )


def _translate_directory(home, locale, data):
    index = DirectoryIndexPage.objects.child_of(home).first()
    if index is None:
        return 0
    created = 0
    if index.get_translation_or_none(locale) is None:
        translate_page(index, LANGUAGE, **data["index"])
        created += 1
    for slug, fields in data["countries"].items():
        country = CountryPage.objects.child_of(index).filter(slug=slug).first()
        if country is None:
            continue
        if country.get_translation_or_none(locale) is None:
            overview = f"<p>{fields['overview']}</p>"
            translate_page(country, LANGUAGE, **{**fields, "overview": overview})
            created += 1
        for category in LinkCategoryPage.objects.child_of(country):
            title = data["categories"].get(category.title)
            if title and category.get_translation_or_none(locale) is None:
                translate_page(category, LANGUAGE, title=title)
                created += 1
    return created


def _front_page(home, casa, locale):
    """The Spanish home's layout: the English home's blocks, each pointing at the Spanish
    translations of its pages (blocks whose pages have none are left out)."""
    if casa.body.raw_data and not _points_at_english(casa, home.locale):
        return  # laid out already
    translations = dict(
        Page.objects.filter(
            translation_key__in=Page.objects.filter(locale=home.locale).values("translation_key"),
            locale=locale,
        ).values_list("translation_key", "pk")
    )
    english = dict(Page.objects.filter(locale=home.locale).values_list("pk", "translation_key"))

    def spanish(page_id):
        return translations.get(english.get(page_id)) if page_id else None

    blocks = []
    for block in home.body.raw_data:
        value = dict(block["value"])
        if "page" in value:
            value["page"] = spanish(value["page"])
            if value["page"] is None:
                continue
        if "section" in value:
            value["section"] = spanish(value["section"])
            if value["section"] is None:
                continue
        if "stories" in value:  # a list block: bare ids or {"type", "value", "id"} items
            items = [item["value"] if isinstance(item, dict) else item for item in value["stories"]]
            value["stories"] = [pk for pk in map(spanish, items) if pk]
        if "link_page" in value:
            value["link_page"] = spanish(value["link_page"])
        if value.get("title") in BLOCK_TEXTS:
            value["title"] = BLOCK_TEXTS[value["title"]]
        blocks.append({"type": block["type"], "value": value})
    casa.body = blocks
    casa.save_revision().publish()


def _points_at_english(casa, english_locale):
    """Whether the Spanish home still shows the English home's pages (its first copy)."""
    ids = {
        block["value"].get("page") or block["value"].get("section") for block in casa.body.raw_data
    }
    ids.discard(None)
    return Page.objects.filter(pk__in=ids, locale=english_locale).exists()


def _furniture(texts):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    furniture = SiteFurniture.for_site(site)
    FurnitureTranslation.objects.get_or_create(
        furniture=furniture,
        language=LANGUAGE,
        defaults={name: texts[name] for name in TRANSLATED_TEXTS},
    )
