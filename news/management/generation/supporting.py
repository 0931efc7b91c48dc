"""What generated stories point at, created once and reused by later runs: the sections under
the default site's root, wire sources, authors, countries, tags and lead images (each matched
by slug or title, so a second run finds the first run's)."""

import random

from django.core.management.base import CommandError
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Site

from cms.countries import catalogue
from cms.countries.models import Country
from cms.delivery.factories import ImageFactory, make_image_file
from cms.delivery.images import RENDITION_SPECS
from news.management.generation.vocabulary import (
    CITIES,
    COUNTRY_CODES,
    FIRST_NAMES,
    LAST_NAMES,
    NOUN_VOCABULARY,
    SECTION_NAMES,
    SOURCE_NAMES,
)
from news.models import Author, SectionPage, WireSource


def site_root():
    """The default site's root page: sections are created under it."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise CommandError("No default site: create one first (e.g. manage.py load_demo).")
    return site.root_page.specific


def ensure_sections(home, wanted):
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


def ensure_sources(wanted):
    names = list(SOURCE_NAMES[: wanted - 1]) + [("staff", "Staff", False)]
    names += [(f"agency-{i}", f"Agency {i}", True) for i in range(len(names), wanted)]
    sources = []
    for slug, name, is_agency in names:
        source = WireSource.objects.filter(slug=slug).first() or WireSource.objects.create(
            slug=slug, name=name, is_agency=is_agency
        )
        sources.append(source.pk)
    return sources


def ensure_authors(wanted):
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


def ensure_countries(wanted):
    catalogue.ensure_countries(COUNTRY_CODES[:wanted])
    return list(Country.objects.order_by("pk").values_list("pk", flat=True)[:wanted])


def ensure_tags(wanted):
    words = NOUN_VOCABULARY[0][:wanted]
    existing = dict(Tag.objects.filter(slug__in=words).values_list("slug", "pk"))
    Tag.objects.bulk_create([Tag(name=w, slug=w) for w in words if w not in existing])
    return list(Tag.objects.filter(slug__in=words).values_list("pk", flat=True))


def ensure_images(wanted):
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
