"""Prints what an installation holds, as JSON: run by the upgrade test against the old and
the new code (so it uses only Django's and Wagtail's own APIs, which both releases share)."""

import json
import os
import sys

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page, Revision  # noqa: E402


def main() -> None:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[f"{model._meta.app_label}.{model._meta.model_name}"] = (
                model._default_manager.using(connection.alias).count()
            )
    content_types = {f"{ct.app_label}.{ct.model}": ct.pk for ct in ContentType.objects.all()}
    # Groups' permissions by the content type they are on ("app.model": rows).
    group_grants: dict[str, int] = {}
    for app_label, model in Group.permissions.through.objects.values_list(
        "permission__content_type__app_label", "permission__content_type__model"
    ):
        key = f"{app_label}.{model}"
        group_grants[key] = group_grants.get(key, 0) + 1
    tree = [
        [page.path, page.title, page.slug, page.live, page.content_type.model]
        for page in Page.objects.order_by("path").select_related("content_type")
    ]
    revisions = sorted(
        [rev.object_id, rev.base_content_type_id, rev.approved_go_live_at is not None]
        for rev in Revision.objects.all()
    )
    client = Client(HTTP_HOST=os.environ.get("SNAPSHOT_HOST", "localhost"))
    stories = Page.objects.filter(content_type__model="articlepage").order_by("pk")
    answers = {}
    for page_id in stories.values_list("pk", flat=True):
        response = client.get(f"/api/v2/pages/{page_id}/")
        answers[page_id] = [response.status_code, response.json()]
    # Search (the seed story's place name): the same stories must match after the upgrade.
    found = client.get("/api/v2/pages/?type=news.ArticlePage&search=Idlib").json()
    searched = sorted(item["id"] for item in found["items"])
    json.dump(
        {
            "counts": counts,
            "content_types": content_types,
            "group_grants": group_grants,
            "tree": tree,
            "revisions": revisions,
            "stories": answers,
            "search": searched,
        },
        sys.stdout,
    )


main()
