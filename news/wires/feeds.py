"""Polled feeds: each due feed is fetched by the worker with its validators (ETag,
Last-Modified), so an unchanged feed costs a 304; its items are ingested like any file. Only
addresses ``news.wires.feed_urls`` allows are fetched from, redirects included."""

import base64
import logging
from datetime import timedelta

import httpx
from django.db.models import Q
from django.utils import timezone

from cms.pinned_requests import RefusedURL, send_to_address
from news.wires.conf import settings
from news.wires.feed_urls import resolve
from news.wires.ingest import ingest_bytes
from news.wires.models import WireFeed

logger = logging.getLogger("herald.wires")

#: Redirects followed from a feed's URL (each one checked like the URL).
MAX_REDIRECTS = 5


def due_feeds(now=None) -> list[WireFeed]:
    """Feeds whose time has come, each claimed for this poll (one poller wins a slot)."""
    now = now or timezone.now()
    claimed = []
    candidates = WireFeed.objects.filter(enabled=True).filter(
        Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    )
    for feed in candidates:
        won = WireFeed.objects.filter(pk=feed.pk, next_poll_at=feed.next_poll_at).update(
            next_poll_at=now + timedelta(seconds=feed.every)
        )
        if won:
            claimed.append(feed)
    return claimed


def auth_header(feed: WireFeed) -> dict[str, str]:
    """``Authorization`` from ``WIRE_FEED_CREDENTIALS[feed.name]``: a full header value
    ("Bearer …", "Basic …") or ``user:password`` for basic auth."""
    secret = settings.WIRE_FEED_CREDENTIALS.get(feed.name, "")
    if not secret:
        return {}
    if secret.split(" ", 1)[0] in ("Bearer", "Basic", "Token"):
        return {"Authorization": secret}
    return {"Authorization": "Basic " + base64.b64encode(secret.encode()).decode()}


def _send(client: httpx.Client, url: str, headers: dict[str, str]) -> httpx.Response:
    """GET the URL from the address its host resolved to, once that address passed the
    check (``news.wires.feed_urls``): a second resolution cannot change where it goes."""
    return send_to_address(client, "GET", url, resolve(url)[0], headers)


def _fetch(feed: WireFeed) -> tuple[int, httpx.Headers, bytes | str]:
    """Status, headers and body (or, when the body is too large, the reason); redirects are
    followed one by one, each target checked like the feed's URL."""
    headers = {"Accept": "application/xml, application/json;q=0.9, */*;q=0.5", **auth_header(feed)}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    url = feed.url
    with httpx.Client(timeout=settings.WIRE_FEED_TIMEOUT) as client:
        for _ in range(MAX_REDIRECTS + 1):
            response = _send(client, url, headers)
            try:
                if not response.has_redirect_location:
                    return _read(response)
            finally:
                response.close()
            target = httpx.URL(url).join(response.headers["Location"])
            if target.netloc != httpx.URL(url).netloc or target.scheme != httpx.URL(url).scheme:
                headers.pop("Authorization", None)  # the credentials are the feed's host's
            url = str(target)
    raise httpx.TooManyRedirects(f"more than {MAX_REDIRECTS} redirects")


def _read(response: httpx.Response) -> tuple[int, httpx.Headers, bytes | str]:
    limit = settings.WIRE_MAX_FILE_BYTES
    body = bytearray()  # grown in place: a feed may be megabytes in many chunks
    if response.status_code == 200:
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > limit:
                return 200, response.headers, f"larger than the limit of {limit} bytes"
    return response.status_code, response.headers, bytes(body)


def poll(feed: WireFeed) -> str:
    """Fetch and ingest one feed; returns (and records) what happened."""
    try:
        status, headers, body = _fetch(feed)
    except RefusedURL as e:
        result = f"refused: {e}"
    except httpx.HTTPError as e:
        result = f"error: {type(e).__name__}: {e}"
    else:
        if status == 304:
            result = "not modified"
        elif status != 200:
            result = f"error: HTTP {status}"
        elif isinstance(body, str):
            result = f"rejected: {body}"
        else:
            result = _ingest(feed, body, headers)
    if result.startswith(("error", "rejected", "refused")):
        logger.warning("Wire feed %s: %s", feed.name, result)
    feed.last_polled_at = timezone.now()
    feed.last_result = result[:1000]
    feed.save(update_fields=["etag", "last_modified", "last_polled_at", "last_result"])
    return result


def _ingest(feed: WireFeed, body: bytes, headers: httpx.Headers) -> str:
    file = ingest_bytes(
        body, agency=feed.agency, name=feed.name, content_type=headers.get("Content-Type", "")
    )
    if file.rejected:
        return f"rejected: {file.rejected}"
    counts: dict[str, int] = {}
    for outcome in file.outcomes:
        counts[outcome.result] = counts.get(outcome.result, 0) + 1
    result = ", ".join(f"{n} {name}" for name, n in sorted(counts.items())) or "empty"
    if file.errors:
        result += f"; {len(file.errors)} not stored: " + "; ".join(file.errors)
    # Validators only once the feed's content is on the desk: a failure refetches it whole.
    feed.etag = headers.get("ETag", "")[:500]
    feed.last_modified = headers.get("Last-Modified", "")[:100]
    return result
