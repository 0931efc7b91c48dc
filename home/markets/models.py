"""Markets box: instruments (commodities, currencies) and their timestamped quotes.

Quotes arrive by hand (admin), from files (``manage.py import_quotes``) or from
``MARKETS_PROVIDER_URL`` (an HTTP JSON provider or a ``file://`` CSV/JSON file),
imported by a scheduler job.
Imports are all-or-nothing: every row is checked first, bad rows are reported
with their line numbers and nothing is written unless every row is good.

The API payload (:func:`markets_payload`) gives, per active instrument, the
latest quote, the change against the previous close (the last quote of the
previous day that has quotes), 30 days of daily closes for a sparkline and a
stale flag.
"""

from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.coreutils import get_content_languages

from cms.delivery.labels import LabelTranslation

MARKETS_CACHE_KEY = "home.markets.payload"


def markets_cache_key(language):
    """The cached box of one edition: its labels are in that edition's language."""
    return f"{MARKETS_CACHE_KEY}:{language}"


class Instrument(ClusterableModel):
    """Something the markets box quotes: a commodity price or an exchange rate."""

    class Kind(models.TextChoices):
        COMMODITY = "commodity", "Commodity"
        CURRENCY = "currency", "Currency"

    name = models.CharField(max_length=100, help_text="As shown to readers, e.g. 'Crude Oil'.")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    symbol = models.CharField(
        max_length=20,
        unique=True,
        help_text="Stable code used by imports, e.g. 'WTI' or 'GBP'.",
    )
    unit = models.CharField(
        max_length=50, blank=True, help_text="e.g. 'barrel', 'gallon', 'MMBtu'; empty for rates."
    )
    quote_convention = models.CharField(
        max_length=50, help_text="How to read the value, e.g. 'USD per barrel' or 'units per USD'."
    )
    decimal_places = models.PositiveSmallIntegerField(
        default=2, help_text="Digits after the decimal point readers see."
    )
    display_order = models.PositiveIntegerField(default=0, db_index=True)
    active = models.BooleanField(default=True, help_text="Unticked instruments are not shown.")

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("symbol")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("display_order")]),
        FieldRowPanel(
            [FieldPanel("unit"), FieldPanel("quote_convention"), FieldPanel("decimal_places")]
        ),
        FieldPanel("active"),
        InlinePanel("translations", heading="Translations", label="Language"),
    ]

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self):
        return f"{self.name} ({self.symbol})"

    def save(self, *args, **kwargs):
        self.symbol = self.symbol.strip().upper()
        super().save(*args, **kwargs)


class InstrumentTranslation(LabelTranslation):
    """What the markets box of another edition shows of an instrument."""

    translated_fields = ("name", "unit", "quote_convention")

    instrument = ParentalKey(Instrument, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=100, blank=True, help_text="e.g. 'Petróleo crudo'.")
    unit = models.CharField(max_length=50, blank=True, help_text="e.g. 'barril'.")
    quote_convention = models.CharField(
        max_length=50, blank=True, help_text="e.g. 'USD por barril'."
    )

    panels = [
        FieldPanel("language"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("unit"), FieldPanel("quote_convention")]),
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "language"], name="unique_instrument_language"
            )
        ]


class Quote(models.Model):
    """The value of an instrument at a moment."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="quotes")
    value = models.DecimalField(max_digits=20, decimal_places=6)
    source = models.CharField(
        max_length=100,
        blank=True,
        default="manual",
        help_text="Where the value came from, e.g. 'manual', 'EIA'.",
    )
    as_of = models.DateTimeField("as of", help_text="When the value was quoted.")
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("instrument"),
        FieldRowPanel([FieldPanel("value"), FieldPanel("as_of")]),
        FieldPanel("source"),
    ]

    class Meta:
        ordering = ["-as_of"]
        get_latest_by = "as_of"
        constraints = [
            models.UniqueConstraint(fields=["instrument", "as_of"], name="unique_quote_per_time"),
            models.CheckConstraint(condition=models.Q(value__gt=0), name="quote_value_positive"),
        ]
        indexes = [models.Index(fields=["instrument", "-as_of"], name="quote_instrument_asof")]

    def __str__(self):
        return f"{self.instrument.symbol} {self.value} @ {self.as_of:%Y-%m-%d %H:%M}"


def invalidate_markets_cache(**kwargs):
    cache.delete_many([markets_cache_key(code) for code in get_content_languages()])


for _model in (Instrument, InstrumentTranslation, Quote):
    # Manual entries and edits in the admin show up at once.
    post_save.connect(invalidate_markets_cache, sender=_model, dispatch_uid=f"markets-{_model}")
    post_delete.connect(invalidate_markets_cache, sender=_model, dispatch_uid=f"markets-d-{_model}")
