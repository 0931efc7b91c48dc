"""``manage.py check --deploy`` with the production settings and the environment
docs/deployment.md lists reports nothing."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_with_the_documented_production_environment_reports_no_issue(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "SECURE_", "DEBUG"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "cms.laht.example",
            "CSRF_TRUSTED_ORIGINS": "https://cms.laht.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "FRONTEND_URL": "https://www.laht.example",
            "FRONTEND_PURGE_SECRET": secrets.token_urlsafe(32),
            "WAGTAILAPI_BASE_URL": "https://cms.laht.example",
            "WAGTAILADMIN_BASE_URL": "https://cms.laht.example",
            "TRUSTED_PROXIES": "10.0.0.11,10.0.0.12",
            "VAR_DIR": str(tmp_path),
        }
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
