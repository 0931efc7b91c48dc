"""The proof of docs/plugins.md: a Wagtail site that is not ours installs the plugins.

Once per module: a new virtual environment, ``pip install`` of this checkout (not editable;
its libraries come from the package index, through pip's cache), ``wagtail start hostsite``,
the settings and the include() that docs/plugins.md shows, ``migrate``, and the site served by
``runserver`` on a free port. The tests then write a section and a story through the v3 API,
read them through v2 and v3, run the scheduler once, and look at the starter's own pages.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
INCLUDE = 'path("", include("cms.delivery.urls")),'
#: What a copy of the checkout leaves behind (the copy keeps pip's in-tree build/ out of ours).
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "var", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "node_modules"
)


class Host:
    def __init__(self, base):
        self.base = base
        self.venv = base / "venv"
        self.python = self.venv / "bin" / "python"
        self.dir = base / "hostsite"
        self.url = None
        self.env = {
            name: value
            for name, value in os.environ.items()
            if name not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH", "VIRTUAL_ENV")
            and not name.startswith(("FRONTEND_", "API_", "DATABASE_", "WAGTAIL"))
        }

    def run(self, *args, cwd=None, timeout=300, **env):
        result = subprocess.run(
            [str(arg) for arg in args],
            cwd=cwd or self.dir,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def manage(self, *args, **env):
        return self.run(self.python, "manage.py", *args, **env)

    def get(self, path, *, follow=True):
        return self.request("GET", path, follow=follow)

    def request(self, method, path, data=None, token=None, follow=True):
        headers = {"Content-Type": "application/json"} if data is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        body = json.dumps(data).encode() if data is not None else None
        request = urllib.request.Request(self.url + path, body, headers, method=method)
        opener = urllib.request.build_opener(*([] if follow else [NoRedirect()]))
        try:
            with opener.open(request, timeout=60) as response:
                return (
                    response.status,
                    dict(response.headers),
                    response.read().decode(errors="replace"),
                )
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode(errors="replace")

    def json(self, path):
        status, _, body = self.get(path)
        assert status == 200, (path, status, body[:2000])
        return json.loads(body)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def settings_block():
    """The ``INSTALLED_APPS += [...]`` block of docs/plugins.md."""
    text = (ROOT / "docs" / "plugins.md").read_text()
    [block] = re.findall(r"```python\n(INSTALLED_APPS \+= \[.*?\])\n```", text, re.S)
    return block


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    started = time.monotonic()
    timings = []

    def lap(what):
        timings.append(f"{what} {time.monotonic() - started:.0f}s")

    base = tmp_path_factory.mktemp("host")
    host = Host(base)
    checkout = base / "herald"
    shutil.copytree(ROOT, checkout, ignore=NOT_COPIED)
    host.run(sys.executable, "-m", "venv", host.venv, cwd=base)
    host.run(host.python, "-m", "pip", "install", "--quiet", checkout, cwd=base, timeout=600)
    lap("installed")
    host.run(host.venv / "bin" / "wagtail", "start", "hostsite", cwd=base)

    # Settings and URLs as docs/plugins.md shows them.
    assert INCLUDE in (ROOT / "docs" / "plugins.md").read_text()
    settings_file = host.dir / "hostsite" / "settings" / "base.py"
    settings_file.write_text(settings_file.read_text() + "\n\n" + settings_block() + "\n")
    urls_file = host.dir / "hostsite" / "urls.py"
    urls = urls_file.read_text()
    catch_all = '    path("", include(wagtail_urls)),\n'
    assert urls.count(catch_all) == 1
    urls_file.write_text(urls.replace(catch_all, f"    {INCLUDE}\n{catch_all}"))

    host.manage("migrate", "--noinput")
    lap("migrated")
    host.manage(
        "createsuperuser",
        "--noinput",
        "--username=admin",
        "--email=admin@example.com",
        DJANGO_SUPERUSER_PASSWORD="host-admin",
    )
    port = free_port()
    log = open(base / "runserver.log", "w")  # noqa: SIM115  (closed below)
    server = subprocess.Popen(
        [host.python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=host.dir,
        env=host.env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    host.url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(host.url + "/admin/login/", timeout=5).close()
            break
        except OSError as error:
            if server.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail(
                    f"runserver did not start ({error}):\n{(base / 'runserver.log').read_text()}"
                )
            time.sleep(0.2)
    lap("serving")
    print("host site:", ", ".join(timings))  # noqa: T201
    try:
        yield host
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def token(host):
    return host.manage("api_tokens", "create", "--user", "admin", "--name", "wire ingest").strip()


@pytest.fixture(scope="module")
def story(host, token):
    """A section under the starter's home page and a story in it, written through API v3."""
    [home] = host.json("/api/v2/pages/?type=home.HomePage")["items"]
    status, _, body = host.request(
        "POST",
        "/api/v3/pages/",
        {
            "meta": {"type": "news.SectionPage", "parent_id": home["id"], "action": "publish"},
            "title": "World",
            "slug": "world",
        },
        token=token,
    )
    assert status == 201, body
    section = json.loads(body)
    status, _, body = host.request(
        "POST",
        "/api/v3/pages/",
        {
            "meta": {"type": "news.ArticlePage", "parent_id": section["id"], "action": "publish"},
            "title": "Bolívar Slides Again",
            "slug": "bolivar-slides-again",
            "deck": "The currency lost 3% in a day.",
            "dateline_city": "Caracas",
            "bylines": [{"name": "EFE"}],
            "countries": [],
            "body": [{"type": "paragraph", "value": "<p>The bolívar fell on Tuesday.</p>"}],
            "tags": ["bolivar"],
        },
        token=token,
    )
    assert status == 201, body
    return json.loads(body)


def test_the_checkout_installs_the_plugins_without_our_site(host):
    site_packages = Path(
        host.run(
            host.python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"
        ).strip()
    )
    for installed in ("cms/delivery/urls.py", "news/models.py", "directory/models.py"):
        assert (site_packages / installed).exists(), installed
    assert (site_packages / "cms/preview/templates/preview/headless_page.html").exists()
    for ours in ("home", "cms/settings", "cms/urls.py", "cms/wsgi.py"):
        assert not (site_packages / ours).exists(), ours
    host.run(host.python, "-m", "pip", "check")
    # The site's own home app is the one Django loads.
    out = host.manage("shell", "-c", "import home; print(home.__file__)")
    assert out.strip().splitlines()[-1] == str(host.dir / "home" / "__init__.py")


def test_the_site_passes_its_checks(host):
    assert "no issues" in host.manage("check")


def test_stories_written_through_v3_read_through_v2_and_v3(host, story):
    assert story["meta"]["type"] == "news.ArticlePage"
    listing = host.json("/api/v2/pages/?type=news.ArticlePage&fields=*")
    [item] = listing["items"]
    assert item["title"] == "Bolívar Slides Again"
    assert item["dateline"] == "CARACAS –"
    assert item["section"]["title"] == "World"
    assert item["tags"] == ["bolivar"]
    sections = host.json("/api/v2/pages/?type=news.SectionPage")["items"]
    assert [section["title"] for section in sections] == ["World"]

    v3 = host.json("/api/v3/pages/?type=news.ArticlePage")
    assert [page["title"] for page in v3["items"]] == ["Bolívar Slides Again"]
    detail = host.json(f"/api/v3/pages/{story['id']}/")
    assert detail["deck"] == "The currency lost 3% in a day."


def test_the_link_directory_and_the_openapi_document(host):
    assert host.json("/api/v3/directory/links/")["items"] == []
    paths = host.json("/api/v3/openapi.json")["paths"]
    assert "/api/v3/directory/links/" in paths
    assert host.json("/api/v2/images/")["items"] == []


def test_a_story_with_wagtails_own_image_model(host, story):
    host.manage(
        "shell",
        "-c",
        "import io\n"
        "from PIL import Image as P\n"
        "from django.core.files.images import ImageFile\n"
        "from wagtail.images.models import Image\n"
        "from news.models import ArticlePage\n"
        "buf = io.BytesIO(); P.new('RGB', (64, 48), 'red').save(buf, 'PNG')\n"
        "image = Image.objects.create(title='Red square', file=ImageFile(buf, name='red.png'))\n"
        f"page = ArticlePage.objects.get(pk={story['id']})\n"
        "page.lead_image = image\n"
        "page.save_revision().publish()\n",
    )
    data = host.json(f"/api/v2/pages/{story['id']}/?fields=lead_image")
    image = data["lead_image"]
    assert (image["alt"], image["caption"], image["credit"]) == ("Red square", "", "")
    status, _, _ = host.get(image["renditions"]["small"]["url"])
    assert status == 200


def test_the_scheduler_runs_once(host, story):
    out = host.manage("run_scheduler", "--once")
    assert out.startswith("expired 0, published 0")


def test_the_starters_home_page_still_serves(host, story):
    status, _, body = host.get("/")
    assert status == 200
    assert "Welcome to your new Wagtail site" in body


def test_a_story_on_the_cms_origin_is_never_a_500(host, story):
    path = "/world/bolivar-slides-again/"
    status, headers, body = host.get(path, follow=False)
    assert status == 200  # no FRONTEND_URL: the minimal page
    assert "<h1>Bolívar Slides Again</h1>" in body
    assert f'href="/api/v2/pages/{story["id"]}/"' in body
    status, _, _ = host.get("/world/", follow=False)
    assert status == 200
