"""The link directory: Links ▸ country guides ▸ categories of links, and each link's health.

Links are inline rows of their category page (django-modelcluster), so editors
add and reorder them in one editor. Their health lives in ``LinkHealth``, keyed
by URL: inline rows are deleted and recreated whenever a page is saved, and a
URL's history (failing since when) must survive that.
"""

from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Count, Q
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.delivery.labels import localise, localise_in_pages
from cms.delivery.paths import page_path
from cms.delivery.prefetch import related_objects
from cms.delivery.serializers import ImageField as ImageAPIField
from cms.delivery.serializers import RichTextField as RichTextAPIField
from cms.delivery.visibility import public_pages
from cms.preview.models import HeadlessPreviewMixin
from cms.publishing.panels import newsroom_settings_panels
from cms.wagtail_internals.tree import parent_path
from directory.serializers import (
    CategoryListField,
    CountryFactsField,
    CountryListField,
    CountryRefField,
    CountrySummaryField,
    LinkListField,
)

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class LinkKind(models.TextChoices):
    """The fixed vocabulary of link categories (the old site's navigation)."""

    OVERVIEW = "overview", "Overview"
    EMBASSIES_ABROAD = "embassies-abroad", "Embassies and consulates abroad"
    EMBASSIES_IN_CAPITAL = "embassies-in-capital", "Embassies in the capital"
    SITES_AND_BLOGS = "sites-and-blogs", "Sites and blogs"
    NEWSPAPERS = "newspapers", "Newspapers"
    GOVERNMENT = "government", "Government"
    EDUCATION = "education", "Education"
    TOURISM = "tourism", "Tourism"
    FACTS = "facts", "Facts"
    OTHER = "other", "Other"


class LinkLanguage(models.TextChoices):
    SPANISH = "es", "Spanish"
    ENGLISH = "en", "English"
    PORTUGUESE = "pt", "Portuguese"
    FRENCH = "fr", "French"
    DUTCH = "nl", "Dutch"
    HAITIAN_CREOLE = "ht", "Haitian Creole"
    PAPIAMENTO = "pap", "Papiamento"
    OTHER = "other", "Other"


class LinkState(models.TextChoices):
    UNCHECKED = "unchecked", "Not checked yet"
    OK = "ok", "OK"
    REDIRECTED = "redirected", "Redirected"
    SLOW = "slow", "Slow"
    FAILING = "failing", "Failing (not yet broken)"
    BROKEN = "broken", "Broken"


# Its own code: form fields replace the message of an "invalid" error with their generic one.
http_url_validator = URLValidator(
    schemes=["http", "https"],
    message="Enter a full web address starting with http:// or https://.",
    code="not_web_address",
)


class WebAddressFormField(forms.URLField):
    """A URL form field that takes the address as typed: Django's adds ``http://`` to an
    address without a scheme, silently; the editor is told instead (``http_url_validator``)."""

    default_validators = [http_url_validator]

    def to_python(self, value):
        return forms.CharField.to_python(self, value)


class WebAddressField(models.URLField):
    """A full ``http(s)://`` address, refused with a message otherwise (never rewritten)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [http_url_validator])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "form_class": WebAddressFormField})


def normalize_url(url):
    """The form of a URL used to compare links: scheme and host lower-cased, no fragment."""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def live_public_children(page, model):
    """Children of ``page`` of type ``model`` that readers may see (the public boundary)."""

    return public_pages(model.objects.child_of(page)).order_by("path")


class DirectoryIndexPage(HeadlessPreviewMixin, Page):
    """ "Links": the directory's root, listing the country guides."""

    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    settings_panels = newsroom_settings_panels()

    search_fields = Page.search_fields + [index.SearchField("intro")]

    api_fields = [
        APIField("intro", serializer=RichTextAPIField()),
        APIField("countries", serializer=CountryListField(source="api_countries")),
    ]

    @property
    def api_countries(self):
        pages = list(live_public_children(self, CountryPage).select_related("country"))
        # The guides below an edition's directory are in its language, as their countries.
        localise([page.country for page in pages], self.locale.language_code)
        return [page.api_summary() for page in pages]

    def get_teaser(self):
        return self.search_description

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.CountryPage"]
    max_count = 1

    class Meta:
        verbose_name = "link directory"


class CountryPage(HeadlessPreviewMixin, Page):
    """A country guide: overview, key facts and the country's categories of links."""

    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        related_name="directory_pages",
        help_text="The country this guide is about (its ISO code and region come from here).",
    )
    flag = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    overview = RichTextField(blank=True, features=[*RICH_TEXT_FEATURES, "h2", "h3"])
    capital = models.CharField(max_length=100, blank=True)
    population = models.PositiveBigIntegerField(null=True, blank=True)
    currency = models.CharField(max_length=100, blank=True, help_text="e.g. Bolívar (VES)")
    official_languages = models.CharField(max_length=255, blank=True, help_text="e.g. Spanish")
    time_zone = models.CharField(max_length=100, blank=True, help_text="e.g. UTC−04:00")
    calling_code = models.CharField(max_length=50, blank=True, help_text="e.g. +58")
    facts_source = models.CharField(
        max_length=255, blank=True, help_text="Where the facts come from, e.g. 'World Bank'."
    )
    facts_source_url = WebAddressField(blank=True)
    facts_as_of = models.PositiveSmallIntegerField(
        "facts as of (year)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )

    content_panels = Page.content_panels + [
        FieldPanel("country"),
        FieldPanel("flag"),
        FieldPanel("overview"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capital"), FieldPanel("population")]),
                FieldRowPanel([FieldPanel("currency"), FieldPanel("official_languages")]),
                FieldRowPanel([FieldPanel("time_zone"), FieldPanel("calling_code")]),
                FieldRowPanel(
                    [
                        FieldPanel("facts_source"),
                        FieldPanel("facts_source_url"),
                        FieldPanel("facts_as_of"),
                    ]
                ),
            ],
            heading="Facts",
        ),
    ]
    settings_panels = newsroom_settings_panels()

    search_fields = Page.search_fields + [
        index.SearchField("overview"),
        index.SearchField("capital"),
        index.FilterField("country"),
    ]

    api_fields = [
        APIField("country", serializer=CountrySummaryField()),
        APIField("flag", serializer=ImageAPIField()),
        APIField("overview", serializer=RichTextAPIField()),
        APIField("facts", serializer=CountryFactsField(source="*")),
        APIField("categories", serializer=CategoryListField(source="api_categories")),
    ]

    @property
    def api_categories(self):
        categories = getattr(self, "_api_categories", None)
        if categories is None:
            categories = [
                page.api_summary()
                for page in live_public_children(self, LinkCategoryPage).annotate(
                    link_count=Count("links")
                )
            ]
        return categories

    @classmethod
    def api_prefetch(cls, fields=None):
        return ["country", "flag"]

    @classmethod
    def api_after_prefetch(cls, pages, fields=None):
        """Every category of a batch of country pages, with link counts, in one query, and
        each guide's country named in the guide's language."""
        if not pages:
            return
        localise_in_pages(pages, lambda page: [page.country])
        by_parent = {page.path: [] for page in pages}
        paths = Q()
        for page in pages:
            paths |= Q(path__startswith=page.path, depth=page.depth + 1)

        categories = (
            public_pages(LinkCategoryPage.objects.all())
            .filter(paths)
            .annotate(link_count=Count("links"))
            .order_by("path")
        )
        for category in categories:
            by_parent[parent_path(category.path)].append(category.api_summary())
        for page in pages:
            page._api_categories = by_parent[page.path]

    def api_summary(self):
        """How the directory index and link search refer to a country guide."""
        return {
            "id": self.pk,
            "title": self.title,
            "name": self.country.name,
            "code": self.country.code,
            "region": self.country.region,
            "html_path": page_path(self),
        }

    def get_teaser(self):
        return self.search_description

    def clean(self):
        super().clean()
        if self.country_id:
            # One guide per country in each edition (its translations are the others').
            others = CountryPage.objects.filter(
                country_id=self.country_id, alias_of__isnull=True, locale_id=self.locale_id
            )
            if self.pk:
                others = others.exclude(pk=self.pk)
            if not self.alias_of_id and others.exists():
                raise ValidationError(
                    {"country": "This country already has a guide in the directory."}
                )

    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = ["directory.LinkCategoryPage"]

    class Meta:
        verbose_name = "country guide"


class LinkCategoryPageForm(WagtailAdminPageForm):
    """The category editor: reports a URL listed twice on the row that repeats it."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("links")
        if formset is None:
            return cleaned_data
        seen = {}
        position = 0
        for form in formset.forms:
            if not form.is_valid() or (
                formset.can_delete and form.cleaned_data.get(DELETION_FIELD_NAME, False)
            ):
                continue
            url = form.cleaned_data.get("url")
            if not url:
                continue
            position += 1
            key = normalize_url(url)
            if key in seen:
                form.add_error(
                    "url",
                    f"This URL is already listed in this category (link {seen[key]}). "
                    "Each link may appear only once per category.",
                )
            else:
                seen[key] = position
        return cleaned_data


class LinkCategoryPage(HeadlessPreviewMixin, Page):
    """A category of links for a country, e.g. "Embassies in Caracas"."""

    kind = models.CharField(
        max_length=32,
        choices=LinkKind.choices,
        default=LinkKind.OTHER,
        db_index=True,
        help_text="What kind of links these are; readers can filter the directory by kind.",
    )
    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        InlinePanel("links", label="Link", heading="Links"),
    ]
    settings_panels = newsroom_settings_panels()

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.FilterField("kind"),
        index.RelatedFields(
            "links",
            [
                index.SearchField("name"),
                index.SearchField("description"),
                index.SearchField("city"),
            ],
        ),
    ]

    api_fields = [
        APIField("kind"),
        APIField("kind_label"),
        APIField("intro", serializer=RichTextAPIField()),
        APIField("country", serializer=CountryRefField(source="api_country")),
        APIField("links", serializer=LinkListField(source="api_links")),
    ]

    base_form_class = LinkCategoryPageForm

    @property
    def kind_label(self):
        return self.get_kind_display()

    @property
    def api_country(self):
        if hasattr(self, "_api_country"):
            return self._api_country
        parent = (
            CountryPage.objects.filter(path=parent_path(self.path))
            .select_related("country", "locale")
            .first()
        )
        if parent is None:
            return None
        localise_in_pages([parent], lambda guide: [guide.country])
        return parent.api_summary()

    @property
    def api_links(self):
        links = related_objects(self, "links")
        health = getattr(self, "_api_health", None)
        if health is None:
            health = LinkHealth.objects.for_urls(link.url for link in links)
        return [link.api_representation(health.get(link.url)) for link in links]

    @classmethod
    def api_prefetch(cls, fields=None):
        return ["links"]

    @classmethod
    def api_after_prefetch(cls, pages, fields=None):
        """Health of every link and each category's country, in two queries per batch."""
        health = LinkHealth.objects.for_urls(
            link.url for page in pages for link in related_objects(page, "links")
        )
        parent_paths = {parent_path(page.path) for page in pages}
        guides = list(
            CountryPage.objects.filter(path__in=parent_paths).select_related("country", "locale")
        )
        localise_in_pages(guides, lambda guide: [guide.country])
        countries = {guide.path: guide.api_summary() for guide in guides}
        for page in pages:
            page._api_health = health
            page._api_country = countries.get(parent_path(page.path))

    def api_summary(self):
        summary = {
            "id": self.pk,
            "title": self.title,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "html_path": page_path(self),
        }
        if hasattr(self, "link_count"):
            summary["link_count"] = self.link_count
        return summary

    def get_teaser(self):
        return self.search_description

    parent_page_types = ["directory.CountryPage"]
    subpage_types = []

    class Meta:
        verbose_name = "link category"
        verbose_name_plural = "link categories"


class DirectoryLink(Orderable):
    """One link of a category, edited inline and ordered by the editor."""

    page = ParentalKey(LinkCategoryPage, on_delete=models.CASCADE, related_name="links")
    name = models.CharField(max_length=255)
    url = WebAddressField(
        "URL",
        max_length=1000,
        help_text="The full address, starting with http:// or https://.",
    )
    description = models.TextField(blank=True)
    city = models.CharField(max_length=100, blank=True)
    language = models.CharField(max_length=8, choices=LinkLanguage.choices, blank=True)
    phone = models.CharField(max_length=50, blank=True)
    address = models.TextField(blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("url")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("language"), FieldPanel("phone")]),
        FieldPanel("address"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "link"
        indexes = [models.Index(fields=["url"])]

    def __str__(self):
        return self.name

    def api_representation(self, health):
        return {
            "name": self.name,
            "url": self.url,
            "description": self.description,
            "city": self.city,
            "language": self.language,
            "phone": self.phone,
            "address": self.address,
            "health": LinkHealth.api_representation_for(health),
        }


class LinkHealthQuerySet(models.QuerySet):
    def for_urls(self, urls):
        """``{url: LinkHealth}`` for the given URLs, in one query."""
        urls = set(urls)
        if not urls:
            return {}
        return {health.url: health for health in self.filter(url__in=urls)}


class LinkHealth(models.Model):
    """What the link checker last saw at a URL, kept across page edits."""

    url = models.URLField("URL", max_length=1000, unique=True)
    state = models.CharField(
        max_length=16, choices=LinkState.choices, default=LinkState.UNCHECKED, db_index=True
    )
    state_since = models.DateTimeField(null=True, blank=True, help_text="When the state began.")
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField("final URL", max_length=2000, blank=True)
    response_time_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=255, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    first_failed_at = models.DateTimeField(null=True, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_ok_at = models.DateTimeField(null=True, blank=True)

    objects = LinkHealthQuerySet.as_manager()

    class Meta:
        verbose_name = "link health"
        verbose_name_plural = "link health"

    def __str__(self):
        return f"{self.url} ({self.state})"

    @property
    def is_broken(self):
        return self.state == LinkState.BROKEN

    def record(self, result, *, now, slow_ms, broken_after=timedelta(days=1)):
        """Update from one check. Broken only after failures spanning ``broken_after``."""
        self.last_checked_at = now
        self.status_code = result.status_code
        self.final_url = result.final_url or ""
        self.response_time_ms = result.elapsed_ms
        self.error = result.error[:255]
        if result.ok:
            self.consecutive_failures = 0
            self.first_failed_at = None
            self.last_ok_at = now
            if result.redirected and normalize_url(result.final_url) != normalize_url(self.url):
                state = LinkState.REDIRECTED
            elif result.elapsed_ms is not None and result.elapsed_ms > slow_ms:
                state = LinkState.SLOW
            else:
                state = LinkState.OK
        else:
            self.consecutive_failures += 1
            if self.first_failed_at is None:
                self.first_failed_at = now
            failing_for = now - self.first_failed_at
            if self.consecutive_failures >= 2 and failing_for >= broken_after:
                state = LinkState.BROKEN
            else:
                state = LinkState.FAILING
        if state != self.state or self.state_since is None:
            self.state = state
            self.state_since = now

    @staticmethod
    def api_representation_for(health):
        if health is None:
            return {
                "state": LinkState.UNCHECKED.value,
                "is_broken": False,
                "since": None,
                "status_code": None,
                "final_url": "",
                "response_time_ms": None,
                "consecutive_failures": 0,
                "first_failed_at": None,
                "last_checked_at": None,
            }
        return {
            "state": health.state,
            "is_broken": health.is_broken,
            "since": _iso(health.state_since),
            "status_code": health.status_code,
            "final_url": health.final_url,
            "response_time_ms": health.response_time_ms,
            "consecutive_failures": health.consecutive_failures,
            "first_failed_at": _iso(health.first_failed_at),
            "last_checked_at": _iso(health.last_checked_at),
        }


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None
