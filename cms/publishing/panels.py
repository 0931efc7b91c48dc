"""The schedule dialog's fields, with the newsroom's time zone next to each."""

from django.conf import settings
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, PublishingPanel
from wagtail.models import Page

from cms.publishing.newsroom_time import newsroom_zone, zone_label


def zone_help() -> str:
    """``Caracas time (UTC−04:00, America/Caracas)``: what every schedule field is entered
    in, with the zone's offset today (it changes with daylight saving time where there is
    one)."""
    offset = timezone.localtime(timezone.now(), newsroom_zone()).strftime("%z")
    sign = "−" if offset.startswith("-") else "+"
    return f"{zone_label()} (UTC{sign}{offset[1:3]}:{offset[3:]}, {settings.TIME_ZONE})"


class NewsroomTimeFieldPanel(FieldPanel):
    """A date/time field that says which time zone it is entered in, as of the request."""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.help_text = zone_help()


class NewsroomPublishingPanel(PublishingPanel):
    """Wagtail's Status → Set schedule fields (go-live, expiry), each saying its time zone."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.children = [
            NewsroomTimeFieldPanel(child.field_name, widget=child.widget) for child in self.children
        ]


def newsroom_settings_panels() -> list:
    """Wagtail's page settings panels (the schedule dialog, comments) with the newsroom's
    schedule fields: a page type's ``settings_panels``."""
    return [NewsroomPublishingPanel(), *Page.settings_panels[1:]]
