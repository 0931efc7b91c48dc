"""A site that installs a plugin without an app it needs, or with a malformed setting, fails
at start-up with an error naming what is missing or wrong (``cms.checks``)."""

import pytest
from django.test import override_settings

from cms.checks import PLATFORM_REQUIRES, check_herald_apps


def herald_errors():
    return [error for error in check_herald_apps() if error.id.startswith("herald.")]


def test_our_site_passes():
    assert herald_errors() == []


def test_every_platform_app_and_plugin_registers_its_checks():
    from cms.checks import _registered

    assert set(_registered) >= {
        "news",
        "directory",
        "delivery",
        "publishing",
        "webhooks",
        "preview",
        "countries",
        "cms_search",
    }
    assert _registered["news"][1] == (
        *PLATFORM_REQUIRES,
        "cms.countries",
        "cms.search",
        "wagtail.embeds",
    )


def test_a_missing_app_is_one_error_naming_it_and_who_needs_it(monkeypatch):
    from cms import checks

    monkeypatch.setattr(checks.apps, "is_installed", lambda name: name != "wagtail.embeds")
    [error] = herald_errors()
    assert error.id == "herald.E001"
    assert error.msg == "'wagtail.embeds' is not in INSTALLED_APPS; 'news' needs it."
    assert "Add 'wagtail.embeds' to INSTALLED_APPS" in error.hint


def test_a_platform_library_missing_is_reported_once(monkeypatch):
    from cms import checks

    monkeypatch.setattr(checks.apps, "is_installed", lambda name: name != "rest_framework")
    [error] = herald_errors()
    assert error.msg.startswith(
        "'rest_framework' is not in INSTALLED_APPS; 'news', 'news.wires', 'directory'"
    )
    assert "'cms.delivery'" in error.msg


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("FRONTEND_URL", "www.example.com", "must be an absolute http(s) URL"),
        ("FRONTEND_URL", "https://www.example.com/", "must not end with '/'"),
        ("WAGTAILAPI_BASE_URL", None, "must be a string"),
        ("TRUSTED_PROXIES", "127.0.0.1", "must be a list of strings"),
        ("TRUSTED_PROXIES", ["10.0.0.0/8"], "must list IP addresses"),
        ("API_CACHE_SECONDS", -1, "must be an integer >= 0"),
        ("SEARCH_HALF_LIFE_DAYS", "90", "must be a number > 0"),
        ("API_DOCUMENTS", "yes", "must be True or False"),
        ("API_DOCUMENTS_RENDERER", "render", "must be a dotted path"),
        ("PREVIEW_TOKEN_MAX_AGE", 0, "must be an integer > 0"),
        ("SCHEDULER_INTERVAL", 0, "must be a number > 0"),
        ("WEBHOOK_MAX_ATTEMPTS", 0, "must be an integer > 0"),
        ("DIRECTORY_LINK_CHECK", [], "must be a dict"),
    ],
)
def test_a_malformed_setting_is_an_error_naming_it(name, value, says):
    with override_settings(**{name: value}):
        [error] = herald_errors()
    assert error.id == "herald.E002"
    assert error.msg.startswith(f"The setting {name} {says}")


def test_the_defaults_pass_the_checks(settings):
    from cms.checks import _registered

    for _, _, app_settings in _registered.values():
        if app_settings is None:
            continue
        for name in app_settings.all_defaults():
            if hasattr(settings, name):
                delattr(settings, name)
    assert herald_errors() == []
