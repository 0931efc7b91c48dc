"""Admin sign-in is throttled per account and per address (django-axes); API tokens are not."""

import datetime

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@laht.example", PASSWORD)


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def is_signed_in(client):
    return client.get("/admin/").status_code == 200


def test_the_right_password_signs_in_before_any_failure(client, editor):
    response = sign_in(client, "editor", PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_wrong_passwords_lock_the_account_with_a_clear_message(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "editor", "guess").status_code == 200  # the form again

    locked = sign_in(client, "editor", "guess")

    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.text
    assert "even the right password is refused" in locked.text


def test_after_the_lock_the_right_password_is_refused_until_the_cool_off(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "guess")

    # From another address too: the account itself is locked.
    refused = sign_in(client, "editor", PASSWORD, address="198.51.100.20")

    assert refused.status_code == 429
    assert not is_signed_in(client)

    settings.AXES_COOLOFF_TIME = datetime.timedelta(seconds=0)  # the cool-off has passed
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert is_signed_in(client)


def test_one_address_guessing_many_accounts_is_locked_out(client, editor, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"someone-{n}", "guess", address="192.0.2.50")

    refused = sign_in(client, "editor", PASSWORD, address="192.0.2.50")

    assert refused.status_code == 429
    assert sign_in(client, "editor", PASSWORD, address="192.0.2.51").status_code == 302


def test_wrong_api_tokens_get_401_every_time_and_lock_nothing(client, editor, make_token):
    token = make_token(editor)

    for n in range(30):
        response = client.get(
            "/api/v3/webhooks/", HTTP_AUTHORIZATION=f"Bearer wrong-{n}", REMOTE_ADDR="192.0.2.9"
        )
        assert response.status_code == 401

    good = client.get(
        "/api/v3/webhooks/", HTTP_AUTHORIZATION=f"Bearer {token}", REMOTE_ADDR="192.0.2.9"
    )
    assert good.status_code == 200
