"""Reports ▸ Link health before and after a check: links not checked yet, when the last
check ran, and Check now for a link or a category."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from directory.factories import DirectoryLinkFactory, LinkCategoryPageFactory, LinkHealthFactory
from directory.models import LinkHealth, LinkState

pytestmark = pytest.mark.django_db


def test_on_a_new_installation_every_link_shows_as_not_checked_yet(admin_client, embassies):
    html = admin_client.get(reverse("directory_link_health")).content.decode()
    assert "There are no results." not in html
    assert html.count("Not checked yet") >= 3
    assert "No link has been checked yet" in html
    assert "Check all links now" in html


def test_the_report_says_when_links_were_last_checked(admin_client, unhealthy, settings):
    settings.TIME_ZONE = "America/Caracas"
    LinkHealthFactory(
        url="https://elsewhere.example/",
        state=LinkState.OK,
        last_checked_at=datetime(2026, 3, 2, 7, 30, tzinfo=UTC),
    )
    html = admin_client.get(reverse("directory_link_health")).content.decode()
    assert "Last check: Mon 2 Mar 2026, 03:30 Caracas time." in html


@pytest.fixture
def local_links(venezuela, settings):
    """A category whose links point at a closed local port: a check fails at once."""
    settings.DIRECTORY_LINK_CHECK = {"HOST_DELAY": 0.0, "TIMEOUT": 2.0}
    category = LinkCategoryPageFactory(parent=venezuela, title="Newspapers", kind="newspapers")
    for position, path in enumerate(["a", "b"]):
        DirectoryLinkFactory(
            page=category,
            name=f"Paper {path}",
            url=f"http://127.0.0.1:9/{path}",
            sort_order=position,
        )
    return category


def test_check_now_for_one_link_records_its_health_and_says_so(admin_client, local_links):
    response = admin_client.post(
        reverse("directory_link_health_check"),
        {"url": "http://127.0.0.1:9/a", "next": reverse("directory_link_health")},
    )
    assert response.status_code == 302
    assert response.url == reverse("directory_link_health")
    assert set(LinkHealth.objects.values_list("url", "state")) == {
        ("http://127.0.0.1:9/a", LinkState.FAILING)
    }
    html = admin_client.get(response.url).content.decode()
    assert "Checking http://127.0.0.1:9/a in the background." in html


def test_check_now_for_a_category_checks_its_links(admin_client, local_links):
    listing = admin_client.get(reverse("directory_link_health"), {"page": local_links.pk})
    assert 'Check "Newspapers" now' in listing.content.decode()
    response = admin_client.post(
        reverse("directory_link_health_check"), {"category": local_links.pk}
    )
    assert response.status_code == 302
    assert set(LinkHealth.objects.values_list("url", flat=True)) == {
        "http://127.0.0.1:9/a",
        "http://127.0.0.1:9/b",
    }


def test_check_now_refuses_an_address_the_directory_does_not_list(admin_client, local_links):
    response = admin_client.post(
        reverse("directory_link_health_check"), {"url": "http://169.254.169.254/"}
    )
    assert response.status_code == 302
    assert not LinkHealth.objects.exists()


def test_check_now_runs_as_a_background_task(admin_client, local_links, monkeypatch):
    queued = []
    monkeypatch.setattr(
        "directory.views.check_now.check_links_now",
        SimpleNamespace(enqueue=lambda **kw: queued.append(kw)),
    )
    admin_client.post(reverse("directory_link_health_check"), {"category": local_links.pk})
    assert queued == [{"urls": ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"]}]
    assert not LinkHealth.objects.exists()
