"""The desk in the admin and in the API: the v3 router, and the "Wires" admin area."""

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.widgets import Button

from cms.delivery.extensions import API_FILE_BODIES, API_V3_ROUTERS
from news.models import ArticlePage
from news.wires.api import router
from news.wires.models import WireItem
from news.wires.views import WiresViewSetGroup, urlpatterns


@hooks.register(API_V3_ROUTERS)
def wires_api():
    return [("/wires/", router)]


@hooks.register(API_FILE_BODIES)
def wires_file_bodies():
    return ["wires_items"]


@hooks.register("register_admin_viewset")
def register_wires_admin():
    return WiresViewSetGroup()


@hooks.register("register_admin_urls")
def wires_admin_urls():
    return urlpatterns


@hooks.register("before_edit_page")
def flag_wire_updates_and_kills(request, page):
    """A story made from wire copy says so when its item was killed or updated since."""
    for item in WireItem.objects.filter(story_id=page.pk):
        link = reverse("wires_items:inspect", args=[item.pk])
        if item.is_killed:
            messages.error(
                request,
                format_html(
                    "The agency KILLED this story's wire item ({} {}). "
                    '<a href="{}">See the item</a>.',
                    item.agency,
                    item.guid,
                    link,
                ),
            )
        elif item.pending_changes:
            messages.warning(
                request,
                format_html(
                    'Wire update: version {} changes {}. <a href="{}">Apply or ignore it</a>.',
                    item.version,
                    ", ".join(sorted(item.pending_changes)),
                    link,
                ),
            )
    return None


@hooks.register("register_page_header_buttons")
def wire_item_button(page, user, view_name, next_url=None):
    """From a story to the wire item it was taken from."""
    if not isinstance(page, ArticlePage) or not user.has_perm("wires.view_wireitem"):
        return
    for item in WireItem.objects.filter(story_id=page.pk).only("pk", "agency", "state"):
        label = f"Wire item ({item.agency}, {item.get_state_display().lower()})"
        yield Button(
            label, reverse("wires_items:inspect", args=[item.pk]), icon_name="globe", priority=80
        )
