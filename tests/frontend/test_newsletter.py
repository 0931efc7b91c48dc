"""The newsletter forms: CSRF double-submit token, server-side CMS calls, clear messages."""

import re

from frontend import newsletter

SUBSCRIBE = "/api/v3/newsletter/subscribe/"


def csrf_from(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def open_form(client):
    page = client.get("/newsletter/")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    return csrf_from(page.text)


def test_subscribe_with_a_valid_token_calls_the_cms_server_side(client, cms):
    token = open_form(client)
    response = client.post(
        "/newsletter/",
        data={"email": "reader@example.com", "csrf_token": token, "consent_text_version": "v1"},
    )
    assert response.status_code == 200
    assert "We sent a confirmation link to <strong>reader@example.com</strong>" in response.text
    path, body, headers = cms.posts[-1]
    assert path == SUBSCRIBE
    assert body == {"email": "reader@example.com", "consent_text_version": "v1"}
    assert headers["x-forwarded-for"]


def test_the_box_on_cached_pages_asks_for_confirmation_first(client, cms):
    response = client.post("/newsletter/", data={"email": "reader@example.com"})
    assert response.status_code == 200
    assert "Please confirm that you want our daily headlines sent to" in response.text
    assert cms.posts == []
    token = csrf_from(response.text)
    done = client.post("/newsletter/", data={"email": "reader@example.com", "csrf_token": token})
    assert "We sent a confirmation link" in done.text
    assert cms.posts[-1][0] == SUBSCRIBE


def test_a_forged_or_foreign_token_is_refused(client, cms):
    open_form(client)  # the reader has a cookie
    forged = newsletter.new_token("someone-elses-secret")
    response = client.post("/newsletter/", data={"email": "a@example.com", "csrf_token": forged})
    assert response.status_code == 403
    assert "This form has expired" in response.text
    assert cms.posts == []
    # Without the cookie (a cross-site form), even a well-signed token is refused.
    client.cookies.clear()
    valid = newsletter.new_token("test-secret")
    response = client.post("/newsletter/", data={"email": "a@example.com", "csrf_token": valid})
    assert response.status_code == 403
    assert cms.posts == []


def test_a_bad_email_gets_a_clear_message_without_calling_the_cms(client, cms):
    token = open_form(client)
    response = client.post("/newsletter/", data={"email": "not-an-email", "csrf_token": token})
    assert response.status_code == 400
    assert "does not look like an email address" in response.text
    assert 'aria-invalid="true"' in response.text
    assert cms.posts == []


def test_the_cms_refusal_message_is_shown(client, cms):
    cms.post_answers[SUBSCRIBE] = (
        422,
        {"status": 422, "detail": "Enter a valid email address.", "errors": []},
    )
    token = open_form(client)
    response = client.post("/newsletter/", data={"email": "x@example.invalid", "csrf_token": token})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.text


def test_rate_limits_and_outages_are_explained(client, cms):
    token = open_form(client)
    cms.post_answers[SUBSCRIBE] = (429, {"status": 429, "detail": "Too many"})
    limited = client.post("/newsletter/", data={"email": "a@example.com", "csrf_token": token})
    assert limited.status_code == 429
    assert "Too many attempts" in limited.text
    cms.mode = "down"
    down = client.post("/newsletter/", data={"email": "a@example.com", "csrf_token": token})
    assert down.status_code == 503
    assert "Please try again in a few minutes" in down.text


def test_confirm_page_posts_the_token_back(client, cms):
    page = client.get("/newsletter/confirm/", params={"token": "abc.def"})
    assert page.status_code == 200
    assert 'name="token" value="abc.def"' in page.text
    assert cms.posts == []  # a GET (mail scanners, prefetch) changes nothing
    cms.post_answers["/api/v3/newsletter/confirm/"] = (200, {"status": "confirmed"})
    done = client.post(
        "/newsletter/confirm/", data={"token": "abc.def", "csrf_token": csrf_from(page.text)}
    )
    assert done.status_code == 200
    assert "You are subscribed" in done.text
    assert cms.posts[-1][:2] == ("/api/v3/newsletter/confirm/", {"token": "abc.def"})


def test_an_expired_confirmation_shows_the_cms_reason(client, cms):
    page = client.get("/newsletter/confirm/", params={"token": "old"})
    cms.post_answers["/api/v3/newsletter/confirm/"] = (
        400,
        {"status": 400, "detail": "This link has expired. Sign up again.", "code": "expired"},
    )
    response = client.post(
        "/newsletter/confirm/", data={"token": "old", "csrf_token": csrf_from(page.text)}
    )
    assert response.status_code == 400
    assert "This link has expired. Sign up again." in response.text


def test_one_click_unsubscribe_posts_to_the_link_without_a_csrf_token(client, cms):
    """RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" to the URL of the
    List-Unsubscribe header, with no cookie and no form token."""
    cms.post_answers["/api/v3/newsletter/unsubscribe/"] = (200, {"status": "unsubscribed"})
    client.cookies.clear()
    done = client.post(
        "/newsletter/unsubscribe/?token=u1",
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert done.status_code == 200
    assert "You are unsubscribed" in done.text
    path, body, _ = cms.posts[-1]
    assert (path, body) == ("/api/v3/newsletter/unsubscribe/", {"token": "u1"})


def test_the_unsubscribe_button_works_without_a_csrf_token(client, cms):
    cms.post_answers["/api/v3/newsletter/unsubscribe/"] = (200, {"status": "unsubscribed"})
    done = client.post("/newsletter/unsubscribe/", data={"token": "u1"})
    assert "You are unsubscribed" in done.text
    assert cms.posts[-1][1] == {"token": "u1"}


def test_confirming_still_needs_the_csrf_token(client, cms):
    refused = client.post("/newsletter/confirm/", data={"token": "c1"})
    assert refused.status_code == 403
    assert cms.posts == []


def test_a_confirm_link_without_a_token_explains_itself(client):
    response = client.get("/newsletter/confirm/")
    assert response.status_code == 400
    assert "not valid any more" in response.text
