"""The "Wires" admin area: the desk (filtered listing, preview, Take, wire updates, history)
and the mapping rules.

Items are what the agencies sent: the desk never edits them, it takes them into stories.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import RadioSelect
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.images import get_image_model
from wagtail.models import Locale

from news.models import SectionPage
from news.wires import stories
from news.wires.languages import offered_locales, section_in, suggested_locale
from news.wires.models import WireFeed, WireItem, WireRule
from news.wires.rules import mapping_for

URGENCY_CHOICES = [(str(n), f"{n} or more urgent") for n in range(1, 10)]


class WireItemFilterSet(WagtailFilterSet):
    agency = django_filters.ChoiceFilter(label="Agency", choices=[], empty_label="Any")
    state = django_filters.ChoiceFilter(
        label="State", choices=WireItem.State.choices, empty_label="Any", widget=RadioSelect
    )
    urgency = django_filters.ChoiceFilter(
        label="Urgency", choices=URGENCY_CHOICES, method="filter_urgency", empty_label="Any"
    )
    language = django_filters.CharFilter(label="Language", lookup_expr="istartswith")
    subject = django_filters.CharFilter(
        label="Subject code", method="filter_subject", help_text="e.g. medtop:11000000"
    )
    updated_at = django_filters.DateFromToRangeFilter(
        label="Received", widget=DateRangePickerWidget
    )

    class Meta:
        model = WireItem
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = WireItem.objects.order_by("agency").values_list("agency", flat=True).distinct()
        self.filters["agency"].extra["choices"] = [(name, name) for name in agencies]

    def filter_urgency(self, queryset, name, value):
        return queryset.filter(urgency__lte=int(value)) if value else queryset

    def filter_subject(self, queryset, name, value):
        code = value.strip().lower()
        return queryset.filter(subject_index__contains=f" {code} ") if code else queryset


class WireItemIndexView(IndexView):
    """The desk: no add, edit or delete (items are the agencies'); the title opens the preview."""

    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None


class WireItemInspectView(InspectView):
    """The preview: the copy as it would be taken, the story it became, a waiting wire
    update, the Take form (section pre-selected by the rules) and the versions received."""

    template_name = "wires/item_inspect.html"

    def get_edit_url(self):
        return None

    def get_delete_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        mapping = mapping_for(item)
        locales = offered_locales()
        context.update(
            item=item,
            mapping=mapping,
            sections=SectionPage.objects.select_related("locale").order_by("path"),
            locales=locales,
            suggested_locale=suggested_locale(item, locales),
            versions=item.versions.all(),
            pictures=_pictures(item),
            take_url=reverse("wires_take", args=[item.pk]),
            apply_url=reverse("wires_apply_update", args=[item.pk]),
            ignore_url=reverse("wires_ignore_update", args=[item.pk]),
            story_edit_url=reverse("wagtailadmin_pages:edit", args=[item.story_id])
            if item.story_id
            else "",
        )
        return context


def _pictures(item: WireItem) -> list[dict]:
    """The item's pictures with the images imported from them (one query)."""
    ids = [picture["image_id"] for picture in item.pictures if picture.get("image_id")]
    images = get_image_model().objects.in_bulk(ids) if ids else {}
    return [{**picture, "image": images.get(picture.get("image_id"))} for picture in item.pictures]


class WireItemViewSet(ModelViewSet):
    model = WireItem
    icon = "globe"
    menu_label = "Desk"
    url_namespace = "wires_items"
    index_view_class = WireItemIndexView
    inspect_view_class = WireItemInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = WireItemFilterSet
    search_fields = ["headline", "guid"]
    search_backend_name = None
    form_fields = []
    list_per_page = 50
    list_display = [
        TitleColumn("headline", label="Headline", url_name="wires_items:inspect"),
        Column("agency", label="Agency", sort_key="agency"),
        Column("state", label="State", accessor="get_state_display", sort_key="state"),
        Column("urgency", label="Urgency", sort_key="urgency"),
        Column("language", label="Language", sort_key="language"),
        Column("version", label="Version"),
        DateColumn("updated_at", label="Received", sort_key="updated_at"),
        DateColumn("embargo_until", label="Embargo", sort_key="embargo_until"),
    ]

    def get_urlpatterns(self):
        kept = {"index", "index_results", "inspect"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in kept]


class WireRuleViewSet(ModelViewSet):
    model = WireRule
    icon = "tasks"
    menu_label = "Rules"
    url_namespace = "wires_rules"
    list_display = ["name", "agency", "language", "section", "auto_create_draft", "priority"]
    search_fields = ["name", "agency", "keywords", "subject_codes"]
    search_backend_name = None


class WireFeedViewSet(ModelViewSet):
    model = WireFeed
    icon = "link"
    menu_label = "Feeds"
    url_namespace = "wires_feeds"
    list_display = ["name", "agency", "url", "every", "enabled", "last_polled_at", "last_result"]
    search_fields = ["name", "agency", "url"]
    search_backend_name = None


class WiresViewSetGroup(ModelViewSetGroup):
    menu_label = "Wires"
    menu_icon = "globe"
    menu_order = 160
    items = (
        WireItemViewSet("wires_items"),
        WireRuleViewSet("wires_rules"),
        WireFeedViewSet("wires_feeds"),
    )


def _item_for(request, pk: int) -> WireItem:
    if not request.user.has_perm("wires.change_wireitem"):
        raise PermissionDenied
    return get_object_or_404(WireItem, pk=pk)


def _number(value: str | None) -> int:
    """A posted id, or 0 (matches nothing) when it is not one."""
    return int(value) if value and value.isdigit() else 0


def _back(item: WireItem) -> HttpResponseRedirect:
    return redirect("wires_items:inspect", item.pk)


@require_POST
def take_view(request, pk: int):
    item = _item_for(request, pk)
    section = SectionPage.objects.filter(pk=_number(request.POST.get("section"))).first()
    if section is None:
        messages.error(request, "Choose a section to take the item into.")
        return _back(item)
    if request.POST.get("locale"):
        locale = Locale.objects.filter(pk=_number(request.POST["locale"])).first()
        if locale is None:
            messages.error(request, "Choose one of the site's languages for the draft.")
            return _back(item)
        translated = section_in(section, locale)
        if translated is None:
            messages.error(
                request,
                f"{section.title} has no {locale.get_display_name()} version: translate the "
                "section first, or choose another language.",
            )
            return _back(item)
        section = translated
    if not section.permissions_for_user(request.user).can_add_subpage():
        messages.error(request, f"You may not add stories to {section.title}.")
        return _back(item)
    story = stories.take(item, section, user=request.user)
    messages.success(request, f"Taken into {section.title} as a draft: “{story.title}”.")
    return redirect("wagtailadmin_pages:edit", story.pk)


@require_POST
def apply_update_view(request, pk: int):
    item = _item_for(request, pk)
    stories.apply_update(item, user=request.user)
    messages.success(request, "The wire update is in a new draft of the story.")
    return _back(item)


@require_POST
def ignore_update_view(request, pk: int):
    item = _item_for(request, pk)
    stories.ignore_update(item)
    messages.success(request, "The wire update was ignored.")
    return _back(item)


urlpatterns = [
    path("wires/take/<int:pk>/", take_view, name="wires_take"),
    path("wires/apply-update/<int:pk>/", apply_update_view, name="wires_apply_update"),
    path("wires/ignore-update/<int:pk>/", ignore_update_view, name="wires_ignore_update"),
]
