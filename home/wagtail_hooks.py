from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from home.rich_text import FrontendPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def frontend_page_links(features):
    # Runs after Wagtail's own registration, replacing the "page" link type.
    features.register_link_type(FrontendPageLinkHandler)


@hooks.register("insert_global_admin_js")
def save_after_autosave():
    # Editor buttons wait for an autosave on its way (see the script): every admin page,
    # as snippets with revisions autosave like pages.
    return format_html('<script src="{}"></script>', static("home/admin/save-after-autosave.js"))


# Site furniture admin: markets and newsletter (wagtail-modeladmin).
from wagtail_modeladmin.options import modeladmin_register  # noqa: E402

from home.furniture_admin import MarketsAdminGroup, NewsletterAdminGroup  # noqa: E402

modeladmin_register(MarketsAdminGroup)
modeladmin_register(NewsletterAdminGroup)


# Scheduling: API v3's publish action refuses embargoed pages like page.publish() does.
@hooks.register("register_actions")
def register_embargo_aware_publish(registry):
    from wagtail.models import Page

    from home.embargo import EmbargoAwarePublishPageRevisionAction

    registry.register(Page, EmbargoAwarePublishPageRevisionAction)


# Scheduling: the editorial calendar ("Upcoming publications").
from django.urls import path, reverse  # noqa: E402
from wagtail.admin.menu import MenuItem  # noqa: E402

from home.views import UpcomingPublicationsView  # noqa: E402


@hooks.register("register_admin_urls")
def upcoming_publications_urls():
    return [
        path(
            "upcoming-publications/",
            UpcomingPublicationsView.as_view(),
            name="upcoming_publications",
        )
    ]


@hooks.register("register_admin_menu_item")
def upcoming_publications_menu_item():
    return MenuItem(
        "Upcoming publications",
        reverse("upcoming_publications"),
        icon_name="calendar-alt",
        order=250,
    )


# Scheduling: webhook subscriptions (Settings → Webhooks; administrators only by default).
from wagtail.admin.panels import FieldPanel  # noqa: E402
from wagtail.snippets.models import register_snippet  # noqa: E402
from wagtail.snippets.views.snippets import SnippetViewSet  # noqa: E402

from home.scheduling_models import WebhookSubscription  # noqa: E402


class WebhookSubscriptionViewSet(SnippetViewSet):
    model = WebhookSubscription
    icon = "link-external"
    menu_label = "Webhooks"
    add_to_settings_menu = True
    list_display = ["url", "description", "events", "active"]
    panels = [
        FieldPanel("url"),
        FieldPanel("description"),
        FieldPanel("events"),
        FieldPanel("active"),
        FieldPanel("secret", read_only=True),
    ]


register_snippet(WebhookSubscriptionViewSet)


# Scheduling: the explorer's bulk "Publish" refuses embargoed pages with a message
# (page.publish() would raise EmbargoError in the middle of the action).
@hooks.register("before_bulk_action")
def refuse_embargoed_bulk_publish(request, action_type, objects, action_class_instance):
    from django.contrib import messages
    from django.shortcuts import redirect

    from home.embargo import EmbargoMixin, publish_refusal

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


# Scheduling: a moderator's approval outside the edit form (dashboard "Approve",
# "Approve with comment") of an embargoed page is refused with the embargo message.
@hooks.register("register_admin_viewset")
def register_embargo_page_viewsets():
    from wagtail.models import get_page_models

    from home.embargo import EmbargoMixin
    from home.views import EmbargoPageViewSet

    return [
        EmbargoPageViewSet(f"embargo_{model._meta.app_label}_{model._meta.model_name}", model=model)
        for model in get_page_models()
        if issubclass(model, EmbargoMixin)
    ]


# The public boundary (cms.delivery.visibility): unpublishing a section without its
# subpages hides them from readers too; the editor is told so.
@hooks.register("after_unpublish_page")
def warn_subpages_hidden(request, page):
    from django.contrib import messages

    if request.POST.get("include_descendants"):
        return None
    hidden = page.get_descendants().live().count()
    if hidden:
        messages.warning(
            request,
            f'Readers no longer see "{page.get_admin_display_title()}" nor its {hidden} '
            f"published subpage{'s' if hidden != 1 else ''} (stories under it are hidden on "
            "the site, in the API, feeds, search and newsletters while it is unpublished). "
            "Publish it again to show them again.",
        )
    return None
