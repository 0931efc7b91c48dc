"""API helpers shared by every app: page teasers, rich text, image fields.

Blocks and page types across ``home``, ``news`` and ``directory`` use these so
a page reference has one shape everywhere in the API: title, frontend URL,
teaser, date and image, never a bare id.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from rest_framework import serializers
from wagtail.models import Page, get_page_models
from wagtail.rich_text import expand_db_html

from home.images import RENDITION_SPECS, serialize_image


def frontend_url(page):
    """Absolute frontend URL of a page (``FRONTEND_URL`` + its path in the site)."""
    path = page_path(page)
    if path is None:
        return None
    return settings.FRONTEND_URL + path


def page_path(page):
    """Path of a page relative to its site root, e.g. ``/world/putin-erdogan/``.

    Within an API request the site root paths are read from the cache once for
    the request (Wagtail keeps them on the object ``get_url_parts`` is given),
    not once per page.
    """
    batch = current_batch()
    url_parts = page.get_url_parts(batch["site_root_paths"] if batch is not None else None)
    if url_parts is None:
        return None
    return url_parts[2]


_api_batch = ContextVar("herald_api_batch", default=None)


@contextmanager
def api_batch():
    """A per-request store of what API serialisation has loaded: pages, teasers, images, rich text.

    Entered around an API request (cms.api); lets the pages of a listing share
    one lookup for everything their bodies and related stories point at.
    """
    token = _api_batch.set(
        {
            "teasers": {},
            "pages": {},
            "images": {},
            "rich_text": {},
            "parents": {},
            "site_root_paths": SimpleNamespace(),  # filled by Wagtail's get_url_parts
        }
    )
    try:
        yield
    finally:
        _api_batch.reset(token)


def current_batch():
    """The request's batch store, or None outside an API request."""
    return _api_batch.get()


_sites = {}


def find_site(request):
    """The request's Wagtail site, looked up once per process, host and API cache generation.

    Wagtail reads the sites table on every request (``Site.find_for_request``, a
    query with ``CASE`` ranking). Every publication, and every change of a site
    (``home.signals``), bumps the generation shared by the processes; the process
    that saves a site also forgets its own copies at once (``forget_sites``). The
    result goes where Wagtail keeps it for the rest of the request.
    """
    from django.http.request import split_domain_port
    from wagtail.models import Site

    from home.invalidation import api_cache_generation

    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = (split_domain_port(request.get_host())[0], request.get_port())
    generation = api_cache_generation()
    known = _sites.get(key)
    if known is not None and known[0] == generation:
        request._wagtail_site = known[1]
    else:
        _sites[key] = (generation, Site.find_for_request(request))
    return request._wagtail_site


def forget_sites():
    _sites.clear()


@cache
def _specific_paths():
    """``{page model: select_related path from Page}`` for every concrete page type."""
    paths = {}
    for model in get_page_models():
        chain, current = [], model
        while current is not Page:
            parents = [parent for parent in current._meta.parents if issubclass(parent, Page)]
            if not parents:
                break
            chain.append(current._meta.model_name)
            current = parents[0]
        if current is Page and chain:
            paths[model] = "__".join(reversed(chain))
    return paths


@cache
def _stream_fields():
    """``path__field`` of every page type's stream fields: pages loaded to point at
    (teasers, links, parents) never show their bodies, the largest values of a page."""
    from wagtail.fields import StreamField

    return tuple(
        f"{path}__{field.name}"
        for model, path in _specific_paths().items()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField) and field.model is model
    )


def select_specific(queryset):
    """A ``Page`` queryset that brings each page's specific row in the same query.

    Wagtail's ``.specific()`` costs one query for the ids and content types and
    one more per page type; here every page type's table is a ``LEFT JOIN`` (with
    what the type's API representation joins, ``api_select_related``), and
    ``as_specific`` picks the right instance. For short lists of pages (a
    listing's references, one page's detail).
    """
    related = []
    for model, path in _specific_paths().items():
        related.append(path)
        related += [f"{path}__{name}" for name in getattr(model, "api_select_related", ())]
    return queryset.select_related(*related)


def as_specific(page):
    """The specific instance of a page loaded through ``select_specific`` (no query)."""
    model = page.specific_class
    path = _specific_paths().get(model)
    if path is None:
        return page
    specific = page
    for name in path.split("__"):
        specific = getattr(specific, name, None)
        if specific is None:  # a row missing from a type's table: fall back to Wagtail
            return page.specific
    if "locale" in page._state.fields_cache:
        specific.locale = page.locale
    for name in ("_api_visible", "_api_public"):
        if hasattr(page, name):
            setattr(specific, name, getattr(page, name))
    return specific


def load_pages(page_ids=(), paths=(), visible_in=None):
    """Pages by id and by tree path, as their specific types, in one query.

    Every page carries ``_api_public`` (publicly visible: ``cms.delivery.visibility``);
    with ``visible_in`` (a queryset) also ``_api_visible`` (whether that queryset holds it).
    Returns ``(by_id, by_path)``.
    """
    page_ids, paths = set(page_ids), set(paths)
    if not page_ids and not paths:
        return {}, {}
    from cms.delivery.visibility import public_annotation

    queryset = Page.objects.filter(Q(pk__in=page_ids) | Q(path__in=paths)).annotate(
        _api_public=public_annotation()
    )
    if visible_in is not None:
        queryset = queryset.annotate(
            _api_visible=Exists(visible_in.filter(pk=OuterRef("pk")).values("pk"))
        )
    pages = [as_specific(page) for page in select_specific(queryset).defer(*_stream_fields())]
    by_id = {page.pk: page for page in pages if page.pk in page_ids}
    by_path = {page.path: page for page in pages if page.path in paths}
    return by_id, by_path


def rich_text_html(value):
    """Rich text with internal links and embeds expanded (links point at the frontend)."""
    if not value:
        return ""
    source = str(value) if not isinstance(value, str) else value
    batch = current_batch()
    if batch is not None and source in batch["rich_text"]:
        return batch["rich_text"][source]
    return expand_db_html(source)


_RICH_TEXT_SPLIT = "<!--herald:block-->"


def expand_rich_texts(sources):
    """Several rich-text sources expanded together (internal links in one query).

    Returns the HTML of each source in order, or ``None`` if the sources could not
    be told apart afterwards (a source containing the separator).
    """
    expanded = rich_text_html(_RICH_TEXT_SPLIT.join(sources)).split(_RICH_TEXT_SPLIT)
    return expanded if len(expanded) == len(sources) else None


def teaser(page):
    """The compact shape of a page used wherever one page points at another."""
    page_type = page._meta.label
    date = getattr(page, "date", None) or page.first_published_at
    teaser_text = page.get_teaser() if hasattr(page, "get_teaser") else page.search_description
    image = page.get_teaser_image() if hasattr(page, "get_teaser_image") else None
    return {
        "id": page.pk,
        "type": page_type,
        "title": page.title,
        "html_path": page_path(page),
        "url": frontend_url(page),
        "teaser": teaser_text or "",
        "date": date.isoformat() if date else None,
        "image": serialize_image(image),
    }


def fetch_teasers(page_ids, extra_image_ids=(), parent_paths=(), visible_in=None):
    """Teasers for many pages, publicly visible ones only, in a constant number of queries.

    Returns ``{page_id: teaser}``; ids of pages that are not publicly visible
    (``cms.delivery.visibility``: drafts, expired, private, under a hidden section)
    are absent, so callers silently drop them. Within an API request (``api_batch``)
    teasers are looked up once and shared; images in
    ``extra_image_ids`` are loaded in the same query as the teasers' images, and
    pages at ``parent_paths`` (with their visibility in ``visible_in``) in the
    same query as the teasers' pages, into the batch's ``parents``.
    """
    page_ids = [pk for pk in dict.fromkeys(page_ids) if pk]
    batch = current_batch()
    known = batch["teasers"] if batch is not None else {}
    missing = [pk for pk in page_ids if pk not in known]
    if batch is not None:
        parent_paths = [path for path in parent_paths if path not in batch["parents"]]
    if missing or parent_paths:
        by_id, by_path = load_pages(missing, parent_paths, visible_in)
        if batch is not None:
            batch["parents"].update(by_path)
        pages = [page for page in by_id.values() if page._api_public]
        prefetch_teaser_images(pages, extra_image_ids)
        found = {page.pk: teaser(page) for page in pages}
        if batch is None:
            return found
        for pk in missing:
            known[pk] = found.get(pk)
        batch["pages"].update((page.pk, page) for page in pages)
    elif extra_image_ids:
        load_images(extra_image_ids)
    return {pk: known[pk] for pk in page_ids if known.get(pk) is not None}


def load_images(image_ids):
    """Images with their named renditions by id, in one query (two with renditions).

    Within an API request, images already loaded are reused.
    """
    from wagtail.images import get_image_model

    batch = current_batch()
    known = batch["images"] if batch is not None else {}
    image_ids = {pk for pk in image_ids if pk}
    missing = image_ids - known.keys()
    loaded = {}
    if missing:
        # Renditions with their image in one query; images without any rendition yet
        # (never shown before) are loaded the usual way, and get them made when shown.
        model = get_image_model()
        renditions = model.get_rendition_model().objects.filter(
            image_id__in=missing, filter_spec__in=RENDITION_SPECS
        )
        for rendition in renditions.select_related("image"):
            image = loaded.setdefault(rendition.image_id, rendition.image)
            if not hasattr(image, "prefetched_renditions"):
                image.prefetched_renditions = []  # as ImageQuerySet.prefetch_renditions
            rendition.image = image
            image.prefetched_renditions.append(rendition)
        rest = missing - loaded.keys()
        if rest:
            loaded.update(model.objects.prefetch_renditions(*RENDITION_SPECS).in_bulk(rest))
        known.update(loaded)
    return {pk: known.get(pk) or loaded.get(pk) for pk in image_ids if pk in known or pk in loaded}


def prefetch_teaser_images(pages, extra_image_ids=()):
    """Attach images with their renditions to pages in one query.

    ``extra_image_ids`` are loaded in the same query (body images of a listing).
    """
    image_ids = {
        getattr(page, "lead_image_id", None)
        for page in pages
        if getattr(page, "lead_image_id", None)
    }
    images = load_images(image_ids | set(extra_image_ids))
    if not image_ids:
        return
    for page in pages:
        image_id = getattr(page, "lead_image_id", None)
        if image_id in images:
            page.lead_image = images[image_id]


class RichTextField(serializers.Field):
    """Rich text as display HTML with frontend URLs (v2 and v3)."""

    def to_representation(self, value) -> str:
        return rich_text_html(value)


class ImageField(serializers.Field):
    """An image with alt text, caption, credit and every named rendition."""

    def to_representation(self, value) -> dict | None:
        return serialize_image(value)


class PagePathField(serializers.Field):
    """The page's path within its site, for the frontend's router."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, value) -> str | None:
        return page_path(value)


class FrontendURLField(serializers.Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, value) -> str | None:
        return frontend_url(value)


def optional_many_to_many_schema(generator, field):
    """API v3 input: a ParentalManyToManyField with blank=True may be left out (empty list)."""
    from ninja.orm.fields import get_schema_field
    from pydantic import Field as PydanticField

    annotation, default = get_schema_field(field)
    if not field.blank:
        return annotation, default
    return annotation, PydanticField(default_factory=list, description=str(field.help_text or ""))


def register_v3_schema_fields():
    """Teach Wagtail's v3 input-schema generators our field conventions (public extension API).

    Must run before ``wagtail.api.v3.registry`` is imported (it builds the page
    schemas at import time), hence from ``HomeConfig.ready``.
    """
    from modelcluster.fields import ParentalManyToManyField
    from wagtail.api.v3.schemas import create_generator, patch_generator

    for generator in (create_generator, patch_generator):
        generator.register_field_schema(ParentalManyToManyField, optional_many_to_many_schema)


# --- Site furniture: v3 routers (markets, most viewed, newsletter, site) --------
# Added to the v3 API in cms/api.py. Models are imported inside the views: this
# module is also imported while models load (blocks, page types).

import hashlib  # noqa: E402
import ipaddress  # noqa: E402
import json  # noqa: E402
from datetime import date as date_type  # noqa: E402
from datetime import datetime as datetime_type  # noqa: E402
from typing import Any, Literal  # noqa: E402

from django.core.exceptions import ValidationError  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.utils.cache import get_conditional_response, patch_cache_control  # noqa: E402
from ninja import Field, Query, Router, Schema, Status  # noqa: E402
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth  # noqa: E402

PUBLIC_READ = [BearerTokenAuth(), AllowAnonymous()]


class ProblemOut(Schema):
    """An RFC 7807 problem; ``code`` says which rule failed (e.g. ``expired``)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    code: str | None = None
    errors: list[dict[str, Any]] | None = None


def problem(status, detail, *, code=None, errors=None):
    from wagtail.api.v3.errors import PROBLEM_JSON, _status_title

    body = {"type": "about:blank", "title": _status_title(status), "status": status}
    body["detail"] = detail
    if code:
        body["code"] = code
    if errors:
        body["errors"] = errors
    return HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_JSON)


def cacheable_json(request, schema, payload, max_age=None):
    """A public, cacheable JSON response with an ETag (304 when the client has it)."""
    body = json.dumps(schema.model_validate(payload).model_dump(mode="json"))
    etag = f'"{hashlib.sha256(body.encode()).hexdigest()[:32]}"'
    response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    seconds = settings.API_CACHE_SECONDS if max_age is None else max_age
    # A CDN may keep it as long as a browser, and serve it stale while it refetches.
    patch_cache_control(
        response, public=True, max_age=seconds, s_maxage=seconds, stale_while_revalidate=seconds
    )
    return get_conditional_response(request, etag=etag, response=response)


def client_ip(request):
    """The reader's IP: the last X-Forwarded-For hop when a trusted proxy (the frontend)
    connects, else the connecting address."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    candidate = remote
    if forwarded and remote in settings.TRUSTED_PROXIES:
        candidate = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


# Markets


class QuoteValueOut(Schema):
    value: str = Field(description="Decimal as a string, rounded to decimal_places.")
    as_of: datetime_type
    source: str


class PreviousCloseOut(Schema):
    value: str
    as_of: datetime_type


class HistoryPointOut(Schema):
    date: date_type = Field(description="Local date (TIME_ZONE).")
    value: str = Field(description="The day's last quote.")


class InstrumentOut(Schema):
    symbol: str
    name: str
    kind: Literal["commodity", "currency"]
    unit: str
    quote_convention: str = Field(description="e.g. 'USD per barrel', 'units per USD'.")
    decimal_places: int
    latest: QuoteValueOut | None
    previous_close: PreviousCloseOut | None = Field(
        description="The last quote of the previous day that has quotes."
    )
    change: str | None = Field(description="latest - previous close, as a decimal string.")
    change_percent: str | None = Field(description="Change in percent, two decimals.")
    direction: Literal["up", "down", "flat"] | None
    stale: bool = Field(description="No quote, or the latest is older than stale_after.")
    history: list[HistoryPointOut] = Field(description="Daily closes, last 30 days, oldest first.")


class MarketsOut(Schema):
    generated_at: datetime_type
    stale_after: int = Field(description="Seconds after which a quote is stale.")
    instruments: list[InstrumentOut]


class QuoteIn(Schema):
    symbol: str
    value: float | str
    as_of: str = Field(description="ISO 8601 date-time (naive = local time) or date.")
    source: str | None = None


class QuotesIn(Schema):
    quotes: list[QuoteIn]


class ImportOut(Schema):
    rows: int
    created: int
    updated: int
    unchanged: int


markets_router = Router(tags=["markets"])


@markets_router.get(
    "/",
    response={200: MarketsOut, 304: None},
    auth=PUBLIC_READ,
    summary="Markets box: latest quotes with change, 30-day history and stale flag",
    operation_id="markets_list",
)
def markets(request):
    from home.markets import markets_payload

    return cacheable_json(request, MarketsOut, markets_payload())


@markets_router.post(
    "/quotes/",
    response={200: ImportOut, 400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 422: ProblemOut},
    auth=BearerTokenAuth(),
    summary="Import quotes (all or nothing; bad rows reported with line numbers)",
    operation_id="markets_import_quotes",
)
def import_quotes(request, data: QuotesIn):
    from home.markets import QuoteImportError, import_quotes_text

    if not request.user.has_perm("home.add_quote"):
        return problem(403, "You need permission to add quotes.")
    try:
        result = import_quotes_text(request.body.decode(), fmt="json", default_source="api")
    except QuoteImportError as e:
        return problem(
            422,
            f"{len(e.errors)} bad row(s); nothing was imported.",
            code="bad_rows",
            errors=[{"msg": error} for error in e.errors],
        )
    return {
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


# Most viewed


class RenditionOut(Schema):
    url: str
    width: int
    height: int


class ImageOut(Schema):
    id: int
    title: str
    alt: str
    caption: str
    credit: str
    width: int
    height: int
    renditions: dict[str, RenditionOut]


class TeaserOut(Schema):
    id: int
    type: str = Field(description="Page type, e.g. news.ArticlePage.")
    title: str
    html_path: str | None = Field(description="Path on the frontend, e.g. /world/story/.")
    url: str | None = Field(description="Absolute frontend URL.")
    teaser: str
    date: datetime_type | None
    image: ImageOut | None


class MostViewedItemOut(TeaserOut):
    rank: int
    views: int


class SectionRefOut(Schema):
    id: int
    title: str
    html_path: str | None


class MostViewedOut(Schema):
    period: Literal["24h", "7d"]
    limit: int
    section: SectionRefOut | None
    items: list[MostViewedItemOut]


class HitIn(Schema):
    page_id: int = Field(gt=0, lt=2**63, description="The story the reader is viewing.")


class HitOut(Schema):
    counted: bool = Field(description="False for bots, unknown pages or a counter failure.")


most_viewed_router = Router(tags=["most viewed"])


@most_viewed_router.get(
    "/",
    response={200: MostViewedOut, 304: None, 422: ProblemOut},
    auth=PUBLIC_READ,
    summary="Most viewed published stories over 24 hours or 7 days, overall or in a section",
    operation_id="most_viewed_list",
)
def most_viewed(
    request,
    period: Literal["24h", "7d"] = "24h",
    limit: int = Query(10, ge=1, le=50),
    section: int | None = Query(None, description="Id of a section: its stories only."),
):
    from home.most_viewed import SectionNotFound, most_viewed_payload

    try:
        payload = most_viewed_payload(period, limit, section)
    except SectionNotFound as e:
        return problem(
            422, str(e), code="section", errors=[{"loc": ["query", "section"], "msg": str(e)}]
        )
    return cacheable_json(request, MostViewedOut, payload)


@most_viewed_router.post(
    "/hits/",
    response={202: HitOut, 400: ProblemOut, 403: ProblemOut, 422: ProblemOut},
    auth=PUBLIC_READ,
    summary="Count a view (the frontend forwards the reader's User-Agent); always fast",
    description=(
        "Accepted from the frontend (a TRUSTED_PROXIES address, which forwards its view "
        "pixel here) or with an API token; anyone else gets 403."
    ),
    operation_id="most_viewed_hit",
)
def most_viewed_hit(request, data: HitIn):
    from home.most_viewed import record_hit

    if (
        not request.user.is_authenticated
        and request.META.get("REMOTE_ADDR") not in settings.TRUSTED_PROXIES
    ):
        return problem(
            403,
            "Views are counted through the frontend's pixel; direct hits need an API token.",
            code="forbidden",
        )

    counted = record_hit(data.page_id, request.META.get("HTTP_USER_AGENT", ""))
    return Status(202, {"counted": counted})


# Newsletter


class NewsletterInfoOut(Schema):
    heading: str
    blurb: str
    consent_text: str
    consent_text_version: str = Field(description="Send it back with the subscription.")
    subscribe_url: str


class SubscribeIn(Schema):
    email: str = Field(max_length=1000)
    consent_text_version: str | None = Field(
        None, max_length=50, description="Version of the consent text the reader saw."
    )


class NewsletterResultOut(Schema):
    status: Literal["accepted", "confirmed", "unsubscribed"]
    detail: str


class TokenIn(Schema):
    token: str = Field(max_length=2000)


newsletter_router = Router(tags=["newsletter"])

SUBSCRIBE_ACCEPTED = (
    "Thanks! Check your inbox: we sent a link to confirm your subscription. It is valid for "
    "72 hours."
)


@newsletter_router.get(
    "/",
    response={200: NewsletterInfoOut, 304: None},
    auth=PUBLIC_READ,
    summary="The newsletter form: heading, blurb, consent text and its version",
    operation_id="newsletter_info",
)
def newsletter_info(request):
    from home.site_settings import site_payload

    return cacheable_json(request, NewsletterInfoOut, site_payload(request)["newsletter"])


@newsletter_router.post(
    "/subscribe/",
    response={202: NewsletterResultOut, 400: ProblemOut, 422: ProblemOut, 429: ProblemOut},
    summary="Subscribe (double opt-in): the same answer whether or not the address is known",
    description=(
        "Called server-side by the frontend, which passes the reader's IP as the last "
        "X-Forwarded-For entry and the reader's User-Agent. Rate limited per IP and per "
        "address (429)."
    ),
    operation_id="newsletter_subscribe",
)
def newsletter_subscribe(request, data: SubscribeIn):
    from home.newsletter import check_email, hit_rate_limit, subscribe

    ip = client_ip(request)
    limit, window = settings.NEWSLETTER_RATE_LIMIT_PER_IP
    if hit_rate_limit("subscribe-ip", ip or "unknown", limit, window):
        return problem(
            429,
            "Too many subscription requests from your network. Please try again later.",
            code="rate_limited",
        )
    try:
        email = check_email(data.email)
    except ValidationError as e:
        return problem(
            422,
            e.messages[0],
            code="email",
            errors=[{"loc": ["body", "email"], "msg": e.messages[0]}],
        )
    limit, window = settings.NEWSLETTER_RATE_LIMIT_PER_ADDRESS
    address_key = hashlib.sha256(email.encode()).hexdigest()
    if hit_rate_limit("subscribe-address", address_key, limit, window):
        return problem(
            429,
            "Too many subscription requests for this address. Please try again later.",
            code="rate_limited",
        )
    from home.site_settings import settings_for_request

    consent_text_version = data.consent_text_version
    if not consent_text_version:
        consent_text_version = settings_for_request(request)[0].newsletter_consent_version
    subscribe(
        email,
        ip=ip,
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        consent_text_version=consent_text_version,
    )
    return Status(202, {"status": "accepted", "detail": SUBSCRIBE_ACCEPTED})


def _token_endpoint(request, token, action, status, detail):
    from home.newsletter import TokenError, hit_rate_limit

    limit, window = settings.NEWSLETTER_RATE_LIMIT_PER_IP
    if hit_rate_limit(f"{status}-ip", client_ip(request) or "unknown", limit * 3, window):
        return problem(429, "Too many requests. Please try again later.", code="rate_limited")
    try:
        action(token)
    except TokenError as e:
        return problem(400, e.message, code=e.code)
    return {"status": status, "detail": detail}


@newsletter_router.post(
    "/confirm/",
    response={200: NewsletterResultOut, 400: ProblemOut, 422: ProblemOut, 429: ProblemOut},
    summary="Confirm a subscription with the token from the email (single use, 72 hours)",
    description="400 codes: invalid (tampered or truncated), expired, used.",
    operation_id="newsletter_confirm",
)
def newsletter_confirm(request, data: TokenIn):
    from home.newsletter import confirm

    return _token_endpoint(
        request,
        data.token,
        confirm,
        "confirmed",
        "Your subscription is confirmed: the daily headlines will arrive every morning.",
    )


@newsletter_router.post(
    "/unsubscribe/",
    response={200: NewsletterResultOut, 400: ProblemOut, 422: ProblemOut, 429: ProblemOut},
    summary="Unsubscribe with the token from the link in any email",
    operation_id="newsletter_unsubscribe",
)
def newsletter_unsubscribe(request, data: TokenIn):
    from home.newsletter import unsubscribe

    return _token_endpoint(
        request,
        data.token,
        unsubscribe,
        "unsubscribed",
        "You are unsubscribed and will receive no more emails from us.",
    )


# Site settings and navigation


class LinkOut(Schema):
    label: str
    page_id: int | None = Field(description="Set when the link points at a page of the site.")
    html_path: str | None = Field(description="Frontend path of the page; null for URLs.")
    url: str = Field(description="Absolute URL (the frontend's for pages).")


class NavItemOut(LinkOut):
    children: list["NavItemOut"] = Field(description="Sub-menu, empty if none.")


class SocialLinkOut(Schema):
    platform: str = Field(description="facebook, x, instagram, youtube, linkedin, rss, other…")
    label: str
    url: str


class SiteOut(Schema):
    site_name: str
    navigation: list[NavItemOut]
    copyright: str
    social_links: list[SocialLinkOut]
    whats_new: LinkOut | None
    newsletter: NewsletterInfoOut


NavItemOut.model_rebuild()

site_router = Router(tags=["site"])


@site_router.get(
    "/",
    response={200: SiteOut, 304: None},
    auth=PUBLIC_READ,
    summary="Site furniture: navigation, footer, social links, what's new, newsletter blurb",
    operation_id="site_furniture",
)
def site_furniture(request):
    from home.site_settings import site_payload

    return cacheable_json(request, SiteOut, site_payload(request))


FURNITURE_ROUTERS = [
    ("/markets/", markets_router),
    ("/most-viewed/", most_viewed_router),
    ("/newsletter/", newsletter_router),
    ("/site/", site_router),
]
