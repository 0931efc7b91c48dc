"""Admin for the newsroom: an "Articles" listing of every story, with the desk's filters.

Wagtail's page explorer lists one section at a time; the desk wants all stories
at once: by section (with its subsections), source, status and scheduled
go-live. This is Wagtail's ``PageListingViewSet`` (search, sorting, bulk
actions and CSV/XLSX export included) with those filters and columns.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, MultipleUserFilter
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import ParentPageColumn
from wagtail.admin.views.pages.listing import EditedByFilter, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets import ButtonWithDropdownFromHook
from wagtail.models import Page, PageLogEntry, Revision, WorkflowState

from cms.delivery.extensions import API_V3_ROUTERS, PAGES_API_FILTERS
from cms.publishing.newsroom_time import newsroom_time
from cms.search.entries import SEARCH_FACETS
from cms.search.facet_labels import SEARCH_FACET_LABELS
from news import search_facets
from news.api import NewsFilter, authors_router
from news.listing_menu import StoryActionsMenu
from news.models import ArticlePage, SectionPage, WireSource
from news.views import ArticleIndexView, page_type_ids, proposed_go_live_at


@hooks.register(PAGES_API_FILTERS)
def news_filters():
    return [NewsFilter]


hooks.register(SEARCH_FACETS, search_facets.story_facets)
hooks.register(SEARCH_FACET_LABELS, search_facets.facet_labels)


@hooks.register(API_V3_ROUTERS)
def news_api():
    return [("/authors/", authors_router)]


class Status:
    LIVE = "live"
    DRAFT = "draft"
    CHANGED = "changed"
    SCHEDULED = "scheduled"
    IN_MODERATION = "in_moderation"
    EXPIRED = "expired"

    choices = [
        (LIVE, "Published"),
        (CHANGED, "Published, with unpublished changes"),
        (DRAFT, "Draft, never published nor scheduled"),
        (SCHEDULED, "Scheduled"),
        (IN_MODERATION, "In moderation"),
        (EXPIRED, "Expired"),
    ]


def scheduled_page_ids():
    return Revision.page_revisions.filter(approved_go_live_at__isnull=False).values_list(
        "object_id", flat=True
    )


def in_moderation_page_ids():
    return WorkflowState.objects.active().values_list("object_id", flat=True)


def users_who(done) -> QuerySet:
    """Users for whom ``done`` (a query on ``OuterRef("pk")``) finds a row: one index probe
    per user, where Wagtail's choices read every page's owner (or every edit) for distinct ids."""
    users = get_user_model()
    return users.objects.filter(Exists(done)).order_by(users.USERNAME_FIELD)


class ArticleFilterSet(PageFilterSet):
    owner = MultipleUserFilter(
        label=_("Owner"),
        queryset=lambda request: users_who(Page.objects.filter(owner=OuterRef("pk"))),
        widget=CheckboxSelectMultiple,
    )
    edited_by = EditedByFilter(
        label=_("Edited by"),
        queryset=lambda request: users_who(
            PageLogEntry.objects.filter(action="wagtail.edit", user=OuterRef("pk"))
        ),
        widget=CheckboxSelectMultiple,
    )
    section = django_filters.ModelChoiceFilter(
        label="Section",
        # By type in the page table, whose index (type, path) lists them in tree order: a
        # query the planner may read row by row would otherwise walk every page's path.
        queryset=lambda request: (
            SectionPage.objects.filter(content_type_id__in=page_type_ids(SectionPage))
            .order_by("path")
            .only("title", "path", "depth")
        ),
        method="filter_section",
        help_text="Stories in this section and its subsections.",
    )
    source = django_filters.ModelMultipleChoiceFilter(
        label="Source", queryset=WireSource.objects.all(), widget=CheckboxSelectMultiple
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=Status.choices,
        method="filter_status",
        empty_label="Any",
        widget=RadioSelect,
    )
    go_live_at = django_filters.DateFromToRangeFilter(
        label="Scheduled go-live", widget=DateRangePickerWidget
    )

    class Meta:
        model = ArticlePage
        fields = []

    def filter_section(self, queryset, name, value):
        return queryset.descendant_of(value) if value else queryset

    def filter_status(self, queryset, name, value):
        ids = lambda values: [int(pk) for pk in values]  # noqa: E731  (object_id is text)
        if value == Status.LIVE:
            return queryset.filter(live=True)
        if value == Status.CHANGED:
            return queryset.filter(live=True, has_unpublished_changes=True)
        scheduled = Q(pk__in=ids(scheduled_page_ids())) | Q(go_live_at__gt=timezone.now())
        if value == Status.DRAFT:
            return queryset.filter(
                live=False, first_published_at__isnull=True, expired=False
            ).exclude(scheduled)
        if value == Status.SCHEDULED:
            return queryset.filter(scheduled)
        if value == Status.IN_MODERATION:
            return queryset.filter(pk__in=ids(in_moderation_page_ids()))
        if value == Status.EXPIRED:
            return queryset.filter(expired=True)
        return queryset


class ProposedGoLiveColumn(Column):
    """The go-live of a story's unpublished changes (what the editor submitted, or saved for
    later), in newsroom time; empty once it is the live or scheduled one."""

    def get_value(self, instance):
        proposed = proposed_go_live_at(instance)
        return newsroom_time(proposed) if proposed else ""


class ArticleListingViewSet(PageListingViewSet):
    model = ArticlePage
    icon = "doc-full"
    menu_label = "Articles"
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = ArticleFilterSet
    index_view_class = ArticleIndexView
    export_filename = "articles"
    columns = [
        ParentPageColumn("parent", label="Section") if column.name == "parent" else column
        for column in PageListingViewSet.columns
    ] + [
        Column("source", label="Source", accessor="source_name", sort_key="source__name"),
        DateColumn("go_live_at", label="Go-live", sort_key="go_live_at"),
        ProposedGoLiveColumn("proposed_go_live", label="Proposed go-live"),
        DateColumn("embargo_until", label="Embargo", sort_key="embargo_until"),
    ]


@hooks.register("register_admin_viewset")
def register_article_listing():
    return ArticleListingViewSet("articles")


@hooks.register("construct_page_listing_buttons")
def draw_story_menus_cheaply(buttons, page, user, context=None):
    """A story row's "More" menu (an icon, no label), the same entries drawn by
    ``StoryActionsMenu``."""
    if not isinstance(page, ArticlePage):
        return
    for index, button in enumerate(buttons):
        if type(button) is ButtonWithDropdownFromHook and not button.label:
            buttons[index] = StoryActionsMenu.replacing(button)
