"""The schedule dialog's fields, with the newsroom's time zone next to each."""

from django.conf import settings
from wagtail.admin.panels import PublishingPanel

from cms.publishing.newsroom_time import zone_label


def zone_help() -> str:
    """``Caracas time (America/Caracas)``: what every schedule field is entered in."""
    return f"{zone_label()} ({settings.TIME_ZONE})"


class NewsroomPublishingPanel(PublishingPanel):
    """Wagtail's Status → Set schedule fields (go-live, expiry), each saying its time zone."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for child in self.children:
            child.help_text = child.help_text or zone_help()
