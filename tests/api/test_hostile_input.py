"""Any bytes a client sends get a 4xx with a message: ``{"message": …}`` on v2, a problem
(``application/problem+json``) on v3. Never a 500."""

import json

import pytest
from django.contrib.auth import get_user_model

from cms.delivery.input_guard import MAX_INTEGER, MAX_JSON_DEPTH

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
PROBLEM = "application/problem+json"

V2 = [
    ("/api/v2/pages/?search=", "search must contain at least one word"),
    ("/api/v2/pages/?search=%20%20", "search must contain at least one word"),
    ("/api/v2/pages/?search=a%00b", "search must not contain NUL characters"),
    ("/api/v2/pages/?search=%22%22", "search must contain at least one word"),
    ("/api/v2/pages/?search=*%20%26%20%7C", "search must contain at least one word"),
    ("/api/v2/pages/?search=oil&search_operator=xor", "search_operator must be 'and' or 'or'"),
    (f"/api/v2/pages/?offset={HUGE}", f"offset must be at most {MAX_INTEGER}"),
    ("/api/v2/pages/?first_published_at=abc", "field filter error"),
    ("/api/v2/pages/?type=news.ArticlePage&date=notadate", "field filter error"),
    ("/api/v2/pages/?date=notadate", "not an operation or a recognised field: date"),
    ("/api/v2/pages/?title=%00", "title must not contain NUL characters"),
    ("/api/v2/pages/?type=news.ArticlePage&tag=%00", "tag must not contain NUL characters"),
    ("/api/v2/pages/find/?id=abc", "id must be a page id"),
    ("/api/v2/pages/find/?id=", "id must be a page id"),
    ("/api/v2/pages/find/?html_path=%00", "html_path must not contain NUL characters"),
    (f"/api/v2/images/?offset={HUGE}", "offset must be at most"),
    ("/api/v2/images/?search=%22", "remove the double quote"),
    (f"/api/v2/documents/?offset={HUGE}", "offset must be at most"),
    ("/api/v2/documents/?search=%00", "search must not contain NUL characters"),
]

V3 = [
    (f"/api/v3/pages/?offset={HUGE}", "offset must be at most"),
    (f"/api/v3/images/?offset={HUGE}", "offset must be at most"),
    (f"/api/v3/documents/?offset={HUGE}", "offset must be at most"),
    (f"/api/v3/directory/links/?offset={HUGE}", "offset must be at most"),
    ("/api/v3/directory/links/?q=a%00b", "q must not contain NUL characters"),
    ("/api/v3/pages/?search=a%00b", "search must not contain NUL characters"),
    ("/api/v3/pages/?search=%22oil", "remove the double quote"),
    ("/api/v3/pages/?search=oil&search_operator=xor", "search_operator must be"),
    ("/api/v3/most-viewed/?period=%00", "period must not contain NUL characters"),
]


@pytest.mark.parametrize(("url", "message"), V2)
def test_v2_answers_bad_input_with_a_400_message(client, article, url, message):
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert message in response.json()["message"]


@pytest.mark.parametrize(("url", "message"), V3)
def test_v3_answers_bad_input_with_a_400_problem(client, article, url, message):
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEM
    assert message in response.json()["detail"]


def test_a_wrong_method_on_v3_is_a_405_problem_naming_the_allowed_ones(client, home):
    response = client.put("/api/v3/markets/")
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert "GET" in response["Allow"] and "GET" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v3/newsletter/subscribe/", "/api/v3/pages/"])
def test_a_body_over_the_upload_limit_is_a_413_naming_the_limit(client, home, settings, path):
    padding = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(
        path,
        data=json.dumps({"email": "a@b.example", "pad": padding}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) in response.json()["detail"]


def test_a_nul_in_the_consent_text_version_is_refused_and_nothing_is_stored(client, home):
    from home.newsletter.models import Subscriber

    response = client.post(
        "/api/v3/newsletter/subscribe/",
        data=json.dumps({"email": "a@b.example", "consent_text_version": "2026\u0000"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    assert not Subscriber.objects.exists()


def test_an_escaped_backslash_before_u0000_is_not_a_nul(client, home):
    response = client.post(
        "/api/v3/newsletter/subscribe/",
        data='{"email": "a@b.example", "consent_text_version": "a\\\\u0000"}',
        content_type="application/json",
    )
    assert response.status_code == 202, response.content


@pytest.fixture
def admin_headers(make_token):
    admin = get_user_model().objects.create_superuser("edge-admin", "a@laht.example", "pw")
    return {"HTTP_AUTHORIZATION": f"Bearer {make_token(admin)}"}


def post_json(client, path, payload, headers, content_type="application/json", method="post"):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return getattr(client, method)(path, data=body, content_type=content_type, **headers)


def nested(depth):
    value = "x"
    for _ in range(depth):
        value = [value]
    return value


def test_a_body_nested_500_levels_deep_is_a_400(client, section, admin_headers):
    payload = {"meta": {"type": "news.ArticlePage", "parent_id": section.pk}, "title": "Deep"}
    response = post_json(client, "/api/v3/pages/", {**payload, "body": nested(500)}, admin_headers)
    assert response.status_code == 400
    assert f"deeper than {MAX_JSON_DEPTH} levels" in response.json()["detail"]


def test_a_body_that_is_not_a_list_of_blocks_is_a_422_naming_the_field(
    client, section, admin_headers
):
    payload = {"meta": {"type": "news.ArticlePage", "parent_id": section.pk}, "title": "Flat"}
    response = post_json(client, "/api/v3/pages/", {**payload, "body": nested(3)}, admin_headers)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("body must be a list of blocks")


def test_a_text_plain_body_is_not_read_as_json_by_page_create(client, section, admin_headers):
    payload = {"meta": {"type": "news.ArticlePage", "parent_id": section.pk}, "title": "Plain"}
    response = post_json(client, "/api/v3/pages/", payload, admin_headers, "text/plain")
    assert response.status_code == 415
    assert "application/json" in response.json()["detail"]


def test_publishing_an_alias_is_a_409_pointing_at_the_original(client, article, admin_headers):
    alias = article.create_alias(update_slug="an-alias")
    response = client.post(f"/api/v3/pages/{alias.pk}/actions/publish/", **admin_headers)
    assert response.status_code == 409
    assert f"alias of page {article.pk}" in response.json()["detail"]


@pytest.mark.parametrize("which", ["root onto itself", "section onto itself", "into its child"])
def test_moving_a_page_onto_or_below_itself_is_a_409(client, article, admin_headers, which):
    section = article.get_parent()
    page_id, destination = {
        "root onto itself": (1, 1),
        "section onto itself": (section.pk, section.pk),
        "into its child": (section.pk, article.pk),
    }[which]
    response = post_json(
        client,
        f"/api/v3/pages/{page_id}/actions/move/",
        {"destination_id": destination},
        admin_headers,
    )
    assert response.status_code == 409
    assert "moved" in response.json()["detail"]


def test_revisions_filtered_by_a_user_id_that_is_not_one_is_a_400(client, article, admin_headers):
    response = client.get(f"/api/v3/pages/{article.pk}/revisions/?user_id=q", **admin_headers)
    assert response.status_code == 400
    assert response.json()["detail"] == "user_id must be a user's id"


@pytest.mark.parametrize("start", ["0820-06-24T07:28:07Z", "9999-12-31T00:00:00Z"])
def test_the_calendar_outside_1900_to_9000_is_a_422(client, home, admin_headers, start):
    response = client.get("/api/v3/calendar/", {"start": start}, **admin_headers)
    assert response.status_code == 422
    assert response.json()["detail"] == "start must be between 1900 and 9000."


def test_a_json_body_that_is_not_an_object_is_a_422(client, article, admin_headers):
    response = post_json(client, f"/api/v3/pages/{article.pk}/", "-1898735", admin_headers)
    assert response.status_code == 422
    assert response.json()["detail"] == "the JSON body must be an object"


@pytest.mark.parametrize(("page_id", "status"), [("%C2%97h%C3%B5", 422), ("1e3", 422), (HUGE, 404)])
def test_a_page_id_that_is_not_a_whole_number_is_refused_before_the_update(
    client, article, admin_headers, page_id, status
):
    path = f"/api/v3/pages/{page_id}/"
    response = post_json(client, path, {"body": []}, admin_headers, method="patch")
    assert response.status_code == status
    assert "page_id" in response.json()["detail"]
