"""The frontend is a separate process: importing it never pulls in Django or the CMS apps."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import sys
import frontend.app, frontend.api_client, frontend.cache, frontend.pages
import frontend.rendering, frontend.seo, frontend.newsletter, frontend.settings
import frontend.state, frontend.renderer, frontend.page_cache, frontend.page_types
import frontend.paging, frontend.widgets, frontend.breadcrumbs, frontend.listings, frontend.chrome
import frontend.routes.pages, frontend.routes.feeds, frontend.routes.newsletter
import frontend.routes.machinery, frontend.routes.preview
app = frontend.app.create_app()
forbidden = ("django", "wagtail", "cms", "home", "news", "directory")
found = sorted(name for name in sys.modules if name.split(".")[0] in forbidden)
print(",".join(found))
"""


def test_importing_the_frontend_loads_no_django_wagtail_or_cms_module():
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "CMS_API_URL": "http://127.0.0.1:9/api/"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_frontend_reads_no_environment_outside_its_settings_module():
    for path in (ROOT / "frontend").rglob("*.py"):
        if path == ROOT / "frontend" / "settings.py":
            continue
        source = path.read_text()
        assert "os.environ" not in source and "getenv" not in source, path.name
