"""What every v3 operation may answer, declared in its OpenAPI document.

Wagtail's operations declare their success only; every operation can also answer a
problem (``application/problem+json``): 400 for input the guard refuses
(``cms.delivery.input_guard``), 422 for a value its schema refuses, 401/403 where a
token is read, 404 (an object the path or a filter names), 413/415 where a body is read; the
find operations' 302. Each is
added to the operation's entry (ninja's ``openapi_extra``), so the live document and
``manage.py export_openapi_schema`` both carry it.
"""

from http import HTTPStatus

from cms.wagtail_internals.ninja_operations import api_operations

PROBLEM = "application/problem+json"
#: ``cms.delivery.schemas.ProblemOut``, which the apps' own operations declare (and so put
#: in the document's components): the shape of Wagtail's problems and of ours.
PROBLEM_SCHEMA = {"$ref": "#/components/schemas/ProblemOut"}
BODY_METHODS = ("POST", "PUT", "PATCH")
#: Wagtail's find operations (pages, redirects) answer a found object with a redirect to its
#: detail operation, though they declare the detail's 200.
FOUND = {
    "description": "Found: the object's detail URL, with the query string kept, in Location.",
    "headers": {"Location": {"schema": {"type": "string"}}},
}


def problem_statuses(path: str, operation) -> list[int]:
    """The error statuses ``operation`` (served at ``path``) can answer."""
    # 404 everywhere: a path names an object, and a listing's filter may too (?locale=).
    statuses = [400, 404, 422]
    if operation.auth_callbacks:
        statuses += [401, 403]
    if "/actions/" in path:
        statuses.append(409)  # an action the page's state does not allow (input_guard)
    if set(operation.methods) & set(BODY_METHODS):
        statuses += [413, 415]
    return statuses


def declare_problems(api) -> None:
    """Add the problems each operation of ``api`` can answer to its OpenAPI entry."""
    for path, operation in api_operations(api):
        declared = {
            status: {
                "description": HTTPStatus(status).phrase,
                "content": {PROBLEM: {"schema": PROBLEM_SCHEMA}},
            }
            for status in problem_statuses(path, operation)
        }
        # Errors the operation declares itself (e.g. a 429) keep their description; ninja
        # lists their body as application/json, the problem media type is added next to it.
        for status in operation.response_models:
            if isinstance(status, int) and status >= 400:
                declared[status] = {"content": {PROBLEM: {"schema": PROBLEM_SCHEMA}}}
        if path.endswith("/find/"):
            declared[302] = FOUND
        extra = dict(operation.openapi_extra or {})
        extra["responses"] = {**declared, **extra.get("responses", {})}
        operation.openapi_extra = extra
