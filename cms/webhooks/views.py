"""Rotating a subscription's secret from the admin: the API's rotation, behind a confirmation,
with the grace period told in newsroom time."""

from datetime import timedelta

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.views.generic.base import BaseOperationView, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import EditView

from cms.webhooks.conf import settings


class RotateSecretView(PermissionCheckedMixin, WagtailAdminTemplateMixin, BaseOperationView):
    """GET asks for confirmation; POST makes a new secret, the old one signing for the grace."""

    permission_required = "change"
    template_name = "webhooks/rotate_secret.html"
    page_title = "Rotate signing secret"
    header_icon = "key"
    edit_url_name = None
    rotate_url_name = None

    def get_page_subtitle(self) -> str:
        return str(self.object)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            grace_hours=settings.WEBHOOK_SECRET_GRACE_HOURS,
            rotate_url=reverse(self.rotate_url_name, args=[quote(self.object.pk)]),
            edit_url=self.get_success_url(),
            **kwargs,
        )

    def perform_operation(self) -> None:
        self.object.rotate_secret(timedelta(hours=settings.WEBHOOK_SECRET_GRACE_HOURS))

    def get_success_message(self) -> str:
        until = timezone.localtime(self.object.previous_secret_expires_at)
        return (
            f"New signing secret made for {self.object}. The previous one keeps signing "
            f"deliveries until {until:%d %b %Y %H:%M} ({until.tzname()}): give the receiver "
            "the new secret before then."
        )

    def get_success_url(self) -> str:
        return self.next_url or reverse(self.edit_url_name, args=[quote(self.object.pk)])


class SubscriptionEditView(EditView):
    """The edit view with a "Rotate secret" item in its header's "…" menu."""

    rotate_url_name = None

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.user_has_permission_for_instance("change", self.object):
            url = reverse(self.rotate_url_name, args=[quote(self.object.pk)])
            buttons.append(Button("Rotate secret", url=url, icon_name="key", priority=15))
        return buttons
