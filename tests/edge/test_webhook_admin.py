"""An administrator rotates a webhook's signing secret from the admin, in one confirmed step,
and is told until when the previous secret still signs; others cannot."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.webhooks.models import WebhookSubscription
from cms.webhooks.signing import generate_webhook_secret

pytestmark = pytest.mark.django_db

EDIT = "/admin/snippets/webhooks/webhooksubscription/edit/{}/"
ROTATE = "/admin/snippets/webhooks/webhooksubscription/rotate-secret/{}/"


@pytest.fixture
def subscription():
    return WebhookSubscription.objects.create(
        url="https://hooks.example/herald", description="Apps", secret=generate_webhook_secret()
    )


def test_the_subscription_page_offers_rotate_secret(admin_client, subscription):
    page = admin_client.get(EDIT.format(subscription.pk)).content.decode()
    assert ROTATE.format(subscription.pk) in page
    assert "Rotate secret" in page


def test_rotating_asks_first_and_changes_nothing_until_confirmed(admin_client, subscription):
    old = subscription.secret
    page = admin_client.get(ROTATE.format(subscription.pk))
    assert page.status_code == 200
    assert "Yes, rotate the secret" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.secret == old


def test_a_confirmed_rotation_makes_a_new_secret_and_says_how_long_the_old_one_signs(
    admin_client, subscription, settings
):
    settings.WEBHOOK_SECRET_GRACE_HOURS = 24
    old = subscription.secret
    response = admin_client.post(ROTATE.format(subscription.pk), follow=True)

    subscription.refresh_from_db()
    assert subscription.secret != old and subscription.secret.startswith("whsec_")
    assert subscription.signing_secrets() == [subscription.secret, old]
    assert response.redirect_chain[-1][0] == EDIT.format(subscription.pk)
    message = response.content.decode()
    assert "New signing secret made for Apps" in message
    assert "keeps signing deliveries until" in message


def test_an_editor_without_webhook_permissions_cannot_rotate(client, subscription):
    editor = get_user_model().objects.create_user("ed", "ed@laht.example", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    old = subscription.secret

    response = client.post(ROTATE.format(subscription.pk))

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    subscription.refresh_from_db()
    assert subscription.secret == old


def test_rotating_an_unknown_subscription_is_a_404(admin_client):
    assert admin_client.post(ROTATE.format(999999)).status_code == 404
