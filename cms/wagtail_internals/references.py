"""Wagtail's reference index rows, which ``generate_stories`` writes itself."""

from wagtail.models import ReferenceIndex


def reference_base_content_type(model):
    """The content type Wagtail's reference index stores as ``base_content_type`` and
    ``to_content_type`` for ``model`` (its root concrete model): ``ReferenceIndex.
    _get_base_content_type``, private; ``generate_stories`` writes the rows itself."""
    return ReferenceIndex._get_base_content_type(model)


def reference_content_path_hash(content_path):
    """The ``content_path_hash`` Wagtail's reference index stores for a content path:
    ``ReferenceIndex._get_content_path_hash``, private; ``generate_stories`` writes the rows
    itself."""
    return ReferenceIndex._get_content_path_hash(content_path)
