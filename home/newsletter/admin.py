"""The newsletter in the admin: subscribers (with their consent records), issues and deliveries."""

from django.db.models import Count, Q
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup

from home.newsletter.models import NewsletterDelivery, NewsletterIssue, Subscriber


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
