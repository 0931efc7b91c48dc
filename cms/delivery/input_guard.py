"""What every API request must satisfy before a view reads it, answered in the API's own shape.

Some input fails below the views, in the database or a library, as a 500: a NUL byte
(PostgreSQL refuses it in text), an offset past 64 bits (SQLite and PostgreSQL refuse
it), JSON nested hundreds of levels deep (recursion in validation), a body over
``DATA_UPLOAD_MAX_MEMORY_SIZE`` (Django raises on reading it), search text a backend
cannot parse. Each is a class of input, not a parameter of one view, so it is refused
here for every v2 and v3 endpoint, Wagtail's included: a 400 (413, 415) with a message,
``{"message": …}`` on v2 as Wagtail answers, ``application/problem+json`` on v3.
Django-ninja answers a wrong method on v3 in plain text; it becomes a problem too.
"""

import json
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from wagtail.api.v3.errors import problem_response

from cms.delivery.extensions import file_body_url_names
from cms.delivery.page_writes import page_write_problem
from cms.search.queries import search_problem

V2_NAMESPACE = "wagtailapi"
V3_NAMESPACE = "wagtailapi_v3"
#: Largest ``offset``/``limit`` a database accepts (a signed 64-bit integer).
MAX_INTEGER = 2**63 - 1
INTEGER_PARAMETERS = ("offset", "limit")
#: Deepest JSON body accepted: a story's nested blocks use about ten levels.
MAX_JSON_DEPTH = 64
JSON_TYPES = ("application/json",)
BODY_TYPES = ("application/json", "multipart/form-data")

_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_JSON_BRACKET = re.compile(rb"[\[\]{}]")
#: ``\u0000`` in JSON text, not preceded by an escaped backslash.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)


def json_depth(body: bytes) -> int:
    """How deeply arrays and objects nest in this JSON text (strings skipped)."""
    depth = deepest = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub(b"", body)):
        depth += 1 if bracket in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


def is_json_scalar(body: bytes) -> bool:
    """Whether the body is valid JSON but neither an object nor an array (unparsable text is
    left to the API's own parser, which answers 400)."""
    if body.lstrip()[:1] in (b"{", b"["):
        return False
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


def api_of(request) -> str | None:
    """``"v2"``, ``"v3"`` or None (not an API request)."""
    match = getattr(request, "resolver_match", None)
    namespaces = match.namespaces if match is not None else ()
    if V3_NAMESPACE in namespaces:
        return "v3"
    if V2_NAMESPACE in namespaces:
        return "v2"
    return None


def refusal(api: str, status: int, message: str) -> HttpResponse:
    if api == "v3":
        return problem_response(status=status, detail=message)
    return JsonResponse({"message": message}, status=status)


def body_too_large(request, exc) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return refusal("v3", 413, f"the request body is larger than the limit of {limit} bytes")


def query_problem(request) -> str | None:
    if "\x00" in request.path:
        return "the path must not contain NUL characters"
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return f"{name.replace(chr(0), '')} must not contain NUL characters"
    for name in INTEGER_PARAMETERS:
        value = request.GET.get(name, "")
        if value.isascii() and value.isdigit() and int(value) > MAX_INTEGER:
            return f"{name} must be at most {MAX_INTEGER}"
    if "search" in request.GET:
        return search_problem(
            request.GET["search"],
            request.GET.get("search_operator"),
            # The v2 pages search reads phrases and prefixes (cms.search.filters).
            phrases=api_of(request) == "v2" and "pages" in request.resolver_match.namespaces,
        )
    if "user_id" in request.GET:  # a revision filter: any user key type (ints, UUIDs)
        try:
            get_user_model()._meta.pk.to_python(request.GET["user_id"])
        except ValidationError:
            return "user_id must be a user's id"
    return None


def path_problem(view_kwargs) -> tuple[int, str] | None:
    """A v3 object id in the path that is not a whole number, which Wagtail's page schema
    looks up in the database before validating it (a 500 otherwise)."""
    for name, value in view_kwargs.items():
        if not name.endswith("_id"):
            continue
        text = str(value)
        if not (text.isascii() and text.isdecimal()):
            return 422, f"{name} must be a whole number"
        if int(text) > MAX_INTEGER:
            return 404, f"no object has {name} {text}"
    return None


def takes_files(request) -> bool:
    """The operation reads its body as a file of any media type (``API_FILE_BODIES``)."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name in file_body_url_names()


def body_problem(request) -> tuple[int, str] | None:
    """``(status, message)`` for a body the API will not read, or None."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 400, "Content-Length must be a number"
    if not length:
        return None
    if limit is not None and length > limit:
        return 413, f"the request body is larger than the limit of {limit} bytes"
    content_type = request.content_type or ""
    if request.method in ("POST", "PUT", "PATCH") and not (
        content_type in BODY_TYPES or content_type.endswith("+json") or takes_files(request)
    ):
        return 415, f"Content-Type must be application/json, not {content_type or 'unset'}"
    if content_type in JSON_TYPES or content_type.endswith("+json"):
        body = request.body
        if b"\x00" in body or _JSON_NUL.search(body):
            return 400, "the request body must not contain NUL characters"
        if request.method in ("POST", "PUT", "PATCH") and is_json_scalar(body):
            return 422, "the JSON body must be an object"
        if json_depth(body) > MAX_JSON_DEPTH:
            return 400, f"the JSON body nests deeper than {MAX_JSON_DEPTH} levels"
    return None


class APIInputGuardMiddleware:
    """Refuses, for ``/api/v2/`` and ``/api/v3/``, input no view can answer (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and api_of(request) == "v3":
            return self.method_not_allowed(request, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        api = api_of(request)
        if api is None:
            return None
        message = query_problem(request)
        if message is not None:
            return refusal(api, 400, message)
        found = (path_problem(view_kwargs) if api == "v3" else None) or body_problem(request)
        if found is None and api == "v3":
            found = page_write_problem(request, view_kwargs)
        if found is not None:
            return refusal(api, *found)
        return None

    @staticmethod
    def method_not_allowed(request, response):
        if response.get("Content-Type", "").startswith("application/problem+json"):
            return response
        allowed = response.get("Allow", "")
        problem = problem_response(
            status=405, detail=f"{request.method} is not allowed here (allowed: {allowed})"
        )
        problem["Allow"] = allowed
        return problem
