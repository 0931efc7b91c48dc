"""Headless preview: Wagtail's Preview shows the draft as the frontend renders it.

Flow (side panel and "Preview in new tab" alike):

1. Wagtail calls ``page.serve_preview()`` with the page built from the editor's
   form (unsaved changes included). ``HeadlessPreviewMixin`` stores that draft as a
   ``PagePreview`` snapshot and signs a token for it;
2. the admin shows the frontend's ``FRONTEND_URL/_preview/?token=…`` in a frame;
3. the frontend asks ``GET /api/v2/preview/?token=…`` (``cms.preview.api``) and
   renders the answer, which has the shape of ``/api/v2/pages/<id>/``, with its
   normal page templates and a "Preview" banner.

Tokens are signed (``TimestampSigner``), expire after ``PREVIEW_TOKEN_MAX_AGE``
seconds and name one snapshot of one page: a token shows exactly the draft the
editor was looking at, nothing else. Only users who may edit the page can get
one (Wagtail's preview views check that). Scheduled and embargoed drafts preview
like any other: a preview token is an editor's link, not a public preview link.

Why not wagtail-headless-preview: 0.9 declares Wagtail 7 only and its tokens never
expire (it unsigns without ``max_age``; snapshots are dropped a day later).
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import models
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode

from cms.delivery.paths import FrontendURLMixin, frontend_url
from cms.preview.conf import settings

SIGNING_SALT = "herald.preview"


class PreviewTokenError(Exception):
    """Why a token does not open a preview: ``status`` and ``code`` for the API answer."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


class PagePreview(models.Model):
    """One draft as an editor previewed it (kept ``PREVIEW_TOKEN_MAX_AGE`` seconds)."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty for a page that is still being created.",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    content_json = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "page preview"

    def __str__(self):
        return f"Preview of {self.content_type} {self.page_id or '(new)'} at {self.created_at}"

    @classmethod
    def create_for(cls, page, user=None):
        """Snapshot ``page`` (as built from the editor's form) and drop expired snapshots."""
        now = timezone.now()
        cls.objects.filter(
            created_at__lt=now - timezone.timedelta(seconds=settings.PREVIEW_TOKEN_MAX_AGE)
        ).delete()
        return cls.objects.create(
            page_id=page.pk,
            content_type=ContentType.objects.get_for_model(page),
            content_json=page.to_json(),
            created_at=now,
            created_by=user if user is not None and user.is_authenticated else None,
        )

    @property
    def token(self):
        return make_token(self)

    def as_page(self):
        """The previewed draft as an (unsaved) page instance with its child objects."""
        model = self.content_type.model_class()
        page = model.from_json(self.content_json)
        page.pk = self.page_id
        return page


def make_token(preview):
    return signing.TimestampSigner(salt=SIGNING_SALT).sign_object(
        {"k": preview.key.hex, "p": preview.page_id}, compress=True
    )


def page_for_token(token):
    """The draft a token opens, or ``PreviewTokenError`` (400 missing, 403 bad, 410 expired)."""
    token = (token or "").strip()
    if not token:
        raise PreviewTokenError(400, "missing", "A preview token is needed: ?token=…")
    if len(token) > 1000:
        raise PreviewTokenError(403, "invalid", "This preview link is not valid.")
    signer = signing.TimestampSigner(salt=SIGNING_SALT)
    try:
        data = signer.unsign_object(token, max_age=settings.PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise PreviewTokenError(
            410, "expired", "This preview link has expired. Click Preview in the editor again."
        ) from None
    except (signing.BadSignature, ValueError):
        raise PreviewTokenError(403, "invalid", "This preview link is not valid.") from None
    try:
        key = uuid.UUID(hex=data["k"])
        preview = PagePreview.objects.select_related("content_type").get(key=key, page_id=data["p"])
    except (KeyError, TypeError, ValueError, PagePreview.DoesNotExist):
        raise PreviewTokenError(
            410, "gone", "This preview is no longer available. Click Preview in the editor again."
        ) from None
    if preview.content_type.model_class() is None:
        raise PreviewTokenError(410, "gone", "This page type no longer exists.")
    return preview.as_page()


def _has_template(name):
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


def _api_url(page):
    """The page's ``/api/v2/pages/<id>/``, when the site mounts the API (``cms.delivery.urls``)."""
    try:
        return reverse("wagtailapi:pages:detail", args=[page.pk])
    except NoReverseMatch:
        return None


def frontend_preview_url(token):
    return f"{settings.FRONTEND_URL}/_preview/?{urlencode({'token': token})}"


class HeadlessPreviewMixin(FrontendURLMixin):
    """Page types inherit this (before ``Page``) to preview through the frontend; their
    URLs are the frontend's (``FrontendURLMixin``).

    They have no templates of their own: readers see them on the frontend. When Wagtail
    serves one on the CMS origin (``/world/<slug>/``), ``serve`` redirects to the page on the
    frontend when ``FRONTEND_URL`` is set; without a frontend it renders the page's template
    when the site provides one (Wagtail's ``<app>/<model>.html``), else a minimal page (its
    title and a link to its API representation). Never a ``TemplateDoesNotExist``.
    """

    def serve(self, request, *args, **kwargs):
        if settings.FRONTEND_URL:
            url = frontend_url(self)
            if url:
                query = request.META.get("QUERY_STRING", "")
                return redirect(f"{url}?{query}" if query else url)
        if _has_template(self.get_template(request, *args, **kwargs)):
            return super().serve(request, *args, **kwargs)
        return TemplateResponse(
            request, "preview/headless_page.html", {"page": self, "api_url": _api_url(self)}
        )

    def serve_preview(self, request, mode_name):
        if not settings.FRONTEND_URL:
            # No frontend to show the draft: the page's own template, or the minimal page.
            if _has_template(self.get_preview_template(request, mode_name)):
                return super().serve_preview(request, mode_name)
            response = render(
                request, "preview/headless_page.html", {"page": self, "api_url": None}
            )
            response["Cache-Control"] = "no-store, private"
            return response
        preview = PagePreview.create_for(self, getattr(request, "user", None))
        response = render(
            request,
            "preview/preview.html",
            {"page": self, "preview_url": frontend_preview_url(preview.token)},
        )
        response["Cache-Control"] = "no-store, private"
        return response
