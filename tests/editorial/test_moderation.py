"""Demo roles and the moderation workflow (home.demo.editorial)."""

from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, WorkflowState

from home.demo import editorial as demo_editorial
from news.factories import ArticlePageFactory
from news.models import ArticlePage


def test_editors_write_in_sections_but_do_not_publish(newsroom):
    story = ArticlePageFactory(parent=newsroom.world, title="A wire story")
    perms = story.permissions_for_user(newsroom.editor)
    assert perms.can_edit()
    assert not perms.can_publish()
    assert newsroom.world.permissions_for_user(newsroom.editor).can_add_subpage()
    # The front page belongs to the desk.
    assert not newsroom.home.permissions_for_user(newsroom.editor).can_edit()
    assert newsroom.editor.has_perm("wagtailadmin.access_admin")
    assert newsroom.editor.has_perm("wagtailimages.add_image")


def test_moderators_edit_and_publish_everything_under_home(newsroom):
    story = ArticlePageFactory(parent=newsroom.world, title="Another story")
    for page in (newsroom.home, story):
        perms = page.permissions_for_user(newsroom.moderator)
        assert perms.can_edit() and perms.can_publish()
    # Not above the site: the tree root stays with administrators.
    root = Page.get_first_root_node()
    assert not root.permissions_for_user(newsroom.moderator).can_publish()


def test_the_demo_story_waits_for_a_moderator(newsroom):
    story = ArticlePage.objects.get(slug=demo_editorial.MODERATION_STORY["slug"])
    assert not story.live
    state = story.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Moderators approval"
    assert state.requested_by == newsroom.editor
    task = state.current_task_state.task.specific
    actions = [name for name, *_ in task.get_actions(story, newsroom.moderator)]
    assert "approve" in actions and "reject" in actions
    assert task.get_actions(story, newsroom.editor) == []
    assert "waiting for a moderator's approval" in newsroom.command.stdout.getvalue()


def test_approval_publishes_an_editors_submission(newsroom):
    story = ArticlePageFactory(parent=newsroom.venezuela, title="Submitted story", live=False)
    story.save_revision(user=newsroom.editor)
    workflow = story.get_workflow()
    assert workflow.name == "Moderators approval"
    state = workflow.start(story, newsroom.editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, newsroom.moderator, "approve")
    story.refresh_from_db()
    assert story.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_loading_twice_changes_nothing(newsroom):
    before = set(GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id"))
    demo_editorial.load(newsroom.command)
    demo_editorial.finish(newsroom.command)
    after = set(GroupPagePermission.objects.values_list("group_id", "page_id", "permission_id"))
    assert before == after
    assert ArticlePage.objects.filter(slug=demo_editorial.MODERATION_STORY["slug"]).count() == 1
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1


def test_rejection_with_a_comment_sends_the_story_back_unpublished(newsroom):
    story = ArticlePageFactory(parent=newsroom.venezuela, title="Needs work", live=False)
    story.save_revision(user=newsroom.editor)
    state = story.get_workflow().start(story, newsroom.editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(
        task_state, newsroom.moderator, "reject", comment="Second source, please."
    )
    story.refresh_from_db()
    assert not story.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state.refresh_from_db()
    assert task_state.comment == "Second source, please."
    # The editor may fix the story and resubmit; the moderator's approval then publishes it.
    assert story.permissions_for_user(newsroom.editor).can_edit()


def test_approval_keeps_a_future_go_live_time(newsroom):
    go_live = (timezone.now() + timezone.timedelta(hours=2)).replace(microsecond=0)
    story = ArticlePageFactory(parent=newsroom.world, title="Scheduled after approval", live=False)
    story.go_live_at = go_live
    story.save_revision(user=newsroom.editor)
    state = story.get_workflow().start(story, newsroom.editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, newsroom.moderator, "approve")
    story.refresh_from_db()
    assert not story.live
    assert story.get_latest_revision().approved_go_live_at == go_live
