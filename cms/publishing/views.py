"""Admin views of the home app."""

from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from cms.publishing import calendar
from cms.publishing.embargo import EmbargoError


class UpcomingPublicationsView(WagtailAdminTemplateMixin, TemplateView):
    """Go-lives, expiries and embargo lifts of the next two weeks, by local day."""

    page_title = "Upcoming publications"
    header_icon = "calendar-alt"
    template_name = "publishing/upcoming_publications.html"

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


class EmbargoAwareWorkflowActionView(WorkflowActionView):
    """Wagtail's workflow action view (dashboard "Approve", "Approve with comment"),
    refusing an approval that would publish an embargoed page with the embargo message.

    ``Task.on_action`` is atomic: when ``page.publish()`` raises ``EmbargoError`` at the
    end of the workflow, the approval is rolled back and the task stays in progress.
    A plain POST gets the message and a redirect back; the modal shows it above the
    form, with the moderator's comment kept.
    """

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except EmbargoError as refusal:
            return self.refuse(request, refusal)

    def refuse(self, request, refusal):
        message = f'"{get_latest_str(self.object)}" was not approved. {refusal}'
        is_modal = request.headers.get("x-requested-with") == "XMLHttpRequest"
        if is_modal and self.form_class:
            form = self.form_class(request.POST)
            form.is_valid()
            form.add_error(None, message)
            return self.render_modal_form(request, form)
        messages.error(request, message)
        if is_modal:
            return self.render_modal_json(
                request, {"step": "success", "redirect": self.redirect_url}
            )
        return redirect(self.redirect_url)


class EmbargoPageViewSet(PageViewSet):
    """The default page views, with ``EmbargoAwareWorkflowActionView`` for workflow actions
    (registered for each page type with ``EmbargoMixin`` in ``cms/publishing/wagtail_hooks.py``)."""

    workflow_action_view_class = EmbargoAwareWorkflowActionView

    @cached_property
    def parent_models(self):
        # Leave the explorer's listings of parent pages alone.
        return []
