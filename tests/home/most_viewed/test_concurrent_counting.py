"""Most viewed, counting under concurrency: nothing lost when views race in the database,
in one SQLite file from several processes, or in Redis, and Redis batches flushed to the
database exactly once, by the periodic job or after a crash."""

import functools
import io
import os
import sqlite3
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import redis
from django.core.management import call_command
from django.db import connection

from cms.publishing.jobs import get_jobs
from home.most_viewed.counting import flush_view_counts, page_is_countable, record_hit
from home.most_viewed.models import PageViewCount, ViewCountFlush
from tests.home.most_viewed.conftest import BROWSER, HITS, LIVE_DB, total_views

ROOT = Path(__file__).resolve().parents[3]


CONCURRENT_VIEWS = 200


@pytest.fixture
def redis_counters(settings):
    """Count in Redis under a key prefix of this test's own, removed afterwards."""
    url = settings.REDIS_URL or "redis://127.0.0.1:6379/0"
    prefix = f"test-views-{uuid.uuid4().hex}"
    settings.MOST_VIEWED_BACKEND = "redis"
    settings.MOST_VIEWED_REDIS_URL = url
    settings.MOST_VIEWED_REDIS_PREFIX = prefix
    client = redis.Redis.from_url(url)
    yield client
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


def fire_concurrent_hits(base_url, page_id, count):
    """POST ``count`` hits from 16 threads at once; every answer must be 202."""

    def one(_):
        with httpx.Client(base_url=base_url, timeout=30) as http:
            response = http.post(HITS, json={"page_id": page_id}, headers={"User-Agent": BROWSER})
            return response.status_code, response.json()

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(one, range(count)))
    assert results == [(202, {"counted": True})] * count


SQLITE_SETUP = """
import django
django.setup()
from home.factories import get_or_create_home
from news.factories import ArticlePageFactory, SectionPageFactory
section = SectionPageFactory(parent=get_or_create_home(), title="World", slug="world")
print(ArticlePageFactory(parent=section, title="Counted story").pk)
"""


SQLITE_COUNTER = """
import sys, django
django.setup()
from home.most_viewed.counting import record_hit
page_id, hits, user_agent = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
print("ready", flush=True)
sys.stdin.readline()  # the parent starts every process at once
print(sum(record_hit(page_id, user_agent) for _ in range(hits)), flush=True)
"""


@pytest.mark.postgres
@LIVE_DB
def test_concurrent_views_in_the_database_are_counted_exactly(live_server, article):
    # Several hits race to create the hour's row and then to increment it.
    fire_concurrent_hits(live_server.url, article.pk, CONCURRENT_VIEWS)
    assert total_views(article) == CONCURRENT_VIEWS
    assert PageViewCount.objects.filter(page=article).count() == 1


@pytest.mark.skipif(
    "sqlite" not in connection.settings_dict["ENGINE"],
    reason="the SQLite variant runs in the SQLite run (PostgreSQL has the live-server one)",
)
def test_concurrent_processes_counting_in_one_sqlite_file_lose_nothing(tmp_path):
    """Database counters on SQLite: four processes write the same row at the same time."""
    db_file = tmp_path / "views.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{db_file}",
        "VAR_DIR": str(tmp_path),
        "REDIS_URL": "",  # database counters
    }
    run = functools.partial(
        subprocess.run, cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    run([sys.executable, "manage.py", "migrate", "--noinput"])
    page_id = int(run([sys.executable, "-c", SQLITE_SETUP]).stdout.strip().splitlines()[-1])

    processes, hits = 4, CONCURRENT_VIEWS // 4
    counters = [
        subprocess.Popen(
            [sys.executable, "-c", SQLITE_COUNTER, str(page_id), str(hits), BROWSER],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    try:
        for counter in counters:
            assert counter.stdout.readline().strip() == "ready", counter.stderr.read()
        for counter in counters:
            counter.stdin.write("go\n")
            counter.stdin.flush()
        results = [counter.communicate(timeout=120) for counter in counters]
    finally:
        for counter in counters:
            if counter.poll() is None:
                counter.kill()
    assert [out.strip() for out, _err in results] == [str(hits)] * processes, results
    with sqlite3.connect(db_file) as db:
        [(total, rows)] = db.execute(
            "SELECT sum(count), count(*) FROM home_pageviewcount WHERE page_id = ?", (page_id,)
        ).fetchall()
    assert (total, rows) == (CONCURRENT_VIEWS, 1)


@LIVE_DB
def test_concurrent_views_in_redis_are_counted_exactly_and_flushed(
    live_server, article, redis_counters
):
    # The page check is cached in-process, as after the first hit in production; the hits
    # then touch only Redis (the SQLite test database is one connection shared by threads).
    assert page_is_countable(article.pk)
    fire_concurrent_hits(live_server.url, article.pk, CONCURRENT_VIEWS)
    # Counted in Redis, not yet in the database.
    assert total_views(article) == 0
    out = io.StringIO()
    call_command("flush_view_counts", stdout=out)
    assert f"{CONCURRENT_VIEWS} views flushed" in out.getvalue()
    assert total_views(article) == CONCURRENT_VIEWS
    # A second flush finds nothing new.
    call_command("flush_view_counts", stdout=io.StringIO())
    assert total_views(article) == CONCURRENT_VIEWS


@pytest.mark.django_db
def test_a_batch_left_by_a_crashed_flush_is_applied_once(article, redis_counters, settings):
    for _ in range(3):
        record_hit(article.pk, BROWSER)
    # A flush renamed the pending hash and died before writing to the database.
    prefix = settings.MOST_VIEWED_REDIS_PREFIX
    redis_counters.rename(f"{prefix}:pending", f"{prefix}:flushing:crashed")
    record_hit(article.pk, BROWSER)
    assert flush_view_counts() == 4
    assert total_views(article) == 4
    # The same batch id already applied (a flush that died after committing) is only dropped.
    redis_counters.hset(f"{prefix}:flushing:crashed", f"{article.pk}:0", 5)
    assert flush_view_counts() == 0
    assert total_views(article) == 4
    assert ViewCountFlush.objects.filter(batch="crashed").exists()


@pytest.mark.django_db
def test_the_flush_job_is_registered_and_moves_redis_counts(article, redis_counters):
    job = {job.name: job for job in get_jobs()}["home.flush_view_counts"]
    assert job.every == 60
    record_hit(article.pk, BROWSER)
    assert "1 views flushed" in job.func()
    assert total_views(article) == 1
