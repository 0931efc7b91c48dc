"""The admin form of a webhook subscription."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from cms.pinned_requests import RefusedURL
from cms.webhooks.events import WEBHOOK_EVENTS
from cms.webhooks.targets import check_on_save


class WebhookSubscriptionForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        choices=WEBHOOK_EVENTS,
        widget=forms.CheckboxSelectMultiple,
        help_text="Which events to send.",
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            check_on_save(url)
        except RefusedURL as e:
            raise forms.ValidationError(str(e)) from e
        return url
