"""A Wagtail site that is not ours, as ``wagtail start`` makes one, with the plugins added as
``docs/plugins.md`` says: no ``home`` of ours, Wagtail's own image model, none of our settings.

``HERALD_TEST_DROP_APPS`` (comma list) leaves apps out and ``HERALD_TEST_SETTINGS`` (JSON)
sets settings, for tests/plugins/test_checks.py.
"""

import json
import os
import tempfile
from pathlib import Path

DROP = {name for name in os.environ.get("HERALD_TEST_DROP_APPS", "").split(",") if name}

SECRET_KEY = "host-site-test-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [
    name
    for name in [
        "tests.plugins.host_home",
        "news",
        "news.wires",
        "directory",
        "cms.delivery",
        "cms.publishing",
        "cms.webhooks",
        "cms.preview",
        "cms.countries",
        "cms.search",
        "cms.operations",
        "django_tasks",
        "django_tasks_db",
        "wagtail.api.v2",
        "wagtail.api.v3",
        "rest_framework",
        "wagtail.contrib.forms",
        "wagtail.contrib.redirects",
        "wagtail.embeds",
        "wagtail.sites",
        "wagtail.users",
        "wagtail.snippets",
        "wagtail.documents",
        "wagtail.images",
        "wagtail.search",
        "wagtail.admin",
        "wagtail",
        "modelcluster",
        "taggit",
        "django_filters",
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
    ]
    if name not in DROP
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
ROOT_URLCONF = "tests.plugins.host_urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(Path(tempfile.gettempdir()) / f"herald-host-{os.getpid()}.sqlite3"),
    }
}
USE_TZ = True
STATIC_URL = "/static/"
WAGTAIL_SITE_NAME = "hostsite"
WAGTAILADMIN_BASE_URL = "http://example.com"

globals().update(json.loads(os.environ.get("HERALD_TEST_SETTINGS") or "{}"))
