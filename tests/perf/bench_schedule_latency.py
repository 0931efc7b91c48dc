"""Latency of scheduled publication: from go-live (or expiry) time T to /api/v2/.

Runs the real pieces on a scratch database: the CMS (``manage.py runserver``),
one ``manage.py run_scheduler``, one worker (``manage.py db_worker``) and an API client.
Before the first round it loads the worker the way a morning does: the daily headlines
to ``--subscribers`` confirmed subscribers (default 20 000, mail written as files) and
the link check of ``--links`` directory links served by a local slow HTTP server (one
host, so the checker's politeness makes it last ``--links`` seconds or so); both jobs are
queued as the scheduler queues them, for ``--workers`` worker processes (default 2: the
link check holds one for its whole run). The report says how much of that load the worker
had done during the rounds. Each round creates a story
through API v3 with ``go_live_at = T`` and ``expire_at = T + 4 s``, then polls
``GET /api/v2/pages/?type=news.ArticlePage&slug=…`` every 20 ms until the story is
listed (go-live latency) and until it is gone again (expiry latency).

With ``--wire-burst N``, each round first drops N one-item NewsML-G2 files in the watched
folder (``<VAR_DIR>/wires/bench-wire/``); once the worker's ``wires.scan_inbox`` job has
started on them (the first batch has left the folder), the story is scheduled, so its
go-live falls while the burst is being ingested. The round reports how many files were
still waiting when the story was listed, and how long the worker took for the whole burst.

    python tests/perf/bench_schedule_latency.py [--rounds 5] [--interval 5]
        [--subscribers 20000] [--links 300] [--wire-burst 5000]
    make bench-schedule

The requirement is T + 5 s at most, while the worker is busy with that load; the
scheduler wakes up early for the next known go-live, so a story scheduled more than
one interval ahead is usually live within a few hundred milliseconds. Reports
figures only; it asserts nothing about time. Uses SQLite in a temporary
directory unless ``DATABASE_URL`` is set (then that database is used as is:
give it a scratch database).
"""

import argparse
import http.server
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from bench_wires import bench_files

ROOT = Path(__file__).resolve().parents[2]
POLL = 0.02

SETUP = """
import io, django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from home.factories import get_or_create_home
from news.factories import SectionPageFactory
from news.models import SectionPage
home = get_or_create_home()
section = SectionPage.objects.filter(slug="bench").first() or SectionPageFactory(
    parent=home, title="Bench", slug="bench"
)
User = get_user_model()
user = User.objects.filter(username="bench").first() or User.objects.create_superuser(
    "bench", "bench@laht.example", "bench"
)
out = io.StringIO()
call_command("api_tokens", "create", "--user", "bench", "--name", "bench", stdout=out)
print(section.pk, out.getvalue().strip())
"""


LOAD = """
import sys, django
django.setup()
from datetime import date
from django.utils import timezone
from cms.publishing import job_slots, jobs
from directory.factories import CountryPageFactory, DirectoryIndexPageFactory
from directory.factories import LinkCategoryPageFactory
from directory.models import DirectoryLink
from home.factories import get_or_create_home
from home.newsletter.models import Subscriber
subscribers, links, link_url = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
now = timezone.now()
Subscriber.objects.bulk_create(
    [
        Subscriber(email=f"reader{n}@bench.example", status=Subscriber.Status.CONFIRMED,
                   confirmed_at=now)
        for n in range(subscribers)
    ],
    batch_size=1000,
)
index = DirectoryIndexPageFactory(parent=get_or_create_home())
category = LinkCategoryPageFactory(parent=CountryPageFactory(parent=index))
DirectoryLink.objects.bulk_create(
    [
        DirectoryLink(page=category, name=f"Site {n}", url=f"{link_url}/site/{n}", sort_order=n)
        for n in range(links)
    ],
    batch_size=1000,
)
# Queued as the scheduler queues a due slot of each job.
for name in ("home.send_daily_headlines", "directory.check_links"):
    job_slots.run_job(jobs.get_job(name), now)
"""

PROGRESS = """
import django
django.setup()
from home.newsletter.models import NewsletterDelivery
print(NewsletterDelivery.objects.filter(status="sent").count())
"""


class SlowSite(http.server.BaseHTTPRequestHandler):
    """A directory link's site: answers after a short think, counting the checker's requests."""

    requests = 0

    def do_HEAD(self):
        SlowSite.requests += 1
        time.sleep(0.05)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        result = condition()
        if result:
            return result
        time.sleep(POLL)
    return None


def waiting(folder):
    """Burst files the worker has not ingested yet (still in the agency's folder)."""
    return sum(1 for path in folder.iterdir() if path.suffix == ".xml")


def drop_burst(folder, count, prefix):
    """Write ``count`` files as an agency does: under a hidden name, then renamed."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, data in enumerate(bench_files(count, prefix)):
        hidden = folder / f".{prefix}-{n:06d}.xml"
        hidden.write_bytes(data)
        hidden.rename(folder / hidden.name[1:])


def listed(client, slug):
    response = client.get("/api/v2/pages/", params={"type": "news.ArticlePage", "slug": slug})
    return response.status_code == 200 and response.json()["meta"]["total_count"] == 1


def progress(env):
    out = subprocess.run(
        [sys.executable, "-c", PROGRESS], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return int(out.stdout.decode().split()[0]), SlowSite.requests


def run(rounds, interval, lead, subscribers, links, workers, burst=0):
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowSite)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    link_url = f"http://127.0.0.1:{site.server_address[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "VAR_DIR": tmp,
            "SCHEDULER_INTERVAL": str(interval),
            "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3",
            "LOG_LEVEL": "WARNING",
        }
        manage = [sys.executable, "manage.py"]
        subprocess.run(
            [*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        out = subprocess.run(
            [sys.executable, "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True
        )
        section_id, token = out.stdout.decode().strip().splitlines()[-1].split()
        subprocess.run(
            [sys.executable, "-c", LOAD, str(subscribers), str(links), link_url],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        port = free_port()
        processes = [
            subprocess.Popen(
                [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ),
            subprocess.Popen(
                [*manage, "run_scheduler"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ),
        ]
        processes += [
            subprocess.Popen(
                [*manage, "db_worker", "--no-reload", "--interval", "0.2"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(workers)
        ]
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
        headers = {"Authorization": f"Bearer {token}"}
        go_live, expiry = [], []
        try:
            ready = wait_for(lambda: _up(client), 60)
            if not ready:
                raise SystemExit("the CMS did not start")
            load_before = progress(env)
            inbox = Path(tmp) / "wires" / "bench-wire"
            bursts = []
            for n in range(rounds):
                if burst:
                    dropped = time.monotonic()
                    drop_burst(inbox, burst, f"BURST{n}")
                    if not wait_for(lambda: waiting(inbox) < burst, interval + 120):
                        raise SystemExit(f"round {n}: the worker never started on the burst")
                slug = f"bench-story-{n}-{int(time.time())}"
                at = datetime.now(UTC) + timedelta(seconds=lead)
                expire_at = at + timedelta(seconds=4)
                created = client.post(
                    "/api/v3/pages/",
                    headers=headers,
                    json={
                        "meta": {
                            "parent_id": int(section_id),
                            "type": "news.ArticlePage",
                            "action": "publish",
                        },
                        "title": f"Bench story {n}",
                        "slug": slug,
                        "go_live_at": at.isoformat(),
                        "expire_at": expire_at.isoformat(),
                    },
                )
                created.raise_for_status()
                if not wait_for(lambda slug=slug: listed(client, slug), lead + interval + 30):
                    raise SystemExit(f"round {n}: the story never appeared")
                go_live.append((datetime.now(UTC) - at).total_seconds())
                left = waiting(inbox) if burst else 0
                if not wait_for(lambda slug=slug: not listed(client, slug), interval + 40):
                    raise SystemExit(f"round {n}: the story never expired")
                expiry.append((datetime.now(UTC) - expire_at).total_seconds())
                print(
                    f"round {n + 1}/{rounds}: live {go_live[-1]:+.3f}s after T, "
                    f"gone {expiry[-1]:+.3f}s after expiry",
                    flush=True,
                )
                if burst:
                    if not wait_for(lambda: waiting(inbox) == 0, 600):
                        raise SystemExit(f"round {n}: the burst was not ingested in 10 minutes")
                    took = time.monotonic() - dropped
                    bursts.append({"waiting_at_go_live": left, "ingested_in_s": round(took, 1)})
                    print(
                        f"  burst: {left}/{burst} files still waiting when the story was "
                        f"listed; all {burst} ingested {took:.1f}s after the drop",
                        flush=True,
                    )
            load_after = progress(env)
            print(
                f"load during the rounds: {load_after[0] - load_before[0]} headlines sent "
                f"({load_after[0]}/{subscribers} so far), {load_after[1] - load_before[1]} links "
                f"requested by the link check ({load_after[1]}/{links} so far)",
                flush=True,
            )
        finally:
            client.close()
            site.shutdown()
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()  # a worker finishes its task first: the link check's
                    process.wait(timeout=10)
    return go_live, expiry, {"before": load_before, "after": load_after}, bursts


def _up(client):
    try:
        return client.get("/api/v2/pages/").status_code == 200
    except httpx.HTTPError:
        return False


def summary(name, values, bound):
    return {
        "measure": name,
        "rounds": len(values),
        "min_s": round(min(values), 3),
        "median_s": round(statistics.median(values), 3),
        "max_s": round(max(values), 3),
        "bound_s": bound,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--interval", type=float, default=5.0, help="SCHEDULER_INTERVAL")
    parser.add_argument(
        "--lead", type=float, default=3.0, help="seconds between scheduling and go-live"
    )
    parser.add_argument("--subscribers", type=int, default=20_000)
    parser.add_argument("--links", type=int, default=300)
    parser.add_argument(
        "--workers", type=int, default=2, help="worker processes (the link check holds one)"
    )
    parser.add_argument(
        "--wire-burst",
        type=int,
        default=0,
        help="wire items dropped in the watched folder before each round's go-live",
    )
    args = parser.parse_args()
    go_live, expiry, load, bursts = run(
        args.rounds,
        args.interval,
        args.lead,
        args.subscribers,
        args.links,
        args.workers,
        args.wire_burst,
    )
    print(
        json.dumps(
            {
                "database": "postgresql"
                if "postgres" in os.environ.get("DATABASE_URL", "")
                else "sqlite",
                "subscribers": args.subscribers,
                "links": args.links,
                "results": [summary("go_live", go_live, 5.0), summary("expiry", expiry, 5.0)],
                "load": load,
                "wire_bursts": bursts,
            }
        )
    )


if __name__ == "__main__":
    main()
