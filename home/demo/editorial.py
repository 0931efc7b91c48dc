"""Demo newsroom roles: who may write, publish and approve, and a story awaiting approval.

Run by ``manage.py load_demo`` after ``home.demo.furniture`` (which creates the demo users):

* **Editors** (demo user ``editor``) write in the news sections and the link
  directory: they may add and edit pages there, not publish. Their "Submit for
  moderation" starts the workflow below.
* **Moderators** (demo user ``moderator``) are the desk: add, edit, publish, lock
  and unlock anywhere under the home page, including the front page's layout.
* The **"Moderators approval"** workflow (one ``GroupApprovalTask`` for the
  Moderators) is assigned to the home page, so every page of the site needs a
  moderator's approval when an editor submits it. Approving publishes the page,
  or keeps its go-live time if it is scheduled.
* Both groups may upload and choose images and documents in the root collection
  and choose authors, wire sources and countries.
* One story by the demo editor waits in moderation.

Idempotent: a second run changes nothing.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)

from home.models import HomePage
from news.models import ArticlePage, SectionPage, WireSource

WORKFLOW_NAME = "Moderators approval"
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_ACTIONS = ["add", "change", "choose"]
SNIPPET_PERMISSIONS = [
    ("news", "author", ["view", "add", "change"]),
    ("news", "wiresource", ["view"]),
    ("countries", "country", ["view"]),
]
MODERATION_STORY = {
    "slug": "venezuela-opposition-asks-for-talks-on-electoral-calendar",
    "title": "Venezuela's Opposition Asks for Talks on the Electoral Calendar",
    "deck": "The coalition wants a date for regional elections before the end of the year.",
    "dateline_city": "Caracas",
    "section": "venezuela",
    "body": [
        (
            "paragraph",
            "<p>Venezuela's main opposition coalition on Tuesday asked the electoral "
            "authority for talks on a calendar for regional elections.</p>",
        ),
        (
            "paragraph",
            "<p>The coalition said it would present its proposal to the National Electoral "
            "Council this week.</p>",
        ),
    ],
}


def load(command):
    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for group in (editors, moderators):
        group.permissions.add(access_admin, *snippet_permissions())
        grant_collection_permissions(group)
    home = command_home()
    set_page_permissions(moderators, [home], MODERATOR_PAGE_PERMISSIONS)
    workflow = moderation_workflow(moderators)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def finish(command):
    """Per-section rights for the Editors and the story in moderation (the sections exist now)."""
    editors = Group.objects.get(name="Editors")
    home = command_home()
    writable = list(Page.objects.child_of(home).type(*writable_page_types()).order_by("path"))
    set_page_permissions(editors, writable, EDITOR_PAGE_PERMISSIONS)
    story = story_in_moderation()
    if story is not None:
        command.stdout.write(f'"{story.title}" is waiting for a moderator\'s approval')


def command_home():

    return HomePage.objects.first()


def writable_page_types():
    from django.apps import apps

    return [
        model
        for label in ("news.SectionPage", "directory.DirectoryIndexPage")
        if (model := apps.get_model(label)) is not None
    ]


def snippet_permissions():
    # Looked up one by one: a permission that does not exist (a model renamed or moved to
    # another app) stops the demo instead of leaving the group silently without it.
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
        for app_label, model, actions in SNIPPET_PERMISSIONS
        for action in actions
    ]


def grant_collection_permissions(group):
    """Upload, edit and choose images and documents in the root collection.

    Wagtail checks these against ``wagtailimages.Image`` and ``wagtaildocs.Document``
    permissions, also for a custom image model such as ``home.CustomImage``.
    """
    root = Collection.get_first_root_node()
    for app_label, model_name in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in COLLECTION_ACTIONS:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model_name}"
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def set_page_permissions(group, pages, codenames):
    """Exactly these rights on exactly these pages (and so their subtrees)."""
    permissions = list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
    )
    wanted = {(page.pk, permission.pk) for page in pages for permission in permissions}
    existing = set(
        GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission_id")
    )
    for page_id, permission_id in existing - wanted:
        GroupPagePermission.objects.filter(
            group=group, page_id=page_id, permission_id=permission_id
        ).delete()
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page_id=page_id, permission_id=permission_id)
        for page_id, permission_id in wanted - existing
    )


def moderation_workflow(moderators):
    """The "Moderators approval" workflow: one approval task for the Moderators group."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.set([moderators])
    if not workflow.workflow_tasks.filter(task=task).exists():
        workflow.workflow_tasks.create(task=task, sort_order=workflow.workflow_tasks.count())
    return workflow


def story_in_moderation():
    """A draft by the demo editor, submitted for approval (created once)."""

    data = MODERATION_STORY
    if ArticlePage.objects.filter(slug=data["slug"]).exists():
        return None
    section = SectionPage.objects.filter(slug=data["section"]).first()
    editor = get_user_model().objects.filter(username="editor").first()
    if section is None or editor is None:
        return None
    story = ArticlePage(
        title=data["title"],
        slug=data["slug"],
        deck=data["deck"],
        dateline_city=data["dateline_city"],
        source=WireSource.objects.filter(slug="staff").first(),
        body=data["body"],
        date=timezone.now(),
        live=False,
        owner=editor,
    )
    section.add_child(instance=story)
    story.save_revision(user=editor)
    story.get_workflow().start(story, editor)
    return story
