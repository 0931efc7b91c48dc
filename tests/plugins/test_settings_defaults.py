"""Every setting the platform and the plugins read has a default in the app that owns it
(``<app>/conf.py``), so a host site sets none of ours; our site's values still win."""

import ast
import importlib
from pathlib import Path

import pytest
from django.conf import global_settings
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]

#: The conf modules, and a default each must give.
CONFS = {
    "cms.search.conf": {
        "SEARCH_EXACT_THRESHOLD": 10000,
        "SEARCH_HALF_LIFE_DAYS": 90,
        "SEARCH_FACET_SAMPLE": 1000,
        "SEARCH_ESTIMATE_SECONDS": 3600,
        "SEARCH_CONFIGS": {"en": "english", "es": "spanish"},
    },
    "cms.delivery.conf": {
        "FRONTEND_URL": "",
        "FRONTEND_PURGE_SECRET": "",
        "WAGTAILAPI_BASE_URL": "",
        "TRUSTED_PROXIES": ["127.0.0.1", "::1"],
        "API_CACHE_SECONDS": 60,
        "API_RESPONSE_CACHE_SECONDS": 0,
        "API_COUNT_CACHE_SECONDS": 0,
        "API_COUNT_EXACT_THRESHOLD": 1000,
        "API_CACHE_PREFIX": "herald-api",
        "API_DOCUMENTS": True,
        "API_DOCUMENTS_RENDER_EVERY": 5,
        "API_DOCUMENTS_RENDER_SECONDS": 1,
        "API_DOCUMENTS_RENDERER": "cms.delivery.api.render_documents",
    },
    "cms.publishing.conf": {"SCHEDULER_INTERVAL": 5.0, "SCHEDULER_JOBS": {}},
    "cms.webhooks.conf": {
        "WEBHOOK_TIMEOUT": 5,
        "WEBHOOK_RETRY_BASE": 30,
        "WEBHOOK_MAX_ATTEMPTS": 8,
        "WEBHOOK_RETENTION_DAYS": 30,
        "WAGTAILAPI_BASE_URL": "",  # through cms.delivery.conf
    },
    "cms.preview.conf": {"PREVIEW_TOKEN_MAX_AGE": 900, "FRONTEND_URL": ""},
    "directory.conf": {"DIRECTORY_LINK_CHECK": {}, "FRONTEND_URL": ""},
}

#: Project settings a module may read without a default, and why.
ALLOWED: dict[str, set[str]] = {}


def installed_modules():
    """The modules ``pip install`` puts in a host's site-packages (cms.*, news, directory),
    less migrations (they read only swappable model settings)."""
    for package in ("cms", "news", "directory"):
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative.startswith("cms/settings/"):
                continue
            if relative in ("cms/urls.py", "cms/wsgi.py"):
                continue
            yield relative, path


def settings_reads(tree):
    """``(conf module or "django.conf", NAME)`` for every ``settings.NAME`` read."""
    source = None
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == "settings" for a in node.names):
            source = node.module
    if source is None:
        return []
    return [
        (source, node.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "settings"
        and node.attr.isupper()
    ]


def test_every_setting_read_by_an_installed_module_has_a_default():
    django_defaults = set(dir(global_settings))
    missing = []
    for relative, path in installed_modules():
        for source, name in settings_reads(ast.parse(path.read_text(), relative)):
            if name in django_defaults or name in ALLOWED.get(relative, ()):
                continue
            if source != "django.conf":
                conf = importlib.import_module(source).settings
                if name in conf.all_defaults():
                    continue
            missing.append(f"{relative}: settings.{name} (from {source})")
    assert missing == []


@pytest.mark.parametrize(
    ("module", "name", "default"),
    [
        (module, name, default)
        for module, defaults in CONFS.items()
        for name, default in defaults.items()
    ],
)
def test_a_setting_the_site_does_not_set_reads_its_default(settings, module, name, default):
    conf = importlib.import_module(module).settings
    if hasattr(settings, name):
        delattr(settings, name)
    assert getattr(conf, name) == default


def test_the_sites_value_wins_and_override_settings_works():
    from cms.delivery.conf import settings as conf

    with override_settings(SEARCH_HALF_LIFE_DAYS=7, FRONTEND_URL="https://news.example.com"):
        assert conf.SEARCH_HALF_LIFE_DAYS == 7
        assert conf.FRONTEND_URL == "https://news.example.com"
        from cms.preview.conf import settings as preview_conf

        assert preview_conf.FRONTEND_URL == "https://news.example.com"


def test_other_names_read_djangos_settings():
    from django.conf import settings

    from cms.delivery.conf import settings as conf

    assert conf.MEDIA_URL == settings.MEDIA_URL
    assert conf.configured is True
    with pytest.raises(AttributeError):
        conf.NOT_A_SETTING  # noqa: B018


def test_our_site_sets_what_it_always_set():
    """No behaviour change for our site: cms/settings/base.py still sets every setting."""
    from cms.settings import base

    for defaults in CONFS.values():
        for name in defaults:
            if name in ("SCHEDULER_JOBS", "DIRECTORY_LINK_CHECK"):
                continue  # optional overrides, never set by our site
            assert hasattr(base, name), name
