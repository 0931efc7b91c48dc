"""Markets in the admin: instruments and quotes (list, filters, manual entry)."""

from django.db.models import OuterRef, Subquery
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup

from home.markets.imports import EARLIEST_AS_OF
from home.markets.models import Instrument, Quote


class InstrumentAdmin(ModelAdmin):
    model = Instrument
    menu_icon = "table"
    menu_order = 100
    list_display = ("name", "symbol", "kind", "quote_convention", "latest_value", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "symbol")
    ordering = ("display_order", "name")

    def get_queryset(self, request):
        latest = Quote.objects.filter(instrument=OuterRef("pk")).order_by("-as_of")
        return (
            super()
            .get_queryset(request)
            .annotate(
                latest_value=Subquery(latest.values("value")[:1]),
                latest_as_of=Subquery(latest.values("as_of")[:1]),
            )
        )

    def latest_value(self, obj):
        if obj.latest_value is None:
            return "-"
        return f"{obj.latest_value:.{obj.decimal_places}f} ({obj.latest_as_of:%Y-%m-%d %H:%M})"

    latest_value.short_description = "Latest quote"


class QuoteAdmin(ModelAdmin):
    model = Quote
    menu_icon = "list-ol"
    menu_order = 200
    list_display = ("instrument", "value", "as_of", "source")
    list_filter = ("instrument", "source", "as_of")
    list_select_related = ("instrument",)
    search_fields = ("instrument__name", "instrument__symbol", "source")
    ordering = ("-as_of",)
    list_per_page = 50

    def get_queryset(self, request):
        # A time before EARLIEST_AS_OF may be a BC time in UTC (stored before imports checked
        # the window), which Python cannot load: the list would fail for every quote. It is
        # kept in the database, not listed.
        return super().get_queryset(request).filter(as_of__gte=EARLIEST_AS_OF)


class MarketsAdminGroup(ModelAdminGroup):
    menu_label = "Markets"
    menu_icon = "table"
    menu_order = 300
    items = (InstrumentAdmin, QuoteAdmin)
