from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.delivery.conf import settings
from cms.delivery.images import serialize_image
from cms.delivery.labels import LabelTranslation, localise_in_pages
from cms.delivery.paths import page_path
from cms.delivery.prefetch import related_objects
from cms.delivery.serializers import RichTextField as RichTextAPIField
from cms.delivery.teasers import fetch_teasers, load_images
from cms.delivery.visibility import is_public
from cms.preview.models import HeadlessPreviewMixin
from cms.publishing.embargo import EmbargoMixin
from cms.publishing.panels import newsroom_settings_panels, zone_help
from cms.publishing.schedule_lock import EditableWhileScheduledMixin
from news.blocks import ArticleBodyBlock
from news.layout_blocks import HomeStreamBlock
from news.panels import PublicAddressSlugPanel
from news.widgets import CountedTextInput, SearchableCheckboxSelectMultiple


@register_snippet
class Author(index.Indexed, ClusterableModel):
    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    job_title = models.CharField(max_length=255, blank=True, help_text="e.g. Caracas correspondent")
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("job_title"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        InlinePanel("translations", heading="Translations", label="Language"),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def api_summary(self):
        """A byline's author: who they are, their photo and their page on the frontend."""
        return {
            "id": self.pk,
            "name": self.name,
            "slug": self.slug,
            "job_title": self.job_title,
            "photo": serialize_image(self.photo),
            "html_path": self.html_path,
            "url": settings.FRONTEND_URL + self.html_path,
        }

    @property
    def html_path(self):
        """The author's page on the frontend (the frontend's ``/authors/<slug>/`` route)."""
        return f"/authors/{self.slug}/"


@register_snippet
class WireSource(index.Indexed, ClusterableModel):
    """Where a story comes from: a news agency (EFE, AP, Reuters) or the staff."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    is_agency = models.BooleanField(default=True, help_text="Unticked for the paper's own staff.")
    url = models.URLField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("is_agency"),
        FieldPanel("url"),
        InlinePanel("translations", heading="Translations", label="Language"),
    ]

    search_fields = [index.SearchField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "wire source"

    def __str__(self):
        return self.name

    def api_summary(self):
        return {"id": self.pk, "name": self.name, "slug": self.slug, "is_agency": self.is_agency}


class AuthorTranslation(LabelTranslation):
    """What readers of another edition see of an author: job title and bio (not the name)."""

    translated_fields = ("job_title", "bio")

    author = ParentalKey(Author, on_delete=models.CASCADE, related_name="translations")
    job_title = models.CharField(
        max_length=255, blank=True, help_text="e.g. Corresponsal en Caracas. Blank: the English."
    )
    bio = models.TextField(blank=True, help_text="Blank: the English bio.")

    panels = [FieldPanel("language"), FieldPanel("job_title"), FieldPanel("bio")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["author", "language"], name="unique_author_language")
        ]


class WireSourceTranslation(LabelTranslation):
    """A source's name in another edition, e.g. "Redacción" for the staff."""

    translated_fields = ("name",)

    source = ParentalKey(WireSource, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=100, blank=True, help_text="Blank: the English name.")

    panels = [FieldPanel("language"), FieldPanel("name")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "language"], name="unique_source_language")
        ]


class TeaserListField(serializers.Field):
    """A list of page teasers (title, frontend URL, teaser, date, image)."""

    def to_representation(self, value) -> list[dict]:
        return list(value)


class SectionPage(HeadlessPreviewMixin, EditableWhileScheduledMixin, Page):
    """A section of the paper: World, Venezuela, Business… Sections nest."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    body = StreamField(
        HomeStreamBlock(),
        blank=True,
        help_text="Optional layout above the section's story list.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(Page.promote_panels, heading="Promotion"),
            ObjectList(newsroom_settings_panels(), heading="Settings"),
        ]
    )

    search_fields = Page.search_fields + [index.SearchField("intro")]

    api_fields = [
        APIField("intro"),
        APIField("intro_html", serializer=RichTextAPIField(source="intro")),
        APIField("body"),
    ]

    def get_teaser(self):
        return self.search_description

    parent_page_types = ["home.HomePage", "news.SectionPage"]
    subpage_types = ["news.SectionPage", "news.ArticlePage"]

    class Meta:
        verbose_name = "section"


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(HeadlessPreviewMixin, EmbargoMixin, EditableWhileScheduledMixin, Page):
    """A story: headline, dateline, bylines, source, lead image, body and corrections."""

    deck = models.TextField(
        blank=True, help_text="The standfirst under the headline, one or two sentences."
    )
    dateline_city = models.CharField(
        max_length=100,
        blank=True,
        help_text="Where the story was filed, e.g. Moscow. Shown as 'MOSCOW –'.",
    )
    dateline_country = models.CharField(
        max_length=100, blank=True, help_text="Optional, for less-known places, e.g. Venezuela."
    )
    source = models.ForeignKey(
        WireSource,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="The agency the story came from, or Staff.",
    )
    lead_image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(
        max_length=500, blank=True, help_text="Defaults to the image's caption."
    )
    lead_image_credit = models.CharField(
        max_length=255, blank=True, help_text="Defaults to the image's credit."
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    countries = ParentalManyToManyField(
        "countries.Country",
        blank=True,
        related_name="articles",
        help_text="Countries the story is about (ids of countries.Country).",
    )
    date = models.DateTimeField(
        "display date",
        null=True,
        blank=True,
        db_index=True,
        help_text="Shown as the story's date. Leave empty to use the first publication time.",
    )

    content_panels = [
        TitleFieldPanel("title", heading="Headline", placeholder="Headline*"),
        FieldPanel("deck", heading="Deck"),
        FieldRowPanel(
            [
                FieldPanel("dateline_city", widget=CountedTextInput(limit=100)),
                FieldPanel("dateline_country", widget=CountedTextInput(limit=100)),
            ],
            heading="Dateline",
        ),
        InlinePanel("bylines", label="Byline", heading="Bylines"),
        FieldPanel("source"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading="Lead image",
        ),
        FieldPanel("body"),
        InlinePanel("corrections", label="Correction", heading="Corrections"),
    ]
    # Wagtail's, without "Show in menus" (stories are never in the menus).
    promote_panels = [
        MultiFieldPanel(
            [
                PublicAddressSlugPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
            ],
            heading="For search engines",
        ),
        FieldPanel("tags"),
        FieldPanel(
            "countries",
            help_text="Countries the story is about.",
            widget=SearchableCheckboxSelectMultiple,
        ),
        InlinePanel("related_stories", label="Related story", heading="Related stories"),
        FieldPanel("date"),
    ]
    scheduling_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "embargo_until",
                    help_text=(
                        "Earliest legal publication time (wire embargo), in "
                        f"{zone_help()}. The story cannot be published, or scheduled to go "
                        "live, before it."
                    ),
                )
            ],
            heading="Embargo",
            help_text="Go-live and expiry are set under Status → Set schedule.",
        ),
        # Wagtail's settings panels, the schedule's fields saying their time zone.
        *newsroom_settings_panels(),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(promote_panels, heading="Promotion"),
            ObjectList(scheduling_panels, heading="Scheduling"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("deck", boost=2),  # above the body in search (weight B)
        index.SearchField("body"),
        index.SearchField("dateline_city"),
        index.FilterField("source"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("deck", writable=True),
        APIField("dateline"),
        APIField("dateline_city", writable=True),
        APIField("dateline_country", writable=True),
        APIField("bylines", writable=True),
        APIField("source", writable=True),
        APIField("lead_image", writable=True),
        APIField("lead_image_caption", writable=True),
        APIField("lead_image_credit", writable=True),
        APIField("body", writable=True),
        APIField("tags", writable=True),
        APIField("countries", writable=True),
        APIField("related_stories", serializer=TeaserListField(source="related_story_teasers")),
        APIField("corrections", writable=True),
        APIField("date", writable=True),
        APIField("embargo_until", writable=True),
        APIField("go_live_at", writable=True),
        APIField("expire_at", writable=True),
        APIField("last_updated"),
        APIField("section"),
    ]
    # Joined into the API listing's query (cms.delivery.api.HeraldPagesAPIViewSet.get_queryset).
    api_select_related = ("source",)
    # Public reads answered from stored representations (cms.delivery.documents).
    api_document = True

    @property
    def dateline(self):
        """The dateline as printed: 'MOSCOW –' or 'SAN CRISTÓBAL, Venezuela –'."""
        if not self.dateline_city:
            return ""
        place = self.dateline_city.upper()
        if self.dateline_country:
            place = f"{place}, {self.dateline_country}"
        return f"{place} –"

    @property
    def display_date(self):
        return self.date or self.first_published_at

    @property
    def last_updated(self):
        return self.last_published_at

    @property
    def related_story_teasers(self):
        teasers = getattr(self, "_api_related_teasers", None)
        if teasers is None:
            teasers = fetch_teasers(
                [item.related_id for item in related_objects(self, "related_stories")]
            )
        return [
            teasers[item.related_id]
            for item in related_objects(self, "related_stories")
            if item.related_id in teasers
        ]

    @classmethod
    def api_prefetch(cls, fields=None):
        """Lookups for the requested API fields (``None``: every field)."""
        return article_prefetches(fields)

    @classmethod
    def api_referenced_pages(cls, pages, fields=None):
        """Ids of the pages a batch of articles points at outside its body (related stories)."""
        if fields is not None and "related_stories" not in fields:
            return []
        return [
            item.related_id for page in pages for item in related_objects(page, "related_stories")
        ]

    @classmethod
    def api_referenced_images(cls, pages, fields=None):
        """Ids of the bylined authors' photos, loaded with the batch's other images."""
        if fields is not None and "bylines" not in fields:
            return []
        return [byline.author.photo_id for byline in _bylines(pages) if byline.author_id]

    @classmethod
    def api_after_prefetch(cls, pages, fields=None):
        """Resolve every related story of a batch of articles in one go, give each
        byline's author the photo loaded with the batch, and the snippets each story shows
        their labels in the story's language."""
        if fields is None or "bylines" in fields:
            photos = load_images(cls.api_referenced_images(pages))
            for byline in _bylines(pages):
                author = byline.author
                if author is not None and author.photo_id in photos:
                    author.photo = photos[author.photo_id]
        localise_in_pages(pages, lambda page: _shown_snippets(page, fields))
        if fields is not None and "related_stories" not in fields:
            return
        teasers = fetch_teasers(cls.api_referenced_pages(pages))
        for page in pages:
            page._api_related_teasers = teasers

    @property
    def section(self):
        """The section the story belongs to (its parent): id, title and path; None when
        the section is not publicly visible (``cms.delivery.visibility``)."""

        parent = getattr(self, "_api_section", None)
        if parent is None:
            parent = self.get_parent()
        if parent is None:
            return None
        # Within an API request the parent comes with its visibility to this reader.
        visible = getattr(parent, "_api_visible", None)
        if not (is_public(parent) if visible is None else visible):
            return None
        return {"id": parent.pk, "title": parent.title, "html_path": page_path(parent)}

    def get_teaser(self):
        return self.deck or self.search_description

    def get_teaser_image(self):
        return self.lead_image

    def get_frontend_cache_paths(self):
        """The frontend's pages of this story's authors (and their feeds) list it too:
        purged with it (``cms.delivery.dependent_paths.frontend_paths``)."""
        authors = [byline.author for byline in self.bylines.select_related("author")]
        return {
            path
            for author in authors
            if author is not None
            for path in (author.html_path, author.html_path + "feed.xml")
        }

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.now() + timezone.timedelta(days=366):
            raise ValidationError({"date": "The display date is more than a year in the future."})

    def full_clean(self, *args, **kwargs):
        if not self.slug and self.title:
            self.slug = slugify(self.title)[:255]
        super().full_clean(*args, **kwargs)

    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "article"


def _bylines(pages):
    return [byline for page in pages for byline in related_objects(page, "bylines")]


def _shown_snippets(page, fields=None):
    """The authors, source and countries a story's representation shows (prefetched)."""
    found = []
    if fields is None or "bylines" in fields:
        found += [byline.author for byline in related_objects(page, "bylines")]
    if fields is None or "source" in fields:
        found.append(page.source)
    if fields is None or "countries" in fields:
        found += related_objects(page, "countries")
    return found


class ArticleByline(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        Author,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bylines",
        help_text="Choose a staff author, or type a name below for agency copy.",
    )
    name = models.CharField(
        max_length=255, blank=True, help_text="Free-text byline, e.g. 'EFE staff'."
    )
    role = models.CharField(max_length=100, blank=True, help_text="e.g. 'reporting from Caracas'.")

    panels = [FieldPanel("author"), FieldPanel("name"), FieldPanel("role")]

    api_fields = [
        APIField("author", writable=True),
        APIField("name", writable=True),
        APIField("role", writable=True),
        APIField("display_name"),
    ]

    def clean(self):
        super().clean()
        if not self.author_id and not self.name.strip():
            raise ValidationError("Choose an author or type a name for the byline.")

    @property
    def display_name(self):
        return self.author.name if self.author_id else self.name


class ArticleCorrection(Orderable):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.CORRECTION,
        help_text="A correction fixes an error; a clarification adds context to what was "
        "right; an update reports what happened since.",
    )
    date = models.DateField(default=timezone.localdate)
    text = models.TextField(help_text="What was wrong and what is right now.")

    panels = [FieldPanel("kind"), FieldPanel("date"), FieldPanel("text")]

    api_fields = [
        APIField("kind", writable=True),
        APIField("date", writable=True),
        APIField("text", writable=True),
    ]


class ArticleRelatedStory(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_stories")
    related = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Another story readers should see.",
    )

    panels = [FieldPanel("related", heading="Story")]


def article_prefetches(fields=None):
    """What an article's API representation reads, fetched once per listing.

    With ``fields`` (the API fields a listing asked for), only what those read.
    The lead image is loaded with the body's images (cms.delivery.prefetch.prime_stream_references);
    the source is joined into the page query.
    """
    lookups = {
        "bylines": Prefetch("bylines", queryset=ArticleByline.objects.select_related("author")),
        "tags": "tags",
        "countries": "countries",
        "corrections": "corrections",
        "related_stories": "related_stories",
    }
    return [lookup for name, lookup in lookups.items() if fields is None or name in fields]
