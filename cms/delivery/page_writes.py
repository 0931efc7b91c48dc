"""Page writes through Wagtail's v3 API that Wagtail would attempt and fail on with a 500.

Publishing an alias (it has no revisions), moving the root page or a page below itself, a
StreamField value that is not a list of ``{"type", "value"}`` blocks: each is refused
before Wagtail's view runs, as a 409 or 422 problem (``cms.delivery.input_guard``).
"""

import json

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict
from wagtail.api.v3.form_data import flatten_block_value
from wagtail.fields import StreamField
from wagtail.models import Page

#: Wagtail's URL names of page create (POST) and update (PATCH): one URL serves several
#: operations, and Django names it after the first (the listing, the detail).
WRITES = {"POST": ("list_pages", "create_page"), "PATCH": ("detail_page", "update_page")}
ACTIONS = ("pages_actions_publish", "pages_actions_move")


def json_body(request):
    try:
        data = json.loads(request.body)
    except ValueError:
        return None  # Wagtail's schema answers
    return data if isinstance(data, dict) else None


def page_write_problem(request, view_kwargs) -> tuple[int, str] | None:
    """``(status, message)`` for a page write Wagtail cannot carry out, or None."""
    action = request.resolver_match.url_name
    if action in ACTIONS:
        return action_problem(request, action, str(view_kwargs.get("page_id", "")))
    if action in WRITES.get(request.method, ()):
        return stream_problem(request, str(view_kwargs.get("page_id", "")))
    return None


def action_problem(request, action, page_id) -> tuple[int, str] | None:
    if not page_id.isdecimal():
        return None
    page = Page.objects.filter(pk=int(page_id)).values("alias_of_id", "depth", "path").first()
    if page is None:
        return None
    if action == "pages_actions_publish" and page["alias_of_id"] is not None:
        return 409, f"this page is an alias of page {page['alias_of_id']}: publish that one"
    if action == "pages_actions_move":
        if page["depth"] == 1:
            return 409, "the root page cannot be moved"
        try:
            destination_id = int((json_body(request) or {}).get("destination_id"))
        except (ValueError, TypeError):
            return None  # Wagtail's schema answers
        destination = Page.objects.filter(pk=destination_id).values_list("path", flat=True)
        if destination and destination[0].startswith(page["path"]):
            return 409, "a page cannot be moved into itself or below itself"
    return None


def stream_problem(request, page_id) -> tuple[int, str] | None:
    """A StreamField value in a page create or update that its blocks cannot read."""
    data = json_body(request)
    if data is None:
        return None
    if page_id.isdecimal():
        page = Page.objects.filter(pk=int(page_id)).first()
        model = page.specific_class if page is not None else None
    else:
        try:
            model = apps.get_model(str((data.get("meta") or {}).get("type")))
        except (LookupError, ValueError, AttributeError):
            return None  # Wagtail's schema answers
    if model is None:
        return None
    for field in model._meta.get_fields():
        if isinstance(field, StreamField) and field.name in data:
            try:
                # What Wagtail's write does first with the value (public in its form_data).
                flatten_block_value(
                    field.stream_block, data[field.name], field.name, MultiValueDict()
                )
            except ValidationError:
                continue  # Wagtail answers it (422)
            except (TypeError, KeyError, AttributeError, ValueError) as e:
                return 422, (
                    f"{field.name} must be a list of blocks, each "
                    f'{{"type": <block name>, "value": …}} ({type(e).__name__}: {e})'
                )
    return None
