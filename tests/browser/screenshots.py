"""Full-page screenshots of the main pages, for people to look at: ``make screenshots``.

Starts the CMS (``manage.py runserver``, on the database ``make demo`` filled, i.e. whatever
``DATABASE_URL`` says, by default ``var/db.sqlite3``) and the frontend (uvicorn) on free
ports, then drives Debian's Chromium through Playwright and writes
``var/screenshots/<desktop|phone>-<page>.png`` at 1280 and 390 pixels wide: the public
pages and the Wagtail admin (dashboard, story editor) logged in as the demo editor.

Not a test (pytest collects ``test_*.py`` only); run as ``python tests/browser/screenshots.py``.
Exits non-zero, after saving what it could, when a page answers 5xx or another status than
expected; the servers' output is in ``var/screenshots/*.log``.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "screenshots"
STORY_PATH = "/world/putin-erdogan-to-boost-dialogue-on-idlib-violence/"
EDITOR = ("editor", "herald-editor")  # load_demo's editor (README, "Demo logins")
WIDTHS = {"desktop": 1280, "phone": 390}
START_TIMEOUT = 60  # seconds for a server to answer HTTP
PAGE_TIMEOUT = 60_000  # milliseconds; first views also make image renditions


class ScreenshotError(Exception):
    pass


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def process(name, args, env):
    """A server subprocess with its output in ``var/screenshots/<name>.log``; always stopped."""
    log_path = OUT / f"{name}.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        proc.log_path = log_path
        try:
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_until_answering(proc, url):
    """Poll ``url`` until it answers HTTP at all (any status), the process dies, or time is up."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if proc.poll() is not None:
            raise ScreenshotError(f"{url} exited with {proc.returncode}: see {proc.log_path}")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise ScreenshotError(
                    f"{url} did not answer in {START_TIMEOUT}s: see {proc.log_path}"
                ) from None
            time.sleep(0.1)


def api_get(cms, path, **params):
    response = httpx.get(f"{cms}/api/{path}", params=params, timeout=30)
    if response.status_code >= 400:
        raise ScreenshotError(
            f"GET /api/{path} {params} answered {response.status_code}; has `make demo` run?"
        )
    return response.json()


def first_page(cms, page_type, **filters):
    items = api_get(cms, "v2/pages/", type=page_type, limit=1, **filters)["items"]
    if not items:
        raise ScreenshotError(f"no live {page_type} {filters}; has `make demo` run?")
    return items[0]


def public_path(page):
    return urlsplit(page["meta"]["html_url"]).path


def public_pages(cms):
    """(name, path, expected status) of the public pages, found through the CMS API."""
    story = api_get(cms, "v2/pages/find/", html_path=STORY_PATH)
    section = api_get(cms, "v2/pages/find/", html_path="/world/")
    directory = first_page(cms, "directory.DirectoryIndexPage")
    country = first_page(cms, "directory.CountryPage", title="Venezuela")
    category = first_page(cms, "directory.LinkCategoryPage", child_of=country["id"])
    if not story.get("tags"):
        raise ScreenshotError(f"the story {STORY_PATH} has no tags for the tag page")
    return [
        ("home", "/", 200),
        ("section", public_path(section), 200),
        ("article", public_path(story), 200),
        ("directory", public_path(directory), 200),
        ("country", public_path(country), 200),
        ("link-category", public_path(category), 200),
        ("search", "/search/?q=oil", 200),
        ("tag", f"/tags/{quote(story['tags'][0])}/", 200),
        ("newsletter", "/newsletter/", 200),
        ("not-found", "/no-such-page-here/", 404),
    ], story["id"]


def shoot(page, url, expected, path, problems):
    response = page.goto(url, wait_until="networkidle")
    status = response.status if response else None
    page.screenshot(path=path, full_page=True)
    if status is None or status >= 500 or status != expected:
        problems.append(f"{url} answered {status}, expected {expected} ({path.name})")


def log_in(page, cms):
    page.goto(f"{cms}/admin/login/")
    page.fill("#id_username", EDITOR[0])
    page.fill("#id_password", EDITOR[1])
    page.click("button[type=submit]")
    page.wait_for_url(f"{cms}/admin/")


def take_screenshots(cms, site):
    executable = shutil.which("chromium")
    if executable is None:
        raise ScreenshotError("Chromium is not installed: run `make browser`")
    pages, story_id = public_pages(cms)
    admin = [
        ("admin-dashboard", "/admin/", 200),
        ("admin-editor", f"/admin/pages/{story_id}/edit/", 200),
    ]
    saved, problems = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True)
        try:
            for label, width in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": 900})
                context.set_default_timeout(PAGE_TIMEOUT)
                page = context.new_page()
                for name, path, expected in pages:
                    target = OUT / f"{label}-{name}.png"
                    shoot(page, site + path, expected, target, problems)
                    saved.append(target)
                log_in(page, cms)
                for name, path, expected in admin:
                    target = OUT / f"{label}-{name}.png"
                    shoot(page, cms + path, expected, target, problems)
                    saved.append(target)
                context.close()
        finally:
            browser.close()
    return saved, problems


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    cms_port, site_port = free_port(), free_port()
    cms, site = f"http://127.0.0.1:{cms_port}", f"http://127.0.0.1:{site_port}"
    env = dict(
        os.environ,
        CMS_PORT=str(cms_port),  # the API's absolute media URLs (WAGTAILAPI_BASE_URL)
        FRONTEND_URL=site,
        FRONTEND_PORT=str(site_port),
        CMS_API_URL=f"{cms}/api/",
        FRONTEND_PURGE_SECRET=os.environ.get("FRONTEND_PURGE_SECRET") or "dev-purge-secret",
        PYTHONUNBUFFERED="1",
    )
    cms_args = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{cms_port}"]
    site_args = [sys.executable, "-m", "uvicorn", "--factory", "frontend.app:create_app"]
    site_args += ["--host", "127.0.0.1", "--port", str(site_port)]
    try:
        with ExitStack() as stack:
            cms_proc = stack.enter_context(process("cms", cms_args, env))
            site_proc = stack.enter_context(process("frontend", site_args, env))
            wait_until_answering(cms_proc, f"{cms}/api/v2/pages/")
            wait_until_answering(site_proc, f"{site}/robots.txt")
            saved, problems = take_screenshots(cms, site)
    except ScreenshotError as e:
        sys.exit(f"screenshots: {e}")
    for path in saved:
        print(path.relative_to(ROOT))
    if problems:
        sys.exit("screenshots: pages answered with errors:\n  " + "\n  ".join(problems))


if __name__ == "__main__":
    main()
