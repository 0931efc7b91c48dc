"""``/api/v3/wires/``: editors read the desk and push files with a bearer token."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.wires.factories import WireItemFactory
from news.wires.models import WireItem
from tests.wires.conftest import fixture_bytes

pytestmark = pytest.mark.django_db

URL = "/api/v3/wires/"


@pytest.fixture
def editor_token(make_token):
    editor = get_user_model().objects.create_user("desk-editor", "desk@laht.example", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    return make_token(editor)


@pytest.fixture
def reader_token(make_token):
    return make_token(get_user_model().objects.create_user("reader", "r@laht.example", "pw"))


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def push(client, token, name, content_type="application/xml", query=""):
    return client.post(
        URL + query, data=fixture_bytes(name), content_type=content_type, **auth(token)
    )


def test_editors_push_a_newsml_file_and_get_the_items_it_made(client, editor_token):
    response = push(client, editor_token, "newsml/efe-idlib-v1.xml", query="?agency=efe")
    assert response.status_code == 200, response.content
    [item] = response.json()["items"]
    assert item["result"] == "created" and item["version"] == 1
    assert WireItem.objects.get(pk=item["id"]).agency == "efe"


def test_a_push_with_an_unhelpful_content_type_is_sniffed(client, editor_token):
    response = push(client, editor_token, "nitf/ap-bogota.xml", "application/octet-stream")
    assert response.status_code == 200, response.content
    assert WireItem.objects.get().agency == "ap"


def test_a_ninjs_push_as_json_is_read_as_ninjs(client, editor_token):
    response = push(client, editor_token, "ninjs/efe-v2x.json", "application/json", "?agency=efe")
    assert response.status_code == 200
    assert WireItem.objects.get().format == "ninjs"


def test_a_file_the_desk_cannot_read_is_a_422_naming_the_reason(client, editor_token):
    response = push(client, editor_token, "malformed/billion-laughs.xml")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"].startswith("refused XML")
    assert not WireItem.objects.exists()


def test_pushing_and_reading_need_a_token_of_an_editor(client, reader_token):
    assert client.get(URL).status_code == 401
    assert client.get(URL, **auth(reader_token)).status_code == 403
    assert push(client, reader_token, "newsml/efe-idlib-v1.xml").status_code == 403
    assert not WireItem.objects.exists()


def test_the_listing_gives_state_version_language_urgency_and_the_story_it_became(
    client, editor_token, article
):
    WireItemFactory(headline="Taken", state="taken", story=article, version=3)
    response = client.get(URL, **auth(editor_token))
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert (item["state"], item["version"], item["urgency"]) == ("taken", 3, 4)
    assert item["story"]["id"] == article.pk
    assert item["story"]["admin_url"] == f"/admin/pages/{article.pk}/edit/"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("agency=ap", ["AP flash"]),
        ("language=es", ["EFE Spanish"]),
        ("urgency=2", ["AP flash"]),
        ("state=killed", ["Killed"]),
        ("subject=medtop:04000000", ["AP flash"]),
        ("q=spanish", ["EFE Spanish"]),
    ],
)
def test_the_listing_filters_as_the_desk_does(client, editor_token, query, expected):
    WireItemFactory(headline="EFE Spanish", language="es")
    WireItemFactory(
        headline="AP flash",
        agency="ap",
        urgency=1,
        subjects=[{"code": "medtop:04000000", "name": "economy"}],
    )
    WireItemFactory(headline="Killed", state="killed", urgency=5)
    response = client.get(f"{URL}?{query}", **auth(editor_token))
    assert [item["headline"] for item in response.json()["items"]] == expected


def test_the_detail_gives_the_body_and_every_version_received(client, editor_token):
    push(client, editor_token, "newsml/efe-idlib-v2.xml", query="?agency=efe")
    push(client, editor_token, "newsml/efe-idlib-v1.xml", query="?agency=efe")
    item = WireItem.objects.get()
    response = client.get(f"{URL}{item.pk}/", **auth(editor_token))
    data = response.json()
    assert data["body"].startswith("<p>ACTUALIZACIÓN.")
    assert [(v["version"], v["superseded"]) for v in data["versions"]] == [(2, False), (1, True)]


def test_an_unknown_item_is_a_404(client, editor_token):
    assert client.get(f"{URL}999999/", **auth(editor_token)).status_code == 404


def test_listing_queries_do_not_grow_with_the_page_size(client, editor_token, article):
    client.get(URL, **auth(editor_token))  # the token's first use is recorded once

    def count(n):
        WireItem.objects.all().delete()
        for i in range(n):
            WireItemFactory(headline=f"Item {i}", story=article)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, **auth(editor_token)).status_code == 200
        return len(queries)

    assert count(2) == count(12)


def test_a_push_above_the_desks_file_limit_is_refused_with_its_reason(
    client, editor_token, settings
):
    settings.WIRE_MAX_FILE_BYTES = 1000
    response = push(client, editor_token, "newsml/efe-idlib-v1.xml")
    assert response.status_code == 422
    assert response.json()["detail"] == "the file is larger than the limit of 1000 bytes"


def test_a_push_above_the_request_limit_is_a_413_before_the_desk_reads_it(
    client, editor_token, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = push(client, editor_token, "newsml/efe-idlib-v1.xml")
    assert response.status_code == 413
    assert not WireItem.objects.exists()
