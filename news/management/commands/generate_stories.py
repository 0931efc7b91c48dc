"""Load a large, realistic archive of published stories quickly (benchmarks, load tests).

``python manage.py generate_stories --count 100000`` adds live ``news.ArticlePage``
stories under generated sections, with bylines, sources, tags, countries, reused
lead images, corrections and related stories, dated over ``--years`` years.

How it stays fast and correct:

* Pages are bulk-inserted: the ``wagtailcore_page`` rows with ``bulk_create`` and
  the ``news_articlepage`` rows with one multi-row insert per batch. Tree paths,
  depth and ``url_path`` are computed here (treebeard materialised path: each new
  story takes the next free step under its section) and every section's
  ``numchild`` is raised by the number of stories it received, so the tree stays
  valid (``Page.find_problems()`` reports nothing) without ``fix_tree``.
* Stories are live and published (``first_published_at``/``last_published_at``
  set) but have no revision yet: the v2 API reads the page rows, and the admin
  edits a page without revisions from its live content, creating the first
  revision on the first save, as for pages created by a migration or fixture.
* Each batch is added to the search index with the configured backend's bulk add
  (``add_bulk``: one insert per batch, PostgreSQL full text on PostgreSQL) and to
  Wagtail's reference index with one insert per batch of the references Wagtail
  itself extracts for each page.
* The API response cache is invalidated once at the end.

Runs are additive: each run adds ``--count`` new stories and reuses the sections,
authors, sources, tags, countries and images earlier runs made (matched by slug or
title). The text depends only on ``--seed`` and on how many stories exist already,
so the same command on the same database produces the same stories.
"""

import bisect
import datetime
import json
import multiprocessing
import os
import random
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_all_child_relations
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.models import IndexEntry

from home.factories import get_or_create_home
from home.models import Country
from news.models import (
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    ArticleRelatedStory,
    ArticleTag,
    Author,
    SectionPage,
    WireSource,
)

# --- Vocabulary -------------------------------------------------------------------
# Words are drawn with Zipf-like frequencies (rank r has weight 1/r), so a search for a
# common word ("government") matches a large share of the archive and a word from the
# long tail only a handful of stories, as in a real newspaper's archive.

NOUNS = [
    "government",
    "president",
    "minister",
    "election",
    "oil",
    "economy",
    "country",
    "city",
    "police",
    "army",
    "opposition",
    "court",
    "inflation",
    "currency",
    "market",
    "company",
    "workers",
    "prices",
    "border",
    "congress",
    "party",
    "protest",
    "talks",
    "agreement",
    "crisis",
    "region",
    "military",
    "leader",
    "report",
    "official",
    "authorities",
    "security",
    "vote",
    "campaign",
    "investigation",
    "trade",
    "exports",
    "production",
    "bank",
    "debt",
    "reform",
    "law",
    "health",
    "hospital",
    "school",
    "students",
    "water",
    "power",
    "storm",
    "hurricane",
    "flood",
    "drought",
    "harvest",
    "coffee",
    "tourism",
    "airport",
    "port",
    "highway",
    "refugees",
    "migrants",
    "embassy",
    "ambassador",
    "sanctions",
    "deal",
    "summit",
    "ceasefire",
    "troops",
    "rebels",
    "prison",
    "judge",
    "prosecutor",
    "corruption",
    "scandal",
    "budget",
    "tax",
    "salary",
    "strike",
    "union",
    "farmers",
    "industry",
    "mining",
    "gold",
    "copper",
    "gas",
    "refinery",
    "pipeline",
    "shipment",
    "team",
    "season",
    "championship",
    "match",
    "coach",
    "players",
    "fans",
    "stadium",
    "festival",
    "film",
    "music",
    "carnival",
    "museum",
    "book",
    "artist",
    "writer",
    "church",
    "bishop",
    "community",
    "village",
    "province",
    "state",
    "capital",
    "mayor",
    "governor",
    "senator",
    "deputy",
    "spokesman",
    "statement",
    "interview",
]
VERBS = [
    "announced",
    "rejected",
    "approved",
    "criticized",
    "denied",
    "confirmed",
    "warned",
    "promised",
    "signed",
    "blocked",
    "launched",
    "suspended",
    "questioned",
    "defended",
    "demanded",
    "expanded",
    "reduced",
    "raised",
    "cut",
    "halted",
    "resumed",
    "backed",
    "opposed",
    "called",
    "welcomed",
    "delayed",
    "reached",
    "ordered",
    "arrested",
    "released",
    "accused",
    "praised",
    "discussed",
    "proposed",
]
ADJECTIVES = [
    "new",
    "national",
    "local",
    "foreign",
    "economic",
    "political",
    "military",
    "official",
    "public",
    "regional",
    "international",
    "former",
    "historic",
    "major",
    "minor",
    "urgent",
    "recent",
    "annual",
    "controversial",
    "long-awaited",
    "disputed",
    "independent",
    "rural",
    "urban",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "coastal",
    "fragile",
    "record-high",
]
PLACES = [
    place.replace("_", " ")
    for place in [
        "Caracas",
        "Bogota",
        "Lima",
        "Quito",
        "Santiago",
        "Buenos_Aires",
        "Montevideo",
        "Asuncion",
        "La_Paz",
        "Brasilia",
        "Sao_Paulo",
        "Rio",
        "Mexico_City",
        "Havana",
        "Santo_Domingo",
        "Port-au-Prince",
        "Kingston",
        "San_Juan",
        "Panama_City",
        "San_Jose",
        "Managua",
        "Tegucigalpa",
        "San_Salvador",
        "Guatemala_City",
        "Madrid",
        "Washington",
        "Miami",
        "Houston",
        "Moscow",
        "Beijing",
        "Geneva",
    ]
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST_NAMES = [
    "Ana",
    "Carlos",
    "Maria",
    "Jose",
    "Luis",
    "Carmen",
    "Juan",
    "Rosa",
    "Pedro",
    "Lucia",
    "Miguel",
    "Elena",
    "Diego",
    "Sofia",
    "Andres",
    "Paula",
    "Jorge",
    "Isabel",
    "Pablo",
    "Teresa",
    "Ricardo",
    "Gabriela",
    "Fernando",
    "Daniela",
]
LAST_NAMES = [
    "Rivas",
    "Gonzalez",
    "Rodriguez",
    "Perez",
    "Martinez",
    "Garcia",
    "Lopez",
    "Hernandez",
    "Diaz",
    "Torres",
    "Ramirez",
    "Flores",
    "Morales",
    "Castillo",
    "Mendoza",
    "Rojas",
    "Vargas",
    "Herrera",
    "Medina",
    "Aguilar",
    "Ortega",
    "Silva",
]
CITIES = [
    "Caracas",
    "Bogota",
    "Lima",
    "Quito",
    "Santiago",
    "Buenos Aires",
    "Havana",
    "Mexico City",
    "Panama City",
    "San Jose",
    "Madrid",
    "Washington",
    "Moscow",
    "Maracaibo",
    "Medellin",
]
SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "ca",
    "co",
    "cu",
    "da",
    "de",
    "di",
    "do",
    "dra",
    "fe",
    "fi",
    "ga",
    "go",
    "gra",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "no",
    "pa",
    "pe",
    "pi",
    "po",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "tra",
    "va",
    "ve",
    "vi",
    "vo",
    "za",
    "zo",
]
TAIL_WORDS = 40_000


def tail_word(rank):
    """The synthetic word at a rank of the long tail: stable across runs and seeds."""
    rng = random.Random(f"tail:{rank}")
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))) + "n"


def build_vocabulary(words, tail=TAIL_WORDS, offset=0):
    """Words with Zipf cumulative weights: the listed words first, then the long tail."""
    vocabulary = list(words) + [tail_word(offset + i) for i in range(tail)]
    cumulative, total = [], 0.0
    for rank in range(1, len(vocabulary) + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return vocabulary, cumulative


NOUN_VOCABULARY = build_vocabulary(NOUNS)
VERB_VOCABULARY = build_vocabulary(VERBS, tail=200, offset=10**6)
ADJECTIVE_VOCABULARY = build_vocabulary(ADJECTIVES, tail=2_000, offset=2 * 10**6)
#: A word most stories contain, and one from the far tail: the benchmark searches both.
BROAD_TERM = NOUNS[0]
RARE_TERM = tail_word(TAIL_WORDS - 1000)

SECTION_NAMES = [
    ("world", "World", None),
    ("latin-america", "Latin America", None),
    ("venezuela", "Venezuela", "latin-america"),
    ("colombia", "Colombia", "latin-america"),
    ("brazil", "Brazil", "latin-america"),
    ("mexico", "Mexico", "latin-america"),
    ("caribbean", "Caribbean", None),
    ("business", "Business", None),
    ("opinion", "Opinion", None),
    ("sports", "Sports", None),
    ("culture", "Culture", None),
]
SOURCE_NAMES = [("efe", "EFE", True), ("ap", "AP", True), ("reuters", "Reuters", True)]
COUNTRY_NAMES = [
    ("VE", "Venezuela", "south-america"),
    ("CO", "Colombia", "south-america"),
    ("BR", "Brazil", "south-america"),
    ("MX", "Mexico", "north-america"),
    ("AR", "Argentina", "south-america"),
    ("CL", "Chile", "south-america"),
    ("PE", "Peru", "south-america"),
    ("EC", "Ecuador", "south-america"),
    ("BO", "Bolivia", "south-america"),
    ("CU", "Cuba", "caribbean"),
    ("DO", "Dominican Republic", "caribbean"),
    ("HT", "Haiti", "caribbean"),
    ("PA", "Panama", "central-america"),
    ("CR", "Costa Rica", "central-america"),
    ("GT", "Guatemala", "central-america"),
    ("HN", "Honduras", "central-america"),
    ("NI", "Nicaragua", "central-america"),
    ("SV", "El Salvador", "central-america"),
    ("US", "United States", "north-america"),
    ("ES", "Spain", "europe"),
]


class TextGenerator:
    """Sentences from templates whose slots are filled with Zipf-distributed words."""

    def __init__(self, rng):
        self.rng = rng

    def pick(self, vocabulary):
        words, cumulative = vocabulary
        return words[bisect.bisect(cumulative, self.rng.random() * cumulative[-1])]

    def noun(self):
        return self.pick(NOUN_VOCABULARY)

    def verb(self):
        return self.pick(VERB_VOCABULARY)

    def adjective(self):
        return self.pick(ADJECTIVE_VOCABULARY)

    def person(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def sentence(self):
        r = self.rng
        template = r.randrange(6)
        if template == 0:
            s = (
                f"The {self.adjective()} {self.noun()} {self.verb()} the {self.noun()} "
                f"on {r.choice(WEEKDAYS)}, according to the {self.noun()}"
            )
        elif template == 1:
            s = (
                f"{self.person()}, the {self.noun()} of the {self.adjective()} {self.noun()}, "
                f"said the {self.noun()} would be {self.verb()} in {r.choice(PLACES)}"
            )
        elif template == 2:
            s = (
                f"In {r.choice(PLACES)}, {self.noun()} and {self.noun()} {self.verb()} "
                f"a {self.adjective()} {self.noun()} after {r.randint(2, 90)} days of {self.noun()}"
            )
        elif template == 3:
            s = (
                f"Officials {self.verb()} that the {self.noun()} had {self.verb()} "
                f"{r.randint(3, 900)} {self.noun()} and the {self.adjective()} {self.noun()}"
            )
        elif template == 4:
            s = (
                f"Critics of the {self.noun()} {self.verb()} the {self.adjective()} "
                f"{self.noun()}, which {self.verb()} the {self.noun()} last {r.choice(WEEKDAYS)}"
            )
        else:
            s = (
                f"The {self.noun()} is expected to {self.verb()[:-1]} the {self.noun()} "
                f"before the {self.adjective()} {self.noun()} in {r.choice(PLACES)}"
            )
        return s[0].upper() + s[1:] + "."

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))

    def headline(self):
        words = [
            self.adjective().capitalize(),
            self.noun().capitalize(),
            self.verb().capitalize(),
            self.noun().capitalize(),
            "in",
            self.rng.choice(PLACES),
        ]
        return " ".join(words)


def step(position):
    """The treebeard path step (base 36, ``Page.steplen`` wide) for a child position."""
    alphabet, width = Page.alphabet, Page.steplen
    digits = []
    while position:
        position, digit = divmod(position, len(alphabet))
        digits.append(alphabet[digit])
    value = "".join(reversed(digits)) or alphabet[0]
    if len(value) > width:
        raise CommandError("A section cannot hold more than 36**4 - 1 children.")
    return value.rjust(width, alphabet[0])


def det_uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class Command(BaseCommand):
    help = "Bulk-add realistic published stories (additive; see the module docstring)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="Stories to add.")
        parser.add_argument("--sections", type=int, default=11)
        parser.add_argument("--authors", type=int, default=40)
        parser.add_argument("--sources", type=int, default=4)
        parser.add_argument("--tags", type=int, default=300)
        parser.add_argument("--countries", type=int, default=20)
        parser.add_argument("--images", type=int, default=24, help="Lead images, reused.")
        parser.add_argument("--years", type=float, default=10, help="Date spread, up to now.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument(
            "--workers",
            type=int,
            default=min(4, os.cpu_count() or 1),
            help="Processes inserting in parallel on PostgreSQL (one on SQLite).",
        )

    def handle(self, *args, **options):
        count, batch_size = options["count"], options["batch_size"]
        if count < 0 or batch_size < 1:
            raise CommandError("--count must be >= 0 and --batch-size >= 1.")
        for name in ("sections", "authors", "sources", "tags", "countries", "images"):
            if options[name] < 1:
                raise CommandError(f"--{name} must be at least 1.")
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1.")
        if options["years"] <= 0:
            raise CommandError("--years must be positive.")

        started = time.monotonic()
        with transaction.atomic():
            self.prepare(get_or_create_home(), options)
        existing = ArticlePage.objects.count()
        self.now = timezone.now().replace(microsecond=0)
        self.span = int(options["years"] * 365.25 * 86400)
        self.verbosity = int(options.get("verbosity", 1))

        prepared = time.monotonic()
        workers = min(options["workers"], len(self.sections), max(1, count // batch_size))
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            # SQLite has one writer at a time; inside a caller's transaction other
            # connections would not see the sections this one just made.
            workers = 1
        if workers == 1:
            self.run(options["seed"], existing, count, batch_size, self.sections)
        else:
            self.run_in_processes(options["seed"], existing, count, batch_size, workers)
        elapsed = time.monotonic() - prepared
        self.invalidate_caches()
        rate = count / elapsed if elapsed > 0 else float("inf")
        self.stdout.write(
            f"Added {count} stories in {elapsed:.1f}s ({rate:.0f} stories/s, "
            f"{workers} process{'es' if workers > 1 else ''}; setup {prepared - started:.1f}s). "
            f"Total stories: {ArticlePage.objects.count()}."
        )

    def run(self, seed, existing, count, batch_size, sections, worker=0):
        """Add ``count`` stories under ``sections``, one transaction per batch."""
        self.rng = random.Random(f"{seed}:{existing}:{worker}")
        self.text = TextGenerator(self.rng)
        self.sections = sections
        self.recent_ids = list(
            ArticlePage.objects.order_by("-pk").values_list("pk", flat=True)[:200]
        )
        done = 0
        while done < count:
            size = min(batch_size, count - done)
            with transaction.atomic():
                self.insert_batch(size)
            done += size
            if self.verbosity > 1:
                self.stdout.write(f"[{worker}] {done}/{count} stories")

    def run_in_processes(self, seed, existing, count, batch_size, workers):
        """PostgreSQL: forked processes, each owning a disjoint set of sections, so tree
        positions and ``numchild`` updates never collide and no locks are shared."""
        shares = [count // workers + (1 if i < count % workers else 0) for i in range(workers)]
        groups = [self.sections[i::workers] for i in range(workers)]
        connections.close_all()  # each process opens its own connection
        context = multiprocessing.get_context("fork")
        processes = []
        for worker in range(workers):
            process = context.Process(
                target=self.run_worker,
                args=(seed, existing, shares[worker], batch_size, groups[worker], worker),
            )
            process.start()
            processes.append(process)
        for process in processes:
            process.join()
        failed = [i for i, process in enumerate(processes) if process.exitcode != 0]
        if failed:
            raise CommandError(
                f"Worker(s) {failed} failed (see the error above); the batches they had "
                "committed remain, the tree stays valid."
            )

    def run_worker(self, *args):
        try:
            self.run(*args)
        finally:
            connections.close_all()

    # --- Supporting content (created once, reused by later runs) ----------------------

    def prepare(self, home, options):
        self.locale = home.locale
        self.article_type = ContentType.objects.get_for_model(ArticlePage)
        self.sections = self.ensure_sections(home, options["sections"])
        self.sources = self.ensure_sources(options["sources"])
        self.authors = self.ensure_authors(options["authors"])
        self.countries = self.ensure_countries(options["countries"])
        self.tags = self.ensure_tags(options["tags"])
        self.tag_objects = Tag.objects.in_bulk(self.tags)
        self.images = self.ensure_images(options["images"])
        self.positions = {}
        for section in self.sections:
            last = (
                Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.positions[section.pk] = int(last[-Page.steplen :], 36) if last else 0

    def ensure_sections(self, home, wanted):
        names = list(SECTION_NAMES[:wanted])
        names += [(f"section-{i}", f"Section {i}", None) for i in range(len(names) + 1, wanted + 1)]
        sections = {}
        for slug, title, parent_slug in names:
            parent = sections.get(parent_slug, home)
            section = SectionPage.objects.child_of(parent).filter(slug=slug).first()
            if section is None:
                section = SectionPage(title=title, slug=slug, intro=f"<p>News: {title}.</p>")
                parent.add_child(instance=section)
                section.save_revision().publish()
            sections[slug] = section
        # Re-read: publishing updated the rows (numchild of parents changed meanwhile).
        return list(SectionPage.objects.filter(pk__in=[s.pk for s in sections.values()]))

    def ensure_sources(self, wanted):
        names = list(SOURCE_NAMES[: wanted - 1]) + [("staff", "Staff", False)]
        names += [(f"agency-{i}", f"Agency {i}", True) for i in range(len(names), wanted)]
        sources = []
        for slug, name, is_agency in names:
            source = WireSource.objects.filter(slug=slug).first() or WireSource.objects.create(
                slug=slug, name=name, is_agency=is_agency
            )
            sources.append(source.pk)
        return sources

    def ensure_authors(self, wanted):
        rng = random.Random("authors")
        authors = []
        for i in range(wanted):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            slug, city = f"{slugify(name)}-{i + 1}", rng.choice(CITIES)
            author = Author.objects.filter(slug=slug).first() or Author.objects.create(
                slug=slug, name=name, job_title=f"{city} correspondent"
            )
            authors.append(author.pk)
        return authors

    def ensure_countries(self, wanted):
        for code, name, region in COUNTRY_NAMES[:wanted]:
            if not Country.objects.filter(code=code).exists():
                Country.objects.get_or_create(name=name, defaults={"code": code, "region": region})
        return list(Country.objects.order_by("pk").values_list("pk", flat=True)[:wanted])

    def ensure_tags(self, wanted):
        words = NOUN_VOCABULARY[0][:wanted]
        existing = dict(Tag.objects.filter(slug__in=words).values_list("slug", "pk"))
        Tag.objects.bulk_create([Tag(name=w, slug=w) for w in words if w not in existing])
        return list(Tag.objects.filter(slug__in=words).values_list("pk", flat=True))

    def ensure_images(self, wanted):
        from home.factories import ImageFactory, make_image_file
        from home.images import RENDITION_SPECS

        Image = get_image_model()
        images = []
        for i in range(wanted):
            title = f"Generated photo {i + 1}"
            image = Image.objects.filter(title=title).first()
            if image is None:
                image = ImageFactory(
                    title=title,
                    file=make_image_file(
                        f"generated-{i + 1}.jpg", width=800, height=450, seed=i, label=title
                    ),
                    caption=f"Generated photo number {i + 1}.",
                    credit="Herald archive",
                )
                # Renditions exist before the first API read, so reads never write.
                image.get_renditions(*RENDITION_SPECS)
            images.append(image.pk)
        return images

    # --- One batch ----------------------------------------------------------------

    def make_body(self):
        """The body as stored (JSON) and its searchable texts, as Wagtail extracts them."""
        r = self.rng
        blocks, texts = [], []
        for i in range(r.randint(4, 9)):
            paragraph = self.text.paragraph()
            blocks.append({"type": "paragraph", "value": f"<p>{paragraph}</p>"})
            texts.append(paragraph)
            if i == 1 and r.random() < 0.3:
                quote = {"text": self.text.sentence(), "attribution": self.text.person()}
                blocks.append({"type": "quote", "value": quote})
                texts += [quote["text"], quote["attribution"]]
            if i == 3 and r.random() < 0.05:
                image = {
                    "image": r.choice(self.images),
                    "caption": f"A scene in {r.choice(PLACES)}.",
                    "credit": "Herald archive",
                    "alt": "Archive photograph",
                }
                blocks.append({"type": "image", "value": image})
                texts += [image["caption"], image["credit"], image["alt"]]
        for block in blocks:
            block["id"] = str(det_uuid(r))
        return json.dumps(blocks), texts

    def insert_batch(self, size):
        r = self.rng
        articles, per_section = [], {}
        for _ in range(size):
            section = r.choice(self.sections)
            self.positions[section.pk] += 1
            position = self.positions[section.pk]
            per_section[section.pk] = per_section.get(section.pk, 0) + 1
            title = self.text.headline()
            slug = f"{slugify(title)[:80]}-{position}"
            published = self.now - datetime.timedelta(seconds=r.randrange(self.span))
            body, body_texts = self.make_body()
            article = ArticlePage(
                title=title,
                draft_title=title,
                slug=slug,
                path=section.path + step(position),
                depth=section.depth + 1,
                numchild=0,
                url_path=f"{section.url_path}{slug}/",
                content_type=self.article_type,
                locale=self.locale,
                translation_key=det_uuid(r),
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                search_description="",
                deck=self.text.sentence(),
                dateline_city=r.choice(CITIES),
                source_id=r.choice(self.sources),
                lead_image_id=r.choice(self.images) if r.random() < 0.8 else None,
                body=body,
                date=published,
            )
            article._generated = {"body_texts": body_texts, **self.make_children(r)}
            articles.append(article)

        self.insert_pages(articles)
        self.insert_children(articles)
        for section_pk, added in per_section.items():
            Page.objects.filter(pk=section_pk).update(numchild=F("numchild") + added)
        self.index(articles)
        self.recent_ids = ([a.pk for a in articles] + self.recent_ids)[:200]

    def make_children(self, r):
        staff = r.random() < 0.6
        return {
            "authors": r.sample(self.authors, k=1 if r.random() < 0.85 else 2) if staff else [],
            "byline": "" if staff else "Agency staff",
            "tags": r.sample(self.tags, k=min(len(self.tags), r.randint(1, 4))),
            "countries": r.sample(self.countries, k=min(len(self.countries), r.randint(1, 2))),
            "correction": r.random() < 0.03,
            "related": r.sample(self.recent_ids, k=min(len(self.recent_ids), r.randint(1, 2)))
            if self.recent_ids and r.random() < 0.3
            else [],
        }

    def insert_pages(self, articles):
        page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        rows = [Page(**{f.attname: getattr(a, f.attname) for f in page_fields}) for a in articles]
        Page.objects.bulk_create(rows)
        for article, row in zip(articles, rows, strict=True):
            article.pk = article.id = article.page_ptr_id = row.pk
        # Multi-table inheritance: Django's bulk_create refuses child models, so the
        # article rows go in with one multi-row INSERT per batch.
        fields = ArticlePage._meta.local_concrete_fields
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
        values = []
        for article in articles:
            values.extend(
                f.get_db_prep_save(getattr(article, f.attname), connection) for f in fields
            )
        table = connection.ops.quote_name(ArticlePage._meta.db_table)
        per_statement = max(1, 30_000 // len(fields))  # SQLite caps bound parameters
        with connection.cursor() as cursor:
            for start in range(0, len(articles), per_statement):
                chunk = articles[start : start + per_statement]
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608 (model metadata)
                    + ", ".join([placeholders] * len(chunk)),
                    values[start * len(fields) : (start + len(chunk)) * len(fields)],
                )

    def insert_children(self, articles):
        """Bylines, tags, countries, corrections and related stories, in one insert per kind.

        They are also attached to the in-memory pages (modelcluster child relations), so
        the search and reference indexes read them without a query per page.
        """
        Countries = ArticlePage.countries.through
        relations = [rel.get_accessor_name() for rel in get_all_child_relations(ArticlePage)]
        created = {name: [] for name in relations}
        countries = []
        for article in articles:
            child = article._generated
            kids = {name: [] for name in relations}
            for order, author_id in enumerate(child["authors"]):
                kids["bylines"].append(
                    ArticleByline(page_id=article.pk, sort_order=order, author_id=author_id)
                )
            if child["byline"]:
                kids["bylines"].append(
                    ArticleByline(page_id=article.pk, sort_order=0, name=child["byline"])
                )
            kids["tagged_items"] = [
                ArticleTag(content_object_id=article.pk, tag=self.tag_objects[t])
                for t in child["tags"]
            ]
            if child["correction"]:
                kids["corrections"].append(
                    ArticleCorrection(
                        page_id=article.pk,
                        sort_order=0,
                        date=article.first_published_at.date(),
                        text=f"An earlier version misspelled the name of {self.text.person()}.",
                    )
                )
            kids["related_stories"] = [
                ArticleRelatedStory(page_id=article.pk, sort_order=i, related_id=pk)
                for i, pk in enumerate(child["related"])
            ]
            countries += [
                Countries(articlepage_id=article.pk, country_id=c) for c in child["countries"]
            ]
            for name, objs in kids.items():
                created[name] += objs
            article._generated["children"] = kids
        for objs in created.values():
            if objs:
                type(objs[0]).objects.bulk_create(objs, batch_size=2000)
        Countries.objects.bulk_create(countries, batch_size=2000)
        for article in articles:
            for name, objs in article._generated.pop("children").items():
                setattr(article, name, objs)

    def index(self, articles):
        """Search index and reference index entries for a batch."""
        for backend in get_search_backends(with_auto_update=True):
            if PostgresIndexWriter.handles(backend):
                PostgresIndexWriter(backend, ArticlePage).add(articles)
            else:
                backend.add_bulk(ArticlePage, articles)

        base_content_type = ContentType.objects.get_for_model(Page)
        references = []
        for page in articles:
            found = set(ReferenceIndex._extract_references_from_object(page))
            references += [
                ReferenceIndex(
                    content_type=self.article_type,
                    base_content_type=base_content_type,
                    object_id=str(page.pk),
                    to_content_type_id=to_content_type_id,
                    to_object_id=to_object_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
                for to_content_type_id, to_object_id, model_path, content_path in found
            ]
        ReferenceIndex.objects.bulk_create(references, batch_size=2000, ignore_conflicts=True)

    def invalidate_caches(self):
        if any(map(PostgresIndexWriter.handles, get_search_backends(with_auto_update=True))):
            PostgresIndexWriter.refresh_title_norms()
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Fresh planner statistics: right after a bulk load the planner still thinks
            # the tables are nearly empty and picks plans that are seconds slower (or
            # parallel plans, ~25 ms of worker start-up for 20 rows). VACUUM also sets
            # the visibility map, so counts are index-only scans without heap fetches.
            models = (
                Page,
                ArticlePage,
                ArticleTag,
                Tag,
                ArticlePage.countries.through,
                ArticleByline,
                ArticleCorrection,
                ArticleRelatedStory,
                IndexEntry,
                ReferenceIndex,
                # Usually empty, and never analyzed: the planner then costs the public-pages
                # filter (a NOT EXISTS on it) as if it held rows (home migration 0005).
                PageViewRestriction,
            )
            with connection.cursor() as cursor:
                for model in models:
                    table = connection.ops.quote_name(model._meta.db_table)
                    cursor.execute(f"VACUUM (ANALYZE) {table}")
        try:
            from home.invalidation import invalidate_api_cache
        except ImportError:  # the scheduling part is not installed
            return
        invalidate_api_cache()


class PostgresIndexWriter:
    """Writes the rows Wagtail's PostgreSQL search backend would write, for many pages at once.

    The backend's own ``add_bulk`` extracts every search field five times per page
    (title, body, autocomplete and their plain-text twins) and parses each rich-text
    paragraph again each time; that alone caps loading at about 100 stories/s. Here each
    field is extracted once (with the backend's own ``ObjectIndexer.prepare_field``, except
    the body, whose texts the generator already knows) and PostgreSQL builds the same
    weighted tsvectors in one INSERT per batch. ``tests/perf/test_generate_stories.py``
    checks the rows are identical to what the backend writes when it re-indexes a story.
    """

    def __init__(self, backend, model):
        from wagtail.search.backends.database.postgres.postgres import ObjectIndexer
        from wagtail.search.backends.database.postgres.weights import get_weight

        self.backend, self.model = backend, model
        self.indexer_class, self.get_weight = ObjectIndexer, get_weight
        self.content_type_id = ContentType.objects.get_for_model(model).pk

    def vector(self, texts, config, params):
        texts = [(text.strip(), weight) for text, weight in texts]
        texts = [(text, weight) for text, weight in texts if text]
        if not texts:
            params.append("")
            return "to_tsvector(%s)"
        parts = []
        for text, weight in texts:
            if config:
                parts.append("setweight(to_tsvector(%s::regconfig, %s), %s)")
                params += [config, text, weight]
            else:
                parts.append("setweight(to_tsvector(%s), %s)")
                params += [text, weight]
        return "(" + " || ".join(parts) + ")"

    def add(self, pages):
        from wagtail.search.index import AutocompleteField, SearchField

        rows, params = [], []
        for page in pages:
            indexer = self.indexer_class(page, self.backend)
            title, body, autocomplete = [], [], []
            for field in indexer.search_fields:
                if isinstance(field, SearchField) and field.field_name == "body":
                    prepared = [
                        (
                            field,
                            self.get_weight(field.boost),
                            ", ".join(page._generated["body_texts"]),
                        )
                    ]
                else:
                    prepared = indexer.prepare_field(page, field)
                for current, weight, value in prepared:
                    if isinstance(current, AutocompleteField):
                        autocomplete.append((value, weight))
                    elif isinstance(current, SearchField):
                        (title if current.field_name == "title" else body).append((value, weight))
            row_params = [self.content_type_id, str(page.pk)]
            title_sql = self.vector(title, self.backend.config, row_params)
            autocomplete_sql = self.vector(
                autocomplete, self.backend.autocomplete_config, row_params
            )
            body_sql = self.vector(body, self.backend.config, row_params)
            row_params += [
                " ".join(t.strip() for t, _ in title if t.strip()),
                " ".join(t.strip() for t, _ in body if t.strip()),
            ]
            rows.append(f"(%s, %s, {title_sql}, {autocomplete_sql}, {body_sql}, 1.0, %s, %s)")
            params += row_params
        table = connection.ops.quote_name(IndexEntry._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, "  # noqa: S608
                "title_norm, title_text, body_text) VALUES " + ", ".join(rows) + " "
                "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, "
                "title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )

    @staticmethod
    def handles(backend):
        from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend

        return connection.vendor == "postgresql" and isinstance(backend, PostgresSearchBackend)

    @staticmethod
    def refresh_title_norms():
        """The backend's title normalisation (average title length / this title's), once."""

        table = connection.ops.quote_name(IndexEntry._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET title_norm = stats.lavg / length(title) "  # noqa: S608
                f"FROM (SELECT avg(length(title)) AS lavg FROM {table} WHERE length(title) > 0) "
                "AS stats WHERE title_norm = 1.0 AND length(title) > 0"
            )
