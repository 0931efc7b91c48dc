"""A database made by the release before the platform apps migrates forward with nothing lost.

The previous release's code (from git) builds a database with the demo publication; the
current code migrates it. Row counts, content types, the page tree, revisions and the API
answer of every story must be the same before and after, the moved tables under their new
apps.
"""

import json
import os
import subprocess
import sys
import tarfile
import uuid
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
# The last commit before the platform apps existed: the release being upgraded from.
PREVIOUS_RELEASE = "60b3c78"
SNAPSHOT = Path(__file__).with_name("snapshot_site.py")
# Models the upgrade moved out of this site's home app: old label → new label.
MOVED = {
    "home.country": "countries.country",
    "home.apidocument": "delivery.apidocument",
    "home.apidocumentdependency": "delivery.apidocumentdependency",
    "home.apidocumentstate": "delivery.apidocumentstate",
    "home.pagepreview": "preview.pagepreview",
    "home.jobrun": "publishing.jobrun",
    "home.webhooksubscription": "webhooks.webhooksubscription",
    "home.webhookdelivery": "webhooks.webhookdelivery",
}
# Rows the current code adds or renames on purpose (none are user data).
CHANGED_BY_MIGRATE = {"django_migrations"}
# Rows migrations add on purpose: the Spanish content locale (home/migrations/0009), and
# wagtail-localize's "Can submit translations", beside its model's default permissions.
ADDED_BY_MIGRATE = {"wagtailcore.locale": 1, "auth.permission": 1}


def _database_url(tmp_path: Path) -> tuple[str, callable]:
    """A throwaway database of the suite's own kind (SQLite file or PostgreSQL)."""
    default = settings.DATABASES["default"]
    if default["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{tmp_path / 'upgrade.sqlite3'}", lambda: None
    import psycopg

    name = f"upgrade_{uuid.uuid4().hex[:12]}"
    dsn = dict(
        host=default["HOST"] or "127.0.0.1",
        port=default["PORT"] or 5432,
        user=default["USER"],
        dbname="postgres",
    )
    with psycopg.connect(**dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(**dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    user = default["USER"] or "postgres"
    return f"postgres://{user}@{dsn['host']}:{dsn['port']}/{name}", drop


def _run(code_dir: Path, env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=code_dir,
        # The snapshot script imports the code it runs against (home, cms.settings): the
        # installed package has neither (pyproject.toml), so code_dir comes first.
        env={**env, "PYTHONPATH": str(code_dir)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"{args} in {code_dir}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def upgrade(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("upgrade")
    archive = subprocess.run(
        ["git", "archive", "--format=tar", PREVIOUS_RELEASE],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert archive.returncode == 0, (
        f"the previous release {PREVIOUS_RELEASE} must be in the clone's history: "
        + archive.stderr.decode()
    )
    old_code = tmp_path / "previous"
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(old_code, filter="data")
    url, drop = _database_url(tmp_path)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": url,
        "VAR_DIR": str(tmp_path / "var"),
        "PYTHONPATH": "",
    }
    # Run as -c, not as a file: a script's own folder would come first on sys.path, and the
    # code under test must be the working directory's (the old release's, then ours).
    snapshot = ["-c", SNAPSHOT.read_text()]
    try:
        _run(old_code, env, "manage.py", "migrate", "--noinput")
        _run(old_code, env, "manage.py", "load_demo")
        before = json.loads(_run(old_code, env, *snapshot))
        _run(ROOT, env, "manage.py", "migrate", "--noinput")
        after = json.loads(_run(ROOT, env, *snapshot))
    finally:
        drop()
    return before, after


def test_every_row_is_still_there_with_moved_models_under_their_new_apps(upgrade):
    before, after = upgrade
    expected = {MOVED.get(label, label): count for label, count in before["counts"].items()}
    # Apps added since (django-axes…) bring their own content types and default permissions.
    known = {MOVED.get(label, label) for label in before["content_types"]}
    added = set(after["content_types"]) - known
    expected["contenttypes.contenttype"] += len(added)
    expected["auth.permission"] += 4 * len(added)
    # …and may grant them to Wagtail's groups (the wire desk's to Editors and Moderators).
    expected["auth.group_permissions"] += sum(after["group_grants"].get(ct, 0) for ct in added)
    for label, rows in ADDED_BY_MIGRATE.items():
        expected[label] += rows
    kept = {label: after["counts"].get(label) for label in expected}
    assert kept == expected


def test_moved_models_keep_their_content_type_ids_so_permissions_survive(upgrade):
    before, after = upgrade
    for old, new in MOVED.items():
        assert after["content_types"][new] == before["content_types"][old], old
        assert old not in after["content_types"]


def test_the_page_tree_and_revisions_are_unchanged(upgrade):
    before, after = upgrade
    assert after["tree"] == before["tree"]
    assert after["revisions"] == before["revisions"]


def as_previous_release(answer):
    """A story's API answer in the previous release's shape, undoing what changed on purpose
    since: a byline's author was ``{id, meta}`` (now the author's summary), corrections
    had no kind (the rows stored before read as corrections), and there were no locales
    (every story is English, with no translations yet)."""
    status, data = answer
    data = json.loads(json.dumps(data))
    if "meta" in data:
        assert data["meta"].pop("locale") == "en"
        assert data["meta"].pop("translations") == []
    for byline in data.get("bylines") or []:
        if isinstance(byline.get("author"), dict):
            byline["author"] = {"id": byline["author"]["id"], "meta": {"type": "news.Author"}}
    for correction in data.get("corrections") or []:
        assert correction.pop("kind") == "correction"
    return [status, data]


def test_every_story_reads_the_same_through_the_api(upgrade):
    before, after = upgrade
    assert before["stories"], "the demo publication has stories"
    assert {
        page_id: as_previous_release(answer) for page_id, answer in after["stories"].items()
    } == before["stories"]


def test_search_finds_the_same_stories_at_once_after_the_upgrade(upgrade):
    before, after = upgrade
    assert before["search"], "the demo's seed story mentions Idlib"
    assert after["search"] == before["search"]
