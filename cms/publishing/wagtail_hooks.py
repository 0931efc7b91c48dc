"""Publishing in the admin: the editorial calendar, embargo-aware publishing and autosave."""

from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page, PageLogEntry, get_page_models

from cms.delivery.extensions import API_V3_ROUTERS
from cms.publishing.api import calendar_router
from cms.publishing.embargo import (
    EmbargoAwarePublishPageRevisionAction,
    EmbargoMixin,
    publish_refusal,
)
from cms.publishing.reschedule import move_schedule_view
from cms.publishing.upcoming_publications import UpcomingPublicationsView
from cms.publishing.views import NewsroomPageViewSet
from cms.publishing.withdraw import withdraw_view
from cms.wagtail_internals.tree import parent_path_expression


@hooks.register(API_V3_ROUTERS)
def calendar_api():
    return [("/calendar/", calendar_router)]


@hooks.register("insert_global_admin_js")
def save_after_autosave():
    # Editor buttons wait for an autosave on its way (see the script): every admin page,
    # as snippets with revisions autosave like pages.
    return format_html(
        '<script src="{}"></script>', static("publishing/admin/save-after-autosave.js")
    )


# The schedule dialog's date pickers open under their field, never over "Save schedule", and
# the error banner leads into the dialog (see the script): every editor of a page or snippet.
@hooks.register("insert_editor_js")
def schedule_dialog_js():
    return format_html('<script src="{}"></script>', static("publishing/admin/schedule-dialog.js"))


# A form that cannot be saved (any lock: another user's, a workflow task's) takes no typing.
@hooks.register("insert_editor_js")
def read_only_when_locked_js():
    return format_html(
        '<script src="{}"></script>', static("publishing/admin/read-only-when-locked.js")
    )


@hooks.register("insert_editor_css")
def schedule_dialog_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("publishing/admin/schedule-dialog.css")
    )


# API v3's publish action refuses embargoed pages like page.publish() does.
@hooks.register("register_actions")
def register_embargo_aware_publish(registry):
    registry.register(Page, EmbargoAwarePublishPageRevisionAction)


@hooks.register("register_admin_urls")
def upcoming_publications_urls():
    return [
        path(
            "upcoming-publications/",
            UpcomingPublicationsView.as_view(),
            name="upcoming_publications",
        ),
        path(
            "pages/<int:page_id>/move-schedule/",
            move_schedule_view,
            name="publishing_move_schedule",
        ),
        path(
            "pages/<int:page_id>/cancel-schedule/",
            withdraw_view,
            name="publishing_cancel_schedule",
        ),
    ]


@hooks.register("register_admin_menu_item")
def upcoming_publications_menu_item():
    return MenuItem(
        "Upcoming publications",
        reverse("upcoming_publications"),
        icon_name="calendar-alt",
        order=250,
    )


# The explorer's bulk "Publish" refuses embargoed pages with a message
# (page.publish() would raise EmbargoError in the middle of the action).
@hooks.register("before_bulk_action")
def refuse_embargoed_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    pages = []
    for page in objects:
        pages.append(page.specific)
        pages += list(page.get_descendants().not_live().specific())
    refused = []
    for page in pages:
        if not isinstance(page, EmbargoMixin):
            continue
        revision = page.get_latest_revision()
        candidate = revision.as_object() if revision else page
        refusal = publish_refusal(candidate, also=page.embargo_until)
        if refusal is not None:
            refused.append(f'"{page.title}": {refusal}')
    if not refused:
        return None
    messages.error(request, "Nothing was published. " + " ".join(refused))
    return redirect(action_class_instance.next_url)


# Every page type's Publish, Approve, Reject and Unschedule say their outcome in newsroom
# time, and a moderator's approval outside the edit form (dashboard "Approve", "Approve with
# comment") of an embargoed page is refused with the embargo message. Registered first, so a
# page type's own viewset (a subclass of NewsroomPageViewSet, e.g. the front page's) wins.
@hooks.register("register_admin_viewset", order=-1)
def register_newsroom_page_viewsets():
    return [
        NewsroomPageViewSet(
            f"newsroom_{model._meta.app_label}_{model._meta.model_name}", model=model
        )
        for model in get_page_models()
        if model is not Page
    ]


# The page chooser shows each page's status (scheduled, in moderation), its admin title (an
# embargo flag on stories) and its parent's id: read for the whole listing, not page by page
# (the parent through the path index; templates/wagtailadmin/chooser/tables/).
@hooks.register("construct_page_chooser_queryset")
def chooser_reads_states_in_bulk(pages, request):
    parent = Page.objects.filter(path=parent_path_expression(OuterRef("path"))).values("pk")[:1]
    return (
        pages.annotate_approved_schedule()
        .prefetch_workflow_states()
        .annotate(chooser_parent_id=Subquery(parent))
        .specific()
    )


# Autosave rewrites one revision while the editor types (Wagtail's ``overwrite_revision``) but
# logs an edit each time: the history keeps the latest entry for that revision.
@hooks.register("after_edit_page")
def coalesce_autosave_history(request, page):
    overwritten = request.POST.get("overwrite_revision_id", "")
    if request.method != "POST" or not overwritten.isdigit():
        return None
    entries = PageLogEntry.objects.filter(
        page=page, action="wagtail.edit", revision_id=int(overwritten), user=request.user
    ).order_by("-timestamp", "-pk")
    PageLogEntry.objects.filter(pk__in=list(entries.values_list("pk", flat=True)[1:])).delete()
    return None
