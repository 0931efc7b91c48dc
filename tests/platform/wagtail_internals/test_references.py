"""Wagtail's reference index rows, as ``cms.wagtail_internals.references`` writes them."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from cms.wagtail_internals import references as internals
from news.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_reference_index_rows_carry_our_base_content_types_and_content_path_hashes(article):
    ReferenceIndex.create_or_update_for_object(article)
    rows = list(
        ReferenceIndex.objects.filter(
            content_type=ContentType.objects.get_for_model(ArticlePage), object_id=str(article.pk)
        )
    )
    by_path = {row.model_path: row for row in rows}
    assert {"source", "lead_image"} <= set(by_path)
    page_type = internals.reference_base_content_type(ArticlePage)
    assert page_type == ContentType.objects.get_for_model(Page)
    for row in rows:
        assert row.base_content_type_id == page_type.pk
        assert row.content_path_hash == internals.reference_content_path_hash(row.content_path)
    image_type = internals.reference_base_content_type(get_image_model())
    assert by_path["lead_image"].to_content_type_id == image_type.pk
    assert by_path["source"].to_content_type_id == (
        internals.reference_base_content_type(type(article.source)).pk
    )
