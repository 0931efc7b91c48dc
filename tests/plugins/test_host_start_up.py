"""A host site starting up, in a new process: with everything it passes ``manage.py check``;
without an app a plugin needs, or with a malformed setting, it fails naming what is wrong."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def host_check(drop=(), **settings):
    """``manage.py check`` of a host site (tests/plugins/host_settings.py) in a new process."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.plugins.host_settings",
        "HERALD_TEST_DROP_APPS": ",".join(drop),
        "HERALD_TEST_SETTINGS": json.dumps(settings),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


@pytest.mark.timeout(300)
def test_a_host_site_with_everything_passes():
    code, output = host_check()
    assert code == 0, output
    assert "no issues" in output


@pytest.mark.timeout(300)
def test_a_host_site_without_wagtails_api_v3_fails_naming_it():
    code, output = host_check(drop=["wagtail.api.v3"])
    assert code != 0
    assert "(herald.E001) 'wagtail.api.v3' is not in INSTALLED_APPS; 'news'" in output


@pytest.mark.timeout(300)
def test_a_host_site_without_a_platform_app_fails_naming_it():
    """The plugins' models build on the platform's: the error comes before they are imported."""
    code, output = host_check(drop=["cms.preview"])
    assert code != 0
    assert "ImproperlyConfigured: (herald.E001) 'cms.preview' is not in INSTALLED_APPS" in output


@pytest.mark.timeout(300)
def test_a_host_site_with_a_malformed_setting_fails_naming_it():
    code, output = host_check(FRONTEND_URL="https://www.example.com/")
    assert code != 0
    assert "(herald.E002) The setting FRONTEND_URL must not end with '/'" in output
