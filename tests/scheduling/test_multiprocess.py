"""Several real schedulers at once: every scheduled story goes live exactly once.

Four ``manage.py run_scheduler`` processes share the test database with about
twenty stories due around now; the test waits until every story is live and
every webhook delivered, stops the schedulers with SIGTERM, then counts: one
scheduled-publish log entry, one purge and one webhook per story.
"""

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.webhooks.models import WebhookDelivery, WebhookSubscription
from news.factories import ArticlePageFactory
from news.models import ArticlePage
from tests.scheduling.conftest import make_due, schedule

ROOT = Path(__file__).resolve().parents[2]
STORIES = 20
SCHEDULERS = 4
DEADLINE = 90


def database_url():
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def start_schedulers(n, receiver, extra_env=None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
        "FRONTEND_URL": receiver.url,
        "SCHEDULER_INTERVAL": "0.5",
        "LOG_LEVEL": "INFO",
        **(extra_env or {}),
    }
    return [
        subprocess.Popen(
            [sys.executable, "manage.py", "run_scheduler"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(n)
    ]


def stop(processes):
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    outputs = []
    for process in processes:
        try:
            _out, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            _out, err = process.communicate()
        outputs.append((process.returncode, err))
    return outputs


def wait_until(condition, processes, deadline=DEADLINE):
    """Poll the database until ``condition()`` holds (or a scheduler died, or time is up)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if condition():
            return True
        if any(p.poll() is not None for p in processes):
            return False
        time.sleep(0.2)  # polling an observable condition, with a deadline
    return False


@pytest.mark.postgres
@pytest.mark.multiprocess
# Transactional, so the scheduler processes see the data; serialized_rollback gives the
# test the migrated rows (root page, default site) even after an earlier flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_several_schedulers_publish_each_story_once(section, receiver):
    WebhookSubscription.objects.create(url=receiver.url + "/hook", events=["published"])
    now = timezone.now()
    stories = []
    for n in range(STORIES):
        story = ArticlePageFactory(parent=section, title=f"Scheduled story {n}", live=False)
        revision = schedule(story, now + timedelta(hours=1))
        # Half are overdue, half become due within the next few seconds.
        make_due(revision, now + timedelta(seconds=(n % 10) * 0.3 if n % 2 else -1))
        stories.append(story)

    processes = start_schedulers(SCHEDULERS, receiver)
    try:
        published = wait_until(
            lambda: (
                ArticlePage.objects.filter(live=True).count() == STORIES
                and WebhookDelivery.objects.filter(status="delivered").count() >= STORIES
            ),
            processes,
        )
    finally:
        outputs = stop(processes)
    logs = "\n".join(err for _code, err in outputs)
    assert published, logs[-5000:]
    assert [code for code, _err in outputs] == [0] * SCHEDULERS, logs[-5000:]
    assert all("stopped" in err for _code, err in outputs)

    publish_logs = Counter(
        PageLogEntry.objects.filter(action="wagtail.publish.scheduled").values_list(
            "page_id", flat=True
        )
    )
    assert publish_logs == {story.pk: 1 for story in stories}

    purges = Counter()
    for payload in receiver.json_on("/_purge"):
        for url in payload["urls"]:
            purges[url.removeprefix(receiver.url)] += 1
    assert {f"/world/{story.slug}/": purges[f"/world/{story.slug}/"] for story in stories} == {
        f"/world/{story.slug}/": 1 for story in stories
    }

    hooks = Counter(payload["page"]["id"] for payload in receiver.json_on("/hook"))
    assert hooks == {story.pk: 1 for story in stories}

    assert logs.count("Published scheduled revision") == STORIES
    # The registered periodic jobs ran too: each due slot by one process only.
    job_slots = Counter(re.findall(r"Running job (\S+) \(due (\S+)\)", logs))
    assert job_slots and set(job_slots.values()) == {1}, job_slots


SQLITE_SETUP = """
import json, django
django.setup()
from datetime import timedelta
from django.utils import timezone
from home.factories import get_or_create_home
from cms.webhooks.models import WebhookSubscription
from news.factories import ArticlePageFactory, SectionPageFactory
from tests.scheduling.conftest import make_due, schedule
import sys
home = get_or_create_home()
section = SectionPageFactory(parent=home, title="World", slug="world")
WebhookSubscription.objects.create(url=sys.argv[1] + "/hook", events=["published"])
now = timezone.now()
stories = []
for n in range(int(sys.argv[2])):
    story = ArticlePageFactory(parent=section, title=f"Scheduled story {n}", live=False)
    revision = schedule(story, now + timedelta(hours=1))
    make_due(revision, now + timedelta(seconds=(n % 5) * 0.3 if n % 2 else -1))
    stories.append({"id": story.pk, "slug": story.slug})
print(json.dumps(stories))
"""


@pytest.mark.skipif(
    "sqlite" not in connection.settings_dict["ENGINE"],
    reason="the SQLite variant runs in the SQLite run (the PostgreSQL run has its own)",
)
def test_two_schedulers_on_one_sqlite_file_publish_each_story_once(tmp_path, receiver):
    import json
    import sqlite3

    db_file = tmp_path / "scheduling.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{db_file}",
        "VAR_DIR": str(tmp_path),
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    created = subprocess.run(
        [sys.executable, "-c", SQLITE_SETUP, receiver.url, "12"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    stories = json.loads(created.stdout.strip().splitlines()[-1])
    ids = [story["id"] for story in stories]

    def query(sql, *params):
        with sqlite3.connect(db_file, timeout=20) as db:
            return db.execute(sql, params).fetchall()

    def all_live_and_told():
        live = {pk for (pk,) in query("SELECT id FROM wagtailcore_page WHERE live")}
        told = query("SELECT count(*) FROM webhooks_webhookdelivery WHERE status='delivered'")
        return live >= set(ids) and told[0][0] >= len(ids)

    processes = start_schedulers(
        2, receiver, {"DATABASE_URL": env["DATABASE_URL"], "VAR_DIR": env["VAR_DIR"]}
    )
    try:
        published = wait_until(all_live_and_told, processes)
    finally:
        outputs = stop(processes)
    logs = "\n".join(err for _code, err in outputs)
    assert published, logs[-5000:]
    assert [code for code, _err in outputs] == [0, 0], logs[-5000:]

    publish_logs = dict(
        query(
            "SELECT page_id, count(*) FROM wagtailcore_pagelogentry "
            "WHERE action='wagtail.publish.scheduled' GROUP BY page_id"
        )
    )
    assert publish_logs == {pk: 1 for pk in ids}
    purges = Counter()
    for payload in receiver.json_on("/_purge"):
        for url in payload["urls"]:
            purges[url.removeprefix(receiver.url)] += 1
    assert [purges[f"/world/{story['slug']}/"] for story in stories] == [1] * len(stories)
    hooks = Counter(payload["page"]["id"] for payload in receiver.json_on("/hook"))
    assert hooks == {pk: 1 for pk in ids}
    assert logs.count("Published scheduled revision") == len(ids)


def test_scheduler_keeps_retrying_an_unreachable_database_and_stops_on_sigterm(tmp_path):
    """No crash loop: database errors are logged with a growing pause; SIGTERM still stops it."""
    import selectors

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nowhere",
        "VAR_DIR": str(tmp_path),
        "SCHEDULER_INTERVAL": "0.1",
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduler"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = []
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    end = time.monotonic() + 60
    try:
        while time.monotonic() < end and not any("(3 consecutive)" in line for line in seen):
            if selector.select(timeout=1):
                line = process.stderr.readline()
                if not line:
                    break
                seen.append(line)
        assert process.poll() is None, "".join(seen)[-3000:]
        process.send_signal(signal.SIGTERM)
        _, rest = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    log = "".join(seen) + rest
    assert process.returncode == 0, log[-3000:]
    pauses = [
        float(p)
        for p in re.findall(r"Database error \(\d+ consecutive\).*retrying in ([\d.]+)s", log)
    ]
    assert pauses[:3] == [0.2, 0.4, 0.8], log[-3000:]
    assert "SIGTERM received, stopping" in log and log.rstrip().endswith("stopped")
