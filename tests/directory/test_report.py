"""Reports ▸ Link health: editors see broken, failing, redirected and slow links."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from directory.factories import DirectoryLinkFactory, LinkCategoryPageFactory, LinkHealthFactory
from directory.models import LinkHealth, LinkState

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("chief", "chief@laht.example", "pw")
    client.force_login(admin)
    return client


@pytest.fixture
def unhealthy(embassies):
    spain, brazil, colombia = embassies.links.all()
    LinkHealthFactory(
        url=spain.url,
        state=LinkState.BROKEN,
        state_since=timezone.now() - timezone.timedelta(days=2),
        status_code=404,
    )
    LinkHealthFactory(
        url=brazil.url,
        state=LinkState.REDIRECTED,
        state_since=timezone.now(),
        status_code=200,
        final_url="https://www.gov.br/mre/pt-br/embaixada-caracas",
    )
    LinkHealthFactory(url=colombia.url, state=LinkState.OK, state_since=timezone.now())
    return embassies


def test_report_lists_broken_and_redirected_links_with_a_path_to_the_page(admin_client, unhealthy):
    response = admin_client.get(reverse("directory_link_health"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Embassy of Spain" in html
    assert "Broken" in html
    assert "Embassy of Brazil" in html
    assert "https://www.gov.br/mre/pt-br/embaixada-caracas" in html
    assert "Embassy of Colombia" not in html  # healthy links are not reported
    assert reverse("wagtailadmin_pages:edit", args=[unhealthy.pk]) in html
    assert "Venezuela" in html


def test_report_filters_by_state(admin_client, unhealthy):
    response = admin_client.get(reverse("directory_link_health"), {"state": "broken"})
    html = response.content.decode()
    assert "Embassy of Spain" in html
    assert "Embassy of Brazil" not in html


def test_report_is_in_the_reports_menu(admin_client, unhealthy):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("directory_link_health") in html


def test_report_exports_csv(admin_client, unhealthy):
    response = admin_client.get(reverse("directory_link_health"), {"export": "csv"})
    assert response.status_code == 200
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[0].startswith("Name,URL,State,Since")
    assert len(rows) == 3


def test_report_needs_an_admin_login(client, unhealthy):
    response = client.get(reverse("directory_link_health"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# --- Unchecked links, the last check and Check now -------------------------------------


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
