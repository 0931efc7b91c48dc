"""Reports ▸ Link health: editors see broken, failing and redirected links, filter them and
export them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


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
