from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from directory.views.report import LinkHealthReportView


@hooks.register("register_admin_urls")
def link_health_report_urls():
    return [
        path(
            "reports/link-health/",
            LinkHealthReportView.as_view(),
            name="directory_link_health",
        ),
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
