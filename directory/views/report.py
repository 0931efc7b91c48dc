"""Reports ▸ Link health: the directory's broken, failing, redirected, slow and not yet
checked links, the time of the last check, and "Check now" for a link, a category or all."""

import django_filters
from django.db.models import Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.publishing.newsroom_time import newsroom_time
from cms.wagtail_internals.tree import parent_path
from directory.models import (
    CountryPage,
    DirectoryLink,
    LinkCategoryPage,
    LinkHealth,
    LinkState,
)

REPORTED_STATES = [
    LinkState.BROKEN,
    LinkState.FAILING,
    LinkState.REDIRECTED,
    LinkState.SLOW,
    LinkState.UNCHECKED,
]


class LinkHealthReportFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label="State",
        field_name="health_state",
        choices=[(state.value, state.label) for state in REPORTED_STATES],
    )
    page = django_filters.ModelChoiceFilter(
        label="Category",
        queryset=LinkCategoryPage.objects.order_by("path"),
        help_text="The links of one category (Check now then checks that category).",
    )

    class Meta:
        model = DirectoryLink
        fields = []


def edit_page_url(link):
    return reverse("wagtailadmin_pages:edit", args=[link.page_id])


class CheckNowColumn(Column):
    """A "Check now" button for the row's link (``directory.views.check_now``)."""

    cell_template_name = "directory/link_health/check_now_cell.html"


class LinkHealthReportView(ReportView):
    page_title = "Link health"
    template_name = "directory/link_health/report.html"
    header_icon = "warning"
    index_url_name = "directory_link_health"
    index_results_url_name = "directory_link_health_results"
    filterset_class = LinkHealthReportFilterSet
    paginate_by = 50
    columns = [
        TitleColumn("name", label="Link", get_url=edit_page_url),
        Column("url", label="URL"),
        Column("state_label", label="State"),
        DateColumn("health_since", label="Since"),
        Column("health_status_code", label="Status"),
        Column("health_final_url", label="Now at"),
        Column("health_error", label="Error"),
        TitleColumn("category_title", label="Category", get_url=edit_page_url),
        Column("country_title", label="Country"),
        CheckNowColumn("check", label=""),
    ]
    list_export = [
        "name",
        "url",
        "health_state",
        "health_since",
        "health_status_code",
        "health_final_url",
        "health_error",
        "category_title",
        "country_title",
    ]
    export_headings = {
        "health_state": "State",
        "health_since": "Since",
        "health_status_code": "Status",
        "health_final_url": "Now at",
        "health_error": "Error",
        "category_title": "Category",
        "country_title": "Country",
    }

    def get_queryset(self):
        health = LinkHealth.objects.filter(url=OuterRef("url"))
        annotations = {
            f"health_{field}": Subquery(health.values(field)[:1])
            for field in ("state", "status_code", "final_url", "error")
        }
        annotations["health_since"] = Subquery(health.values("state_since")[:1])
        # A link no check has seen yet has no health record: it is "unchecked".
        annotations["health_state"] = Coalesce(
            annotations["health_state"], Value(LinkState.UNCHECKED.value)
        )
        return (
            DirectoryLink.objects.annotate(**annotations)
            .filter(health_state__in=REPORTED_STATES)
            .select_related("page")
            # "broken" sorts first, then "failing", "redirected", "slow"; oldest first.
            .order_by("health_state", "health_since", "page__path", "sort_order")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        last = LinkHealth.objects.aggregate(last=Max("last_checked_at"))["last"]
        category_id = self.request.GET.get("page", "")
        category = (
            LinkCategoryPage.objects.filter(pk=category_id).first()
            if category_id.isdigit()
            else None
        )
        context.update(
            last_checked=newsroom_time(last) if last else None,
            check_category=category,
            check_url=reverse("directory_link_health_check"),
        )
        return context

    def decorate_paginated_queryset(self, object_list):
        # The table holds this same queryset: evaluating it here fills its cache, so the
        # attributes set below are what the table renders.
        links = list(object_list)
        parent_paths = {parent_path(link.page.path) for link in links}
        countries = dict(
            CountryPage.objects.filter(path__in=parent_paths).values_list("path", "title")
        )
        for link in links:
            link.state_label = LinkState(link.health_state).label
            link.category_title = link.page.title
            link.country_title = countries.get(parent_path(link.page.path), "")
        return object_list
