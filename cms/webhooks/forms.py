"""The admin form of a webhook subscription."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from cms.webhooks.events import WEBHOOK_EVENTS


class WebhookSubscriptionForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        choices=WEBHOOK_EVENTS,
        widget=forms.CheckboxSelectMultiple,
        help_text="Which events to send.",
    )
