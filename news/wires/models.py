"""The desk's records: wire items (one per agency + guid, at their newest version), every
version received, and the mapping rules editors keep."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.pinned_requests import RefusedURL
from news.models import ArticlePage, SectionPage, WireSource
from news.wires.feed_urls import check_on_save


class WireItem(models.Model):
    """An agency's item as it stands now (its newest version), and the story it became."""

    class State(models.TextChoices):
        NEW = "new", "New"
        TAKEN = "taken", "Taken"
        UPDATED = "updated", "Updated (wire update waiting)"
        KILLED = "killed", "Killed"

    agency = models.SlugField(max_length=100, help_text="The sending agency, e.g. efe.")
    guid = models.CharField(max_length=255)
    version = models.PositiveBigIntegerField(default=1)
    format = models.CharField(max_length=20)
    status = models.CharField(
        max_length=20, default="usable", help_text="usable, canceled (killed) or withheld."
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.NEW)
    headline = models.CharField(max_length=500)
    deck = models.TextField(blank=True)
    dateline = models.CharField(max_length=255, blank=True)
    located = models.CharField(max_length=255, blank=True)
    byline = models.CharField(max_length=255, blank=True)
    creditline = models.CharField(max_length=255, blank=True)
    body = models.TextField(blank=True, help_text="HTML, already cleaned to the body's rules.")
    language = models.CharField(max_length=20, blank=True)
    urgency = models.PositiveSmallIntegerField(null=True, blank=True)
    embargo_until = models.DateTimeField(null=True, blank=True)
    version_created_at = models.DateTimeField(null=True, blank=True)
    subjects = models.JSONField(default=list, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    subject_index = models.TextField(
        blank=True, editable=False, help_text="' code code ': the subject filter's index."
    )
    pictures = models.JSONField(default=list, blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)
    story = models.ForeignKey(
        ArticlePage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wire_items",
        help_text="The story taken from this item.",
    )
    story_version = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The item version the story holds."
    )
    story_revision_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The revision the desk wrote last (untouched drafts)."
    )
    pending_changes = models.JSONField(
        default=dict,
        blank=True,
        help_text="A wire update the editor has not applied: field → new value.",
    )

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "guid"], name="wires_item_agency_guid")
        ]
        indexes = [
            models.Index(fields=["state", "-updated_at"], name="wires_item_state_updated"),
            models.Index(fields=["agency", "-updated_at"], name="wires_item_agency_updated"),
        ]

    def __str__(self):
        return f"{self.agency}: {self.headline}"

    def save(self, *args, **kwargs):
        self.index_subjects()
        if kwargs.get("update_fields") is not None and "subjects" in kwargs["update_fields"]:
            kwargs["update_fields"] = [*kwargs["update_fields"], "subject_index"]
        super().save(*args, **kwargs)

    def index_subjects(self) -> None:
        """Fill the subject filter's index (bulk writes skip ``save``: they call this)."""
        codes = " ".join(code.lower() for code in self.subject_codes if code)
        self.subject_index = f" {codes} " if codes else ""

    @property
    def is_killed(self) -> bool:
        return self.state == self.State.KILLED

    @property
    def subject_codes(self) -> list[str]:
        return [subject.get("code", "") for subject in self.subjects]


class WireItemVersion(models.Model):
    """One version as received: what the agency sent, kept whole (nothing is lost)."""

    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveBigIntegerField()
    status = models.CharField(max_length=20)
    headline = models.CharField(max_length=500)
    received_at = models.DateTimeField(default=timezone.now)
    superseded = models.BooleanField(
        default=False, help_text="Arrived after a newer version: kept, never applied."
    )
    data = models.JSONField(help_text="The parsed item.")
    source_name = models.CharField(max_length=255, blank=True, help_text="File name or feed.")

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="wires_version_item_version")
        ]

    def __str__(self):
        return f"{self.item_id} v{self.version}"


class WireRule(ClusterableModel):
    """Mapping an agency's items to a section, tags, countries, source and byline; and
    whether matching items become drafts by themselves (or even stories, if said so)."""

    name = models.CharField(max_length=255)
    priority = models.PositiveSmallIntegerField(
        default=100, help_text="Lower first: the first matching rule picks the section."
    )
    enabled = models.BooleanField(default=True)
    agency = models.SlugField(max_length=100, blank=True, help_text="Empty: every agency.")
    language = models.CharField(max_length=20, blank=True, help_text="Empty: every language.")
    subject_codes = models.TextField(
        blank=True,
        help_text="IPTC Media Topic codes, one per line or comma-separated (medtop:11000000); "
        "a code matches its narrower topics too.",
    )
    keywords = models.TextField(
        blank=True, help_text="Words matched against the item's keywords and headline."
    )
    section = models.ForeignKey(
        SectionPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = models.CharField(max_length=500, blank=True, help_text="Comma-separated tags to add.")
    countries = ParentalManyToManyField("countries.Country", blank=True, related_name="+")
    source = models.ForeignKey(
        WireSource,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The wire source stories from these items name.",
    )
    byline = models.CharField(
        max_length=255, blank=True, help_text="Byline when the item has none, e.g. 'EFE staff'."
    )
    auto_create_draft = models.BooleanField(
        default=False, help_text="Matching new items become draft stories in the section."
    )
    auto_publish = models.BooleanField(
        default=False,
        help_text="Publish those stories at once (embargoes still hold). "
        "Needs an agency and a section.",
    )
    unpublish_on_kill = models.BooleanField(
        default=False, help_text="A kill of a matching item unpublishes the story made from it."
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("priority"), FieldPanel("enabled")]),
        MultiFieldPanel(
            [
                FieldPanel("agency"),
                FieldPanel("language"),
                FieldPanel("subject_codes"),
                FieldPanel("keywords"),
            ],
            heading="Items it matches",
        ),
        MultiFieldPanel(
            [
                FieldPanel("section"),
                FieldPanel("tags"),
                FieldPanel("countries"),
                FieldPanel("source"),
                FieldPanel("byline"),
            ],
            heading="What it sets",
        ),
        MultiFieldPanel(
            [
                FieldPanel("auto_create_draft"),
                FieldPanel("auto_publish"),
                FieldPanel("unpublish_on_kill"),
            ],
            heading="Automation",
        ),
    ]

    class Meta:
        ordering = ["priority", "pk"]
        verbose_name = "wire rule"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.auto_publish and not (self.agency and self.section_id):
            raise ValidationError(
                {"auto_publish": "Publishing by rule needs both an agency and a section."}
            )
        if (self.auto_create_draft or self.auto_publish) and not self.section_id:
            raise ValidationError({"section": "Drafts made by a rule need a section."})

    @property
    def codes(self) -> list[str]:
        return [code for code in re.split(r"[\s,]+", self.subject_codes) if code]

    @property
    def words(self) -> list[str]:
        return [word.strip().lower() for word in re.split(r"[\n,]+", self.keywords) if word.strip()]

    @property
    def tag_names(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class WireFeed(models.Model):
    """An agency feed the desk polls: any format the desk reads, over HTTP(S)."""

    name = models.SlugField(
        max_length=100,
        unique=True,
        help_text="Names the feed's credentials in the WIRE_FEED_CREDENTIALS setting.",
    )
    agency = models.SlugField(max_length=100, help_text="The agency its items belong to.")
    url = models.URLField(max_length=1000)
    every = models.PositiveIntegerField(default=60, help_text="Seconds between polls.")
    enabled = models.BooleanField(default=True)
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_poll_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_result = models.CharField(max_length=1000, blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("agency")]),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("every"), FieldPanel("enabled")]),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "wire feed"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        try:
            check_on_save(self.url)
        except RefusedURL as e:
            raise ValidationError({"url": str(e)}) from e
