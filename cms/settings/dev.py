"""Local development: debug on, an insecure key, plain HTTP cookies."""

from cms.settings import base

globals().update({name: value for name, value in vars(base).items() if name.isupper()})

DEBUG = True
SECRET_KEY = base.SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
FRONTEND_PURGE_SECRET = base.FRONTEND_PURGE_SECRET or "dev-purge-secret"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Local receivers (a script on this machine) are fine in development.
WEBHOOK_ALLOW_PRIVATE_TARGETS = True
# ...and wire feeds served from this machine.
WIRE_FEED_ALLOWED_PRIVATE = [*base.WIRE_FEED_ALLOWED_PRIVATE, "127.0.0.1", "::1"]
base.VAR_DIR.mkdir(parents=True, exist_ok=True)
