from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.delivery.extensions import API_V3_ROUTERS
from directory.api import router as directory_router
from directory.views.check_now import check_now
from directory.views.report import LinkHealthReportView


@hooks.register(API_V3_ROUTERS)
def directory_api():
    return [("/directory/", directory_router)]


@hooks.register("register_admin_urls")
def link_health_report_urls():
    return [
        path(
            "reports/link-health/",
            LinkHealthReportView.as_view(),
            name="directory_link_health",
        ),
        path("reports/link-health/check/", check_now, name="directory_link_health_check"),
        path(
            "reports/link-health/results/",
            LinkHealthReportView.as_view(results_only=True),
            name="directory_link_health_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def link_health_report_menu_item():
    return MenuItem(
        "Link health",
        reverse("directory_link_health"),
        icon_name="warning",
        order=900,
    )
