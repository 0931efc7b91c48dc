"""Standard Webhooks signatures (https://www.standardwebhooks.com/) with rotating secrets.

Each delivery carries ``webhook-id`` (the delivery's id: the same on every retry, so a
receiver can drop duplicates), ``webhook-timestamp`` (seconds; receivers refuse old ones,
so a captured delivery cannot be replayed later) and ``webhook-signature``: ``v1,<base64>``
per valid secret, space-separated, so a receiver holding either the new or the previous
secret verifies it during a rotation's grace period.
"""

import base64
import hashlib
import hmac
import secrets
from datetime import datetime

from standardwebhooks.webhooks import Webhook

SECRET_PREFIX = "whsec_"  # noqa: S105 (the format's prefix, not a secret)


def generate_webhook_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def key_bytes(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX) + "==")


def legacy_signature(secret: str, body: bytes) -> str:
    """``X-Herald-Signature`` (deprecated): ``sha256=<hex HMAC-SHA256 of the body>`` keyed with
    the secret's bytes; for a secret migrated from the old hex form, the old hex string."""
    return "sha256=" + hmac.new(key_bytes(secret), body, hashlib.sha256).hexdigest()


def signature_headers(
    message_id: str, body: bytes, valid_secrets: list[str], at: datetime
) -> dict[str, str]:
    signatures = [Webhook(secret).sign(message_id, at, body) for secret in valid_secrets]
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": " ".join(signatures),
        "X-Herald-Signature": legacy_signature(valid_secrets[0], body),
    }
