"""Admin for the site furniture (wagtail-modeladmin), registered in ``home/wagtail_hooks.py``.

Markets: instruments and quotes (list, filters, manual entry). Newsletter:
subscribers (filters, CSV/XLSX export of the consent records), issues and
deliveries (read-only: they are written by ``send_daily_headlines``).
Cartoons are a snippet; site furniture is under Settings.
"""

from django.db.models import Count, OuterRef, Q, Subquery
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup

from home.markets import Instrument, Quote
from home.newsletter import NewsletterDelivery, NewsletterIssue, Subscriber


class ReadOnlyPermissionHelper(PermissionHelper):
    """Records the system writes: editors may look, not change."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class SubscriberPermissionHelper(PermissionHelper):
    """Subscribers come only through the double opt-in: never typed in or confirmed by hand.
    Deleting one erases the address and its consent record (a reader's request)."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False


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


class MarketsAdminGroup(ModelAdminGroup):
    menu_label = "Markets"
    menu_icon = "table"
    menu_order = 300
    items = (InstrumentAdmin, QuoteAdmin)


class SubscriberAdmin(ModelAdmin):
    model = Subscriber
    menu_icon = "user"
    menu_order = 100
    permission_helper_class = SubscriberPermissionHelper
    inspect_view_enabled = True
    list_display = ("email", "status", "consent_at", "consent_text_version", "confirmed_at")
    list_filter = ("status", "consent_text_version", "created_at", "confirmed_at")
    search_fields = ("email",)
    list_export = (
        "email",
        "status",
        "created_at",
        "consent_at",
        "consent_ip",
        "consent_user_agent",
        "consent_text_version",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
    )
    export_filename = "newsletter-subscribers"


class NewsletterIssueAdmin(ModelAdmin):
    model = NewsletterIssue
    menu_label = "Daily headlines"
    menu_icon = "doc-full"
    menu_order = 200
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    inspect_view_fields = ["date", "subject", "status", "created_at", "finished_at"]
    list_display = ("date", "subject", "status", "sent_count", "pending_count", "finished_at")
    list_filter = ("status",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent=Count("deliveries", filter=Q(deliveries__status="sent")),
                pending=Count("deliveries", filter=~Q(deliveries__status__in=["sent", "skipped"])),
            )
        )

    def sent_count(self, obj):
        return obj.sent

    sent_count.short_description = "Sent"

    def pending_count(self, obj):
        return obj.pending

    pending_count.short_description = "Not sent (yet)"


class NewsletterDeliveryAdmin(ModelAdmin):
    model = NewsletterDelivery
    menu_label = "Deliveries"
    menu_icon = "mail"
    menu_order = 300
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = ("issue", "subscriber", "status", "attempts", "sent_at", "error")
    list_filter = ("status", "issue")
    list_select_related = ("issue", "subscriber")
    search_fields = ("subscriber__email",)
    list_per_page = 100


class NewsletterAdminGroup(ModelAdminGroup):
    menu_label = "Newsletter"
    menu_icon = "mail"
    menu_order = 310
    items = (SubscriberAdmin, NewsletterIssueAdmin, NewsletterDeliveryAdmin)
