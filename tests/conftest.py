import io
import signal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Site

from home.factories import get_or_create_home
from news.factories import ArticlePageFactory, SectionPageFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty local-memory cache: what a previous test kept under an
    API cache generation (counts, hidden subtrees) describes a database rolled back since."""
    cache.clear()


@pytest.fixture
def database_tasks(settings):
    """Tasks queued in the database (django-tasks' database backend), for ``run_worker``; the
    signal handlers ``db_worker`` installs are put back after the test."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    names = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {name: signal.getsignal(name) for name in names}
    yield
    for name, handler in saved.items():
        signal.signal(name, handler)


def run_worker():
    """One round of a real worker: every task that is due, then exit."""
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-reload", verbosity=0
    )


@pytest.fixture
def home(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return get_or_create_home()


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="World", slug="world")


@pytest.fixture
def article(section):
    return ArticlePageFactory(
        parent=section,
        title="Putin, Erdogan to Boost Dialogue on Idlib Violence",
        dateline_city="Moscow",
    )


@pytest.fixture
def make_token(db):
    """``make_token(user, name)``: a v3 API bearer token, made as an operator would."""

    def make(user, name="test"):
        out = io.StringIO()
        call_command("api_tokens", "create", "--user", user.username, "--name", name, stdout=out)
        return out.getvalue().strip()

    return make


def pytest_collection_modifyitems(config, items):
    """``@pytest.mark.postgres`` tests run only when DATABASE_URL points at PostgreSQL."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL to a postgres:// URL")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def pytest_sessionfinish(session):
    """Remove the SQLite test database's WAL files (Django removes only the database)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and database["TEST"].get("NAME"):
        for suffix in ("-wal", "-shm"):
            Path(database["TEST"]["NAME"] + suffix).unlink(missing_ok=True)
