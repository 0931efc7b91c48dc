"""The "Upcoming publications" admin page: the editorial calendar of the next two weeks."""

from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.publishing import calendar
from cms.publishing.newsroom_time import zone_label


class UpcomingPublicationsView(WagtailAdminTemplateMixin, TemplateView):
    """Go-lives, expiries and embargo lifts of the next two weeks, by local day."""

    page_title = "Upcoming publications"
    header_icon = "calendar-alt"
    template_name = "publishing/upcoming_publications.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        proposed = calendar.awaiting_approval(now)
        scheduled = calendar.upcoming(now)
        for entry in scheduled:
            entry.state = entry_state(entry, now)
        for entry in proposed:
            entry.state = "awaiting approval"
        entries = sorted(scheduled + proposed, key=lambda entry: (entry.at, entry.page.pk))
        for entry in entries:
            entry.local_at = timezone.localtime(entry.at)
            entry.local_embargo = (
                timezone.localtime(entry.embargo_until) if entry.embargo_until else None
            )
        context.update(
            days=calendar.by_local_day(entries),
            days_ahead=calendar.DEFAULT_DAYS,
            time_zone=timezone.get_current_timezone_name(),
            zone_label=zone_label(),
        )
        return context


def entry_state(entry, now):
    """What the desk reads in the Status column: scheduled, embargoed or live."""
    if entry.kind == calendar.EMBARGO_LIFT:
        return "embargoed"
    if entry.kind == calendar.EXPIRY and entry.page.live:
        return "live"
    if entry.embargo_until and entry.embargo_until > now:
        return "scheduled, embargoed"
    return "scheduled"
