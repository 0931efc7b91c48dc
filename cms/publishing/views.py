"""The page views of publishing: they say when a story goes live (outcome messages,
schedules kept editable, embargoes refused with their message)."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from wagtail.admin import messages
from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.ui.side_panels import PageStatusSidePanel
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.revisions import RevisionsUnscheduleView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from cms.publishing.embargo import EmbargoError
from cms.publishing.newsroom_time import newsroom_time
from cms.publishing.outcomes import publication_outcome, rejection_outcome, unschedule_outcome
from cms.publishing.side_panels import NewsroomStatusSidePanel


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
            response = super().post(request, *args, **kwargs)
        except EmbargoError as refusal:
            return self.refuse(request, refusal)
        self.task_state.refresh_from_db()
        if self.task_state.status == self.task_state.STATUS_APPROVED:
            messages.success(request, publication_outcome(self.object))
        elif self.task_state.status == self.task_state.STATUS_REJECTED:
            messages.success(request, rejection_outcome(self.object))
        return response

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


class NewsroomEditView(EditView):
    """Wagtail's page editor that says what Publish and Approve/Reject did, in newsroom time,
    and, on a story approved for a later go-live, what saving now does (with a one-click
    "Cancel schedule" for those who may)."""

    def get_side_panels(self):
        # The status panel says when the approved version goes live, with its actions.
        return MediaContainer(
            [
                NewsroomStatusSidePanel(
                    self.page,
                    self.request,
                    show_schedule_publishing_toggle=panel.show_schedule_publishing_toggle,
                    live_object=panel.live_object,
                    scheduled_object=panel.scheduled_object,
                    locale=panel.locale,
                    translations=panel.translations,
                    parent_page=panel.parent_page,
                )
                if isinstance(panel, PageStatusSidePanel)
                else panel
                for panel in super().get_side_panels()
            ]
        )

    def get(self, request, *args, **kwargs):
        self.explain_schedule()
        return super().get(request, *args, **kwargs)

    def explain_schedule(self):
        revision = self.scheduled_revision
        if revision is None or revision.approved_go_live_at <= timezone.now():
            return
        message = (
            f"Approved to go live on {newsroom_time(revision.approved_go_live_at)}. "
            "You can keep editing: what you save is a draft, the approved version still goes "
            "live then, and your changes wait for the desk's approval."
        )
        if not self.page_perms.can_unschedule():
            messages.info(self.request, message)
            return
        url = reverse("wagtailadmin_pages:revisions_unschedule", args=[self.page.pk, revision.pk])
        messages.info(
            self.request,
            format_html(
                '{} <span class="buttons"><button type="button" class="button button-small '
                'button-secondary" data-controller="w-action" data-action="w-action#post" '
                'data-w-action-url-value="{}?next={}">Cancel schedule</button></span>',
                message,
                url,
                self.get_edit_url(),
            ),
        )

    def publish_action(self):
        response = super().publish_action()
        if response.status_code == 302:
            messages.success(self.request, publication_outcome(self.page))
        return response

    def perform_workflow_action(self):
        response = super().perform_workflow_action()
        if response.status_code == 302 and self.workflow_action == "approve":
            messages.success(self.request, publication_outcome(self.page))
        elif response.status_code == 302 and self.workflow_action == "reject":
            messages.success(self.request, rejection_outcome(self.page))
        return response


class NewsroomUnscheduleView(RevisionsUnscheduleView):
    """Wagtail's "Cancel scheduled publish", saying which go-live (newsroom time) was dropped."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.go_live_at = self.revision.approved_go_live_at

    def get_success_message(self):
        return unschedule_outcome(self.object, self.go_live_at)


class NewsroomPageViewSet(PageViewSet):
    """The default page views, with ``EmbargoAwareWorkflowActionView`` for workflow actions,
    and the newsroom's editor and unschedule views: every step says its outcome in newsroom
    time (registered for each page type in ``cms/publishing/wagtail_hooks.py``)."""

    workflow_action_view_class = EmbargoAwareWorkflowActionView
    edit_view_class = NewsroomEditView
    revisions_unschedule_view_class = NewsroomUnscheduleView

    @cached_property
    def parent_models(self):
        # Leave the explorer's listings of parent pages alone.
        return []
