"""A story's corrections, clarifications and updates keep their kind through the API."""

import pytest

from news.factories import ArticleCorrectionFactory

pytestmark = pytest.mark.django_db


def test_each_correction_carries_its_kind(client, article):
    ArticleCorrectionFactory(page=article, text="The toll was 12, not 21.", sort_order=0)
    ArticleCorrectionFactory(
        page=article, kind="clarification", text="The minister spoke by phone.", sort_order=1
    )
    ArticleCorrectionFactory(page=article, kind="update", text="Talks resumed.", sort_order=2)
    article.save_revision().publish()
    data = client.get(f"/api/v2/pages/{article.pk}/").json()
    assert [(c["kind"], c["text"][:5]) for c in data["corrections"]] == [
        ("correction", "The t"),
        ("clarification", "The m"),
        ("update", "Talks"),
    ]
