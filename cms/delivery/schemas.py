"""Shared API v3 schemas and responses: problems, cacheable JSON, images and teasers."""

import hashlib
import json
from datetime import datetime as datetime_type
from typing import Any, Literal

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from ninja import Field, Query, Schema
from pydantic import ConfigDict
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.coreutils import get_content_languages

from cms.delivery.conf import settings


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
    schemas at import time), hence from ``DeliveryConfig.ready``.
    """
    from modelcluster.fields import ParentalManyToManyField
    from wagtail.api.v3.schemas import create_generator, patch_generator

    for generator in (create_generator, patch_generator):
        generator.register_field_schema(ParentalManyToManyField, optional_many_to_many_schema)


PUBLIC_READ = [BearerTokenAuth(), AllowAnonymous()]

#: A content language (``?locale=`` of furniture reads, a subscriber's language): another
#: value is a 422 naming the choices. Read from WAGTAIL_CONTENT_LANGUAGES at import.
Language = Literal[tuple(get_content_languages())]  # type: ignore[valid-type]
#: ``locale: Language = LOCALE_QUERY``: the edition a furniture read is for.
LOCALE_QUERY = Query("en", description="The edition (content language); default en.")


class StrictIn(Schema):
    """A request body that refuses keys it does not define (422), instead of dropping them:
    a misspelt or misplaced key is the client's mistake to hear about, not data to lose."""

    model_config = ConfigDict(extra="forbid")


class ProblemOut(Schema):
    """An RFC 7807 problem; ``code`` says which rule failed (e.g. ``expired``)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    code: str | None = None
    errors: list[dict[str, Any]] | None = None


def problem(status, detail, *, code=None, errors=None):
    from wagtail.api.v3.errors import PROBLEM_JSON, build_problem_detail

    title = build_problem_detail(status=status).title
    body = {"type": "about:blank", "title": title, "status": status}
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
