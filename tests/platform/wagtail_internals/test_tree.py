"""treebeard's materialised paths, as ``cms.wagtail_internals.tree`` reads them."""

import string

import pytest
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.test.utils import CaptureQueriesContext
from treebeard.mp_tree import MP_Node
from wagtail.models import Page

from cms.wagtail_internals import tree as internals
from news.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def test_page_paths_are_steps_of_four_base_36_digits_as_treebeard_makes_them():
    assert Page.steplen == MP_Node.steplen == 4
    assert Page.alphabet == MP_Node.alphabet == string.digits + string.ascii_uppercase


def test_parent_path_is_the_path_of_the_page_treebeard_calls_the_parent(section):
    child = SectionPageFactory(parent=section)
    story = ArticlePageFactory(parent=child)
    for page in (section, child, story):
        page = Page.objects.get(pk=page.pk)
        assert internals.parent_path(page.path) == page.get_parent().path


def test_parent_path_expression_reads_each_pages_parent_in_one_query(section):
    story = ArticlePageFactory(parent=SectionPageFactory(parent=section, title="Venezuela"))
    parent_title = Subquery(
        Page.objects.filter(path=internals.parent_path_expression(OuterRef("path"))).values(
            "title"
        )[:1]
    )
    titles = dict(
        Page.objects.filter(pk__in=[section.pk, story.pk])
        .annotate(parent_title=parent_title)
        .values_list("pk", "parent_title")
    )
    assert titles == {section.pk: section.get_parent().title, story.pk: "Venezuela"}


def test_get_parent_answers_the_parent_cache_parents_read_without_a_query(section):
    venezuela = SectionPageFactory(parent=section, title="Venezuela")
    pages = list(
        Page.objects.filter(pk__in=[ArticlePageFactory(parent=p).pk for p in (section, venezuela)])
    )
    internals.cache_parents(pages)
    with CaptureQueriesContext(connection) as queries:
        parents = [(page.get_parent().pk, page.get_parent().locale.language_code) for page in pages]
    assert len(queries) == 0
    assert {pk for pk, _ in parents} == {section.pk, venezuela.pk}


def test_children_path_range_at_the_next_depth_holds_exactly_the_children_treebeard_lists(
    section,
):
    stories = [ArticlePageFactory(parent=section) for _ in range(3)]
    ArticlePageFactory(parent=SectionPageFactory(parent=section))  # a grandchild
    ArticlePageFactory(parent=section.get_parent())  # a sibling's subtree
    children = list(section.get_children().values_list("pk", flat=True))
    assert len(children) == 4 and {story.pk for story in stories} < set(children)

    by_string = Page.objects.filter(
        path__range=internals.children_path_range(section.path), depth=section.depth + 1
    )
    path = Subquery(Page.objects.filter(pk=section.pk).values("path")[:1])
    by_expression = Page.objects.filter(
        path__range=internals.children_path_range(path), depth=section.depth + 1
    )
    assert list(by_string.order_by("path").values_list("pk", flat=True)) == children
    assert list(by_expression.order_by("path").values_list("pk", flat=True)) == children


def test_path_step_numbers_children_as_treebeard_adds_them(section):
    stories = [ArticlePageFactory(parent=section) for _ in range(3)]
    for position, story in enumerate(stories, start=1):
        assert story.path == section.path + internals.path_step(position)
        assert internals.step_position(story.path) == position
    for position in (1, 35, 36, 1295, 1296, 36**4 - 1):
        assert internals.path_step(position) == Page._get_path("", 1, position)
        assert internals.step_position("0001" + internals.path_step(position)) == position


def test_path_step_refuses_a_position_past_the_last_four_digit_step():
    assert internals.path_step(36**4 - 1) == "ZZZZ"
    with pytest.raises(ValueError, match="children"):
        internals.path_step(36**4)
