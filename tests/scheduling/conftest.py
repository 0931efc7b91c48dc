"""Fixtures for the scheduling tests: an API token and a local HTTP receiver."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@laht.example", "pw")


@pytest.fixture
def token(editor, make_token):
    return make_token(editor, "wire")


class Receiver:
    """A local HTTP server standing in for the frontend's /_purge and for webhook subscribers.

    ``statuses`` (a list) gives the answers to the next requests (default 200);
    ``requests`` records (path, headers, body) of every request; ``wait_for(n)``
    blocks until at least n requests arrived (or the deadline passes).
    """

    def __init__(self):
        self.requests = []
        self.statuses = []
        self.condition = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.condition:
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                    receiver.requests.append((self.path, dict(self.headers), body))
                    receiver.condition.notify_all()
                payload = json.dumps({"ok": status < 300}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def on(self, path):
        with self.condition:
            return [r for r in self.requests if r[0] == path]

    def json_on(self, path):
        return [json.loads(body) for _path, _headers, body in self.on(path)]

    def wait_for(self, predicate, timeout=30):
        with self.condition:
            return self.condition.wait_for(lambda: predicate(self), timeout=timeout)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def frontend(receiver, settings):
    """Points the frontend cache backend at the receiver (as FRONTEND_URL would)."""
    settings.FRONTEND_URL = receiver.url
    settings.WAGTAILFRONTENDCACHE = {
        "frontend": {
            "BACKEND": "cms.delivery.frontend_cache.FrontendPurgeBackend",
            "LOCATION": receiver.url + "/_purge",
            "HOSTNAMES": [receiver.url.split("//")[1]],
            "TIMEOUT": 3,
        }
    }
    return receiver


def schedule(page, go_live_at, **changes):
    """Schedule the page's latest content (with ``changes``) to go live at ``go_live_at``,
    as the editor's "Publish" with a go-live time does; returns the revision."""
    obj = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.go_live_at = go_live_at
    revision = obj.save_revision()
    revision.publish()
    revision.refresh_from_db()
    return revision


def make_due(revision, at):
    """Move a scheduled revision's go-live to ``at`` (in the past: it is due).

    Only the time moves: a revision whose schedule was cancelled stays unscheduled."""
    revision.refresh_from_db()
    revision.content["go_live_at"] = at.isoformat()
    if revision.approved_go_live_at is not None:
        revision.approved_go_live_at = at
    revision.save(update_fields=["content", "approved_go_live_at"])
    type(revision.content_object).objects.filter(pk=revision.object_id).update(go_live_at=at)
    return revision


@pytest.fixture
def draft(section):
    from news.factories import ArticlePageFactory

    page = ArticlePageFactory(parent=section, title="Oil Output Rises", live=False)
    page.save_revision()
    return page


@pytest.fixture
def live_article(article):
    """The article published through a revision, as an editor's "Publish" leaves it."""
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def v3(client, method, url, token, payload=None):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if method == "get":
        return client.get(url, payload or {}, **auth)
    return getattr(client, method)(
        url, data=json.dumps(payload or {}), content_type="application/json", **auth
    )
