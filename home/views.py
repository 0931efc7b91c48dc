"""Admin views of the home app."""

from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home import calendar


class UpcomingPublicationsView(WagtailAdminTemplateMixin, TemplateView):
    """Go-lives, expiries and embargo lifts of the next two weeks, by local day."""

    page_title = "Upcoming publications"
    header_icon = "calendar-alt"
    template_name = "home/admin/upcoming_publications.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = calendar.upcoming()
        for entry in entries:
            entry.local_at = timezone.localtime(entry.at)
            entry.local_embargo = (
                timezone.localtime(entry.embargo_until) if entry.embargo_until else None
            )
        context.update(
            days=calendar.by_local_day(entries),
            days_ahead=calendar.DEFAULT_DAYS,
            time_zone=timezone.get_current_timezone_name(),
        )
        return context
