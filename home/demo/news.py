"""Demo publication: sections of the seed site, the seed's World story verbatim, and six staff
authors with 48 more stories over the last 30 days from ``data/stories.json`` (fictional but
plausible wire-style copy, each shaped like ``SEED_STORY``; the staff's names are invented).
Built with the same factories the tests use. Idempotent."""

import datetime
import json
from pathlib import Path

from django.utils import timezone
from wagtail.images import get_image_model

from cms.countries.factories import CountryFactory
from cms.countries.models import Country
from cms.delivery.factories import ImageFactory, make_image_file
from cms.delivery.images import RENDITION_SPECS
from home.models import HomePage
from news.factories import AuthorFactory, WireSourceFactory
from news.models import ArticleByline, ArticlePage, SectionPage, WireSource

DATA = Path(__file__).with_name("data") / "stories.json"

# (slug, title, parent slug or None, intro)
SECTIONS = [
    ("world", "World", None, "International news from the wires and our correspondents."),
    ("latin-america", "Latin America", None, "News from across the region."),
    ("venezuela", "Venezuela", "latin-america", "Politics, oil and daily life in Venezuela."),
    ("colombia", "Colombia", "latin-america", "News from Bogotá, Medellín and the regions."),
    ("brazil", "Brazil", "latin-america", "Brazil's politics, economy and the Amazon."),
    ("mexico", "Mexico", "latin-america", "Mexico's politics, economy and border."),
    ("caribbean", "Caribbean", None, "The islands: politics, tourism and the hurricane season."),
    ("business", "Business", None, "Markets, oil, trade and companies."),
    ("opinion", "Opinion", None, "Columns and analysis from our writers."),
    ("sports", "Sports", None, "Baseball, football and more."),
    ("culture", "Culture", None, "Film, music, books and carnival."),
]

SOURCES = [
    ("efe", "EFE", True, "https://www.efe.com/"),
    ("ap", "AP", True, "https://apnews.com/"),
    ("reuters", "Reuters", True, "https://www.reuters.com/"),
    ("staff", "Staff", False, ""),
]

# The countries the stories reference (``cms.countries.catalogue``); the directory demo
# fills in the rest of the region.
STORY_COUNTRIES = [
    "VE", "CO", "BR", "MX", "AR", "CL", "PE", "EC", "BO", "CU", "DO", "HT", "JM", "PR",
    "TT", "KY", "PA", "CR", "SV", "GT", "HN", "NI", "US", "RU", "TR", "SY", "ES", "CN",
]  # fmt: skip

SEED_STORY = {
    "key": "putin-erdogan-to-boost-dialogue-on-idlib-violence",
    "section": "world",
    "title": "Putin, Erdogan to Boost Dialogue on Idlib Violence",
    "deck": (
        "The leaders of Russia and Turkey said they would boost communication on Idlib "
        "amid an escalation in clashes."
    ),
    "dateline_city": "Moscow",
    "dateline_country": "",
    "countries": ["RU", "TR", "SY"],
    "source": "efe",
    "authors": [],
    "byline": "",
    "tags": ["syria", "russia", "turkey", "diplomacy"],
    "days_ago": 0,
    "hour": 7,
    "quote": None,
    "paragraphs": [
        "The leaders of Russia and Turkey said on Wednesday they would boost communication on "
        "the topic of Idlib amid an escalation in clashes between the Moscow-backed Assad regime "
        "and Turkish forces and its allies.",
        "According to the Kremlin, Vladimir Putin and Recep Tayyip Erdogan expressed the need to "
        "ensure the continued implementation of the bilateral Sochi memorandum in Idlib, which "
        "designated the northwestern Syrian region as a de-escalation zone under the auspices of "
        "both parties.",
        "\u201cVladimir Putin and Recep Tayyip Erdogan continued the discussion regarding various "
        "aspects of the Syrian peace process, primarily in the context of the recent aggravation "
        "in the Idlib de-escalation zone,\u201d the Kremlin statement said.",
        "\u201cThey also noted the importance of the full implementation of the existing "
        "Russian-Turkish agreements, including the Sochi Memorandum of September 17, 2018.",
        "\u201cAdditional contacts between the relevant government agencies were planned for "
        "these purposes.\u201d",
        "Forces loyal to Syria\u2019s President Bashar Al Assad have been chipping away at the "
        "last major opposition-held territory in the country in recent weeks, a campaign that "
        "has led to confrontations with Turkey-backed militias.",
        "The regime managed to take control of a major highway connecting Damascus with the "
        "country\u2019s second city, Aleppo, for the first time since 2012.",
        "Erdogan on Wednesday warned Damascus that Turkish forces would strike regime forces "
        "beyond Idlib if Turkish troops involved in a military incursion in the region came "
        "under attack.",
        "On Monday, Turkish forces attacked Syrian troops in retaliation for an assault that "
        "killed five Turkish soldiers, according to Ankara.",
        "\u201cFrom today, if there is another attack on our soldiers, we will attack the regime "
        "everywhere,\u201d the Islamist president said in a televised address. He said the "
        "Turkish army would strike beyond its observation posts in Idlib \u201cwithout "
        "hesitating.\u201d",
        "Such military actions would breach the Sochi deal.",
        "The added rhetorical fervor comes amid a noted escalation in violent clashes that have "
        "killed 14 Turkish soldiers in the last week.",
        "Erdogan accused Assad\u2019s backers Russia and Iran of carrying out \u201cmassacres in "
        "Idlib.\u201d",
        "On Tuesday, the Syrian army said it was willing to \u201crespond to attacks by the "
        "Turkish occupation forces,\u201d according to the statement issued by state-run news "
        "agency SANA.",
        "Turkey offers its military backing and guidance to a handful of rebel groups in the "
        "region.",
        "But the majority of the province is under the control of the hardline Islamist group "
        "Hayat Tahrir al-Sham, an al-Qaida linked organization that is a proscribed terror cell "
        "in the eyes of Syria, Russia and Turkey.",
        "Armed opposition militants on Tuesday managed to shoot down a Syrian government "
        "helicopter over Idlib.",
        "Bordering the Turkish province of Hatay to the northwest, Idlib is the last major "
        "bastion of the anti-Assad armed opposition in Syria.",
    ],
}


def load(command):
    data = json.loads(DATA.read_text(encoding="utf-8"))
    home = HomePage.objects.first()
    for code in STORY_COUNTRIES:
        CountryFactory(code=code)
    for slug, name, is_agency, url in SOURCES:
        WireSourceFactory(slug=slug, name=name, is_agency=is_agency, url=url)
    authors = {a["name"]: AuthorFactory(**a) for a in data["authors"]}

    sections = {}
    for slug, title, parent_slug, intro in SECTIONS:
        parent = sections[parent_slug] if parent_slug else home
        section = SectionPage.objects.child_of(parent).filter(slug=slug).first()
        if section is None:
            section = SectionPage(title=title, slug=slug, intro=f"<p>{intro}</p>")
            parent.add_child(instance=section)
            section.save_revision().publish()
            command.stdout.write(f"Created section {title}")
        sections[slug] = section.specific

    now = timezone.now()
    created = 0
    for index, story in enumerate([SEED_STORY, *data["stories"]]):
        section = sections[story["section"]]
        if ArticlePage.objects.child_of(section).filter(slug=story["key"]).exists():
            continue
        _create_story(story, section, authors, now, index)
        created += 1
    if created:
        command.stdout.write(f"Created {created} stories")

    _build_front_page(home, sections)
    _pregenerate_renditions()


def _create_story(story, section, authors, now, index):

    image_title = story["title"][:90]
    image = get_image_model().objects.filter(title=image_title).first()
    if image is None:
        image = ImageFactory(
            title=image_title,
            file=make_image_file(
                f"{story['key'][:60]}.jpg", width=1200, height=675, seed=index, label=story["title"]
            ),
            caption=story["deck"][:200],
            credit=f"{WireSource.objects.get(slug=story['source']).name} photo",
            alt_text=f"Illustration for: {story['title']}",
        )
    body = []
    quote_at = 2
    for i, paragraph in enumerate(story["paragraphs"]):
        body.append(("paragraph", f"<p>{paragraph}</p>"))
        if story.get("quote") and i == quote_at - 1:
            body.append(("quote", story["quote"]))
    article = ArticlePage(
        title=story["title"],
        slug=story["key"],
        deck=story["deck"],
        dateline_city=story["dateline_city"],
        dateline_country=story["dateline_country"],
        source=WireSource.objects.get(slug=story["source"]),
        lead_image=image,
        body=body,
        search_description=story["deck"],
    )
    for name in story["authors"]:
        article.bylines.add(ArticleByline(author=authors[name]))
    if story.get("byline"):
        article.bylines.add(ArticleByline(name=story["byline"]))
    section.add_child(instance=article)
    article.tags.add(*story["tags"])
    article.countries.set(Country.objects.filter(code__in=story["countries"]))
    article.save_revision().publish()
    published = (now - datetime.timedelta(days=story["days_ago"])).replace(
        hour=story["hour"], minute=(index * 7) % 60, second=0, microsecond=0
    )
    published = min(published, now - datetime.timedelta(minutes=index + 1))
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=published, last_published_at=published, date=published
    )


def _build_front_page(home, sections):
    if home.body.raw_data:
        return
    seed = ArticlePage.objects.get(slug=SEED_STORY["key"])
    picks = list(ArticlePage.objects.live().filter(source__slug="staff").order_by("-date")[:4])
    home.body = [
        ("featured_story", {"page": seed, "headline": "", "summary": ""}),
        ("section_rail", {"section": sections["world"], "title": "", "count": 5}),
        ("markets_box", {"title": "Markets"}),
        ("section_rail", {"section": sections["venezuela"], "title": "", "count": 5}),
        ("section_rail", {"section": sections["colombia"], "title": "", "count": 5}),
        ("most_viewed", {"title": "Most Viewed", "period": "24h", "count": 5}),
        ("story_list", {"title": "Editors' picks", "stories": picks}),
        ("section_rail", {"section": sections["business"], "title": "", "count": 4}),
        (
            "newsletter_promo",
            {
                "title": "Receive Our Daily Headlines",
                "text": "Enter your email address to subscribe to free headlines (and great "
                "cartoons so every email has a happy ending!) from the Latin American Herald "
                "Tribune:",
            },
        ),
        (
            "promo",
            {
                "title": "What's New at LAHT?",
                "body": "<p>Our link directory now checks every link daily, and the daily "
                "headlines email comes with a cartoon so every email has a happy ending.</p>",
                "link_page": None,
                "link_url": "",
            },
        ),
    ]
    home.save_revision().publish()


def _pregenerate_renditions():
    """Renditions exist before the first API read, so reads never write."""
    for image in get_image_model().objects.prefetch_renditions(*RENDITION_SPECS):
        image.get_renditions(*RENDITION_SPECS)
