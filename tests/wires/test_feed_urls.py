"""Feed URLs the desk refuses: loopback, link-local and private addresses, when saved and at
every poll (DNS rebinding, redirects), unless WIRE_FEED_ALLOWED_PRIVATE lists them."""

import socket

import pytest

from cms.pinned_requests import RefusedURL
from news.wires import feed_urls
from news.wires.feeds import poll
from news.wires.models import WireFeed, WireItem

pytestmark = pytest.mark.django_db

REAL_GETADDRINFO = socket.getaddrinfo
NAME = "feeds.agency.example"


@pytest.fixture
def dns(monkeypatch):
    """``NAME`` resolves to whatever the test says; other names as usual."""
    answer = {"address": "93.184.216.34"}

    def getaddrinfo(host, port, *args, **kwargs):
        if host == NAME:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answer["address"], port))]
        return REAL_GETADDRINFO(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answer


def add_feed(client, url):
    data = {"name": "gateway", "agency": "efe", "url": url, "every": "60", "enabled": "on"}
    return client.post("/admin/wires_feeds/new/", data)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/admin/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/feed.xml",
        "http://[::1]/feed.xml",
        f"http://{NAME}/private",
    ],
)
def test_a_feed_url_on_a_private_address_is_a_form_error(admin_client, settings, dns, url):
    settings.WIRE_FEED_ALLOWED_PRIVATE = []
    dns["address"] = "192.168.1.7"
    response = add_feed(admin_client, url)
    assert response.status_code == 200
    assert "a loopback, link-local or private address" in response.content.decode()
    assert not WireFeed.objects.exists()


def test_a_public_feed_url_and_an_allowed_private_gateway_are_saved(admin_client, settings, dns):
    settings.WIRE_FEED_ALLOWED_PRIVATE = ["10.8.0.0/16", "gateway.agency.internal"]
    assert add_feed(admin_client, f"https://{NAME}/efe.xml").status_code == 302
    WireFeed.objects.all().delete()
    assert add_feed(admin_client, "http://10.8.3.4/efe.xml").status_code == 302
    assert feed_urls.resolve("http://10.8.200.1/") == ["10.8.200.1"]
    with pytest.raises(RefusedURL):
        feed_urls.resolve("http://10.9.0.1/")


def test_a_name_that_resolves_to_a_private_address_at_poll_time_is_not_fetched(
    server, settings, dns
):
    settings.WIRE_FEED_ALLOWED_PRIVATE = []
    feed = WireFeed(name="gateway", agency="efe", url=f"http://{NAME}:{server.server_port}/rss")
    feed.full_clean()  # public when saved...
    feed.save()
    dns["address"] = "127.0.0.1"  # ...the server's own loopback when polled
    assert poll(feed).startswith(f"refused: {NAME} resolves to 127.0.0.1")
    assert server.requests == [] and not WireItem.objects.exists()


def test_a_poll_connects_to_the_address_it_checked_and_names_the_host(server, settings, dns):
    settings.WIRE_FEED_ALLOWED_PRIVATE = [NAME]
    dns["address"] = "127.0.0.1"
    feed = WireFeed.objects.create(
        name="gateway", agency="efe", url=f"http://{NAME}:{server.server_port}/rss"
    )
    assert poll(feed) == "2 created"
    assert server.requests[-1]["Host"] == f"{NAME}:{server.server_port}"


def test_a_redirect_to_a_private_address_is_refused(server):
    server.redirect = "http://169.254.169.254/latest/meta-data/"
    feed = WireFeed.objects.create(
        name="gateway", agency="efe", url=f"http://127.0.0.1:{server.server_port}/moved"
    )
    assert poll(feed).startswith("refused: 169.254.169.254 resolves to 169.254.169.254")
    assert len(server.requests) == 1 and not WireItem.objects.exists()


def test_a_redirect_to_another_host_is_followed_without_the_feeds_credentials(
    server, settings, dns
):
    settings.WIRE_FEED_ALLOWED_PRIVATE = [NAME, "127.0.0.1"]
    settings.WIRE_FEED_CREDENTIALS = {"gateway": "Bearer abc"}
    dns["address"] = "127.0.0.1"
    port = server.server_port
    server.redirect = f"http://127.0.0.1:{port}/rss"
    feed = WireFeed.objects.create(name="gateway", agency="efe", url=f"http://{NAME}:{port}/moved")
    assert poll(feed) == "2 created"
    first, second = server.requests
    assert first["Authorization"] == "Bearer abc" and "Authorization" not in second
