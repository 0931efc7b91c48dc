"""Sending the daily headlines: one issue a day, one email per subscriber, resumable."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from cms.delivery.images import absolute_media_url
from cms.delivery.locales import default_language, in_language
from cms.delivery.teasers import fetch_teasers
from cms.delivery.visibility import public_pages
from home.most_viewed.rankings import story_content_types, top_page_ids
from home.newsletter.emails import build_message
from home.newsletter.models import Cartoon, NewsletterDelivery, NewsletterIssue, Subscriber


def cartoon_summary(cartoon):

    if cartoon is None:
        return None
    rendition = cartoon.image.get_rendition("width-600|format-jpeg|jpegquality-85")
    return {
        "caption": cartoon.caption,
        "date": cartoon.date.isoformat(),
        "alt": cartoon.image.default_alt_text or cartoon.caption,
        "url": absolute_media_url(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
    }


def issue_subject(date, language):
    """The subject line in the issue's language (home/locale), the date in its words."""
    with translation.override(language):
        # Translators: a date format (Django's "date" filter), as the e-mail's header shows it.
        pattern = gettext("l, F j, Y")
        return gettext("{site}: Daily Headlines for {date}").format(
            site=settings.WAGTAIL_SITE_NAME, date=date_format(date, pattern)
        )


def build_issue_content(date, language=None):
    """Top stories (most viewed over 24 h), latest headlines and the latest cartoon, of one
    edition (its language's stories)."""
    from wagtail.models import Page

    language = language or default_language()
    top = top_page_ids("24h", settings.NEWSLETTER_TOP_STORIES, language=language)
    top_ids = [page_id for page_id, _ in top]
    stories = public_pages(Page.objects.filter(content_type__in=story_content_types()))
    latest_ids = list(
        in_language(stories, language)
        .exclude(pk__in=top_ids)
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)[: settings.NEWSLETTER_LATEST_STORIES]
    )
    teasers = fetch_teasers(top_ids + latest_ids)
    cartoon = Cartoon.objects.filter(date__lte=date).select_related("image").first()
    return {
        "top": [teasers[pk] for pk in top_ids if pk in teasers],
        "latest": [teasers[pk] for pk in latest_ids if pk in teasers],
        "cartoon": cartoon_summary(cartoon),
    }


def get_or_create_issue(date, language=None):
    """The day's issue of one edition (the default language's unless given)."""
    language = language or default_language()
    issue = NewsletterIssue.objects.filter(date=date, language=language).first()
    if issue is not None:
        return issue
    subject = issue_subject(date, language)
    # Built outside the transaction: its renditions are committed as they are made, so two
    # schedulers building the same issue at once do not deadlock on them.
    content = build_issue_content(date, language)
    try:
        with transaction.atomic():
            return NewsletterIssue.objects.create(
                date=date, language=language, subject=subject, content=content
            )
    except IntegrityError:
        return NewsletterIssue.objects.get(date=date, language=language)


class SendInterrupted(Exception):
    pass


@dataclass
class SendReport:
    issue: NewsletterIssue
    sent: int = 0
    skipped: int = 0
    already_sent: int = 0
    interrupted: int = 0

    def __str__(self):
        text = f"{self.issue.subject}: sent {self.sent} now, {self.already_sent} already sent"
        if self.skipped:
            text += f", {self.skipped} skipped (unsubscribed meanwhile)"
        if self.interrupted:
            text += (
                f", {self.interrupted} interrupted mid-send by an earlier crash "
                "(not retried, to send nobody twice; see the deliveries admin)"
            )
        return text


def _retryable():
    return Q(status=NewsletterDelivery.Status.PENDING) | Q(
        status=NewsletterDelivery.Status.FAILED, attempts__lt=settings.NEWSLETTER_MAX_ATTEMPTS
    )


def editions_to_send():
    """The languages to make today's issues in: the default one, and every other that has a
    confirmed subscriber (no empty issue of an edition nobody reads by email)."""
    default = default_language()
    others = (
        Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
        .exclude(language=default)
        .values_list("language", flat=True)
        .distinct()
        .order_by("language")
    )
    return [default, *others]


def send_daily_headlines(date=None, *, batch_size=None, connection=None, language=None):
    """Send today's issue of one edition to every confirmed subscriber of that language who
    has not had it yet."""
    date = date or timezone.localdate()
    batch_size = batch_size or settings.NEWSLETTER_BATCH_SIZE
    issue = get_or_create_issue(date, language)
    report = SendReport(issue=issue)
    if issue.status != NewsletterIssue.Status.SENT:
        _enqueue(issue)
        connection = connection or get_connection()
        while _send_batch(issue, batch_size, connection, report):
            pass
        if not issue.deliveries.filter(_retryable()).exists():
            NewsletterIssue.objects.filter(pk=issue.pk).update(
                status=NewsletterIssue.Status.SENT, finished_at=timezone.now()
            )
            issue.refresh_from_db()
    counts = dict(issue.deliveries.values_list("status").annotate(n=models.Count("pk")).order_by())
    report.already_sent = counts.get(NewsletterDelivery.Status.SENT, 0) - report.sent
    report.interrupted = counts.get(NewsletterDelivery.Status.SENDING, 0)
    return report


def prepare_issue(date=None, language=None):
    """Today's issue of one edition with a pending delivery for every confirmed subscriber
    of its language; returns the issue and how many deliveries are left to send (the
    worker sends them in batches)."""
    issue = get_or_create_issue(date or timezone.localdate(), language)
    if issue.status == NewsletterIssue.Status.SENT:
        return issue, 0
    _enqueue(issue)
    return issue, issue.deliveries.filter(_retryable()).count()


def send_next_batch(issue, batch_size=None, connection=None):
    """Send one batch of the issue's unsent deliveries (each claimed first, so two batches
    never send to the same subscriber); marks the issue sent once nothing is left."""
    report = SendReport(issue=issue)
    _send_batch(
        issue, batch_size or settings.NEWSLETTER_BATCH_SIZE, connection or get_connection(), report
    )
    if not issue.deliveries.filter(_retryable()).exists():
        NewsletterIssue.objects.filter(pk=issue.pk).exclude(
            status=NewsletterIssue.Status.SENT
        ).update(status=NewsletterIssue.Status.SENT, finished_at=timezone.now())
    return report


def _enqueue(issue):
    """A delivery row for every confirmed subscriber of the issue's language without one
    (idempotent)."""
    confirmed = Subscriber.objects.filter(
        status=Subscriber.Status.CONFIRMED, language=issue.language
    ).exclude(deliveries__issue=issue)
    ids = list(confirmed.values_list("pk", flat=True))
    NewsletterDelivery.objects.bulk_create(
        [NewsletterDelivery(issue=issue, subscriber_id=pk) for pk in ids],
        ignore_conflicts=True,
        batch_size=500,
    )


def _send_batch(issue, batch_size, connection, report):
    ids = list(
        issue.deliveries.filter(_retryable())
        .order_by("pk")
        .values_list("pk", flat=True)[:batch_size]
    )
    if not ids:
        return False
    claim = uuid.uuid4().hex
    # Atomic claim: a delivery another sender claimed meanwhile no longer matches.
    NewsletterDelivery.objects.filter(_retryable(), pk__in=ids).update(
        status=NewsletterDelivery.Status.SENDING, claim=claim
    )
    claimed = list(
        NewsletterDelivery.objects.filter(claim=claim, status=NewsletterDelivery.Status.SENDING)
        .select_related("subscriber")
        .order_by("pk")
    )
    context = _issue_context(issue)
    connection.open()
    try:
        for delivery in claimed:
            subscriber = delivery.subscriber
            if subscriber.status != Subscriber.Status.CONFIRMED:
                _finish(delivery, NewsletterDelivery.Status.SKIPPED)
                report.skipped += 1
                continue
            try:
                message = build_message(
                    issue.subject, "home/email/daily_headlines", context, subscriber, issue.language
                )
                message.connection = connection
                if not message.send():
                    raise RuntimeError("the mail backend accepted no message")
            except Exception as e:
                NewsletterDelivery.objects.filter(pk=delivery.pk).update(
                    status=NewsletterDelivery.Status.FAILED,
                    attempts=F("attempts") + 1,
                    error=f"{type(e).__name__}: {e}"[:2000],
                )
                # Give the rest of the batch back untouched, then stop: a rerun resumes.
                NewsletterDelivery.objects.filter(
                    claim=claim, status=NewsletterDelivery.Status.SENDING
                ).exclude(pk=delivery.pk).update(status=NewsletterDelivery.Status.PENDING)
                raise SendInterrupted(
                    f"Sending stopped at {subscriber.email} ({e}); {report.sent} sent in this "
                    "run. Run the command again to resume: nobody receives the issue twice."
                ) from e
            _finish(delivery, NewsletterDelivery.Status.SENT)
            report.sent += 1
    finally:
        connection.close()
    return True


def _finish(delivery, status):
    NewsletterDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        attempts=F("attempts") + 1,
        sent_at=timezone.now() if status == NewsletterDelivery.Status.SENT else None,
        error="",
    )


def _issue_context(issue):
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "subject": issue.subject,
        "date": issue.date,
        "top": issue.content.get("top", []),
        "latest": issue.content.get("latest", []),
        "cartoon": issue.content.get("cartoon"),
        "frontend_url": settings.FRONTEND_URL,
    }
