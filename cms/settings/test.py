"""Test run: fast hashing, deterministic secrets, an isolated cache."""

import os
import tempfile
from pathlib import Path

from cms.settings import base

globals().update({name: value for name, value in vars(base).items() if name.isupper()})

SECRET_KEY = base.SECRET_KEY or "test-only-insecure-key"
FRONTEND_PURGE_SECRET = "test-purge-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
# The suite's webhook receivers listen on 127.0.0.1 (tests/edge turns the check back on).
WEBHOOK_ALLOW_PRIVATE_TARGETS = True
# No watched wire folder unless a test makes one (tests/wires/conftest.py): the scheduler's
# scan must not read the checkout's var/wires.
WIRE_INBOX = ""
# The suite's wire feeds are served on 127.0.0.1 (tests/wires/test_feed_urls.py turns it off).
WIRE_FEED_ALLOWED_PRIVATE = ["127.0.0.1"]
CSRF_COOKIE_SECURE = False
WAGTAILAPI_LIMIT_MAX = 50
# Room for every rendition a test makes (Wagtail caches them): at locmem's default of 300
# entries the API generation would be culled mid-test and read as a new one.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
}
# The locmem cache outlives each test's database rollback, so a cached API response could
# leak into the next test: the response cache is off here and its own tests turn it on
# (tests/api/test_response_cache.py).
API_RESPONSE_CACHE_SECONDS = 0
API_COUNT_CACHE_SECONDS = 0  # same reason; tests/api/test_response_cache.py turns it on
# A "replica" alias mirroring default, for tests/api/test_read_replica.py, which switch the
# router and its middleware on with override_settings. Off for the rest of the suite: a
# mirror is a second connection, which cannot see a test's uncommitted rows.
DATABASES = {
    **base.DATABASES,
    "replica": {**base.DATABASES["default"], "TEST": {"MIRROR": "default"}},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A test database in a file, not Django's default in-memory one: an in-memory database
    # is one connection, which the live server (browser and integration tests) shares with
    # every request thread and the test itself. Python's sqlite3 module then deadlocks when
    # one thread runs a query calling a Python function (Django registers several) while
    # another holds the GIL reading rows: the suite hung in CI. In a file, every thread has
    # its own connection. One file per process, so two runs cannot collide.
    DATABASES["default"] = {
        **DATABASES["default"],
        "TEST": {"NAME": str(Path(tempfile.gettempdir()) / f"herald-test-{os.getpid()}.sqlite3")},
    }
DATABASE_ROUTERS = []
MIDDLEWARE = [
    name
    for name in base.MIDDLEWARE
    if name != "cms.delivery.replica.middleware.ReplicaReadMiddleware"
]
# Tasks run on the spot, inside the code that enqueues them, so tests see their effects at
# once; tests/operations/test_worker.py runs the database backend and a real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
