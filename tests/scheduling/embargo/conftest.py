"""Embargo: no one publishes a wire story before its embargo, by hand, API or schedule."""

from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def embargoed(draft):
    draft.embargo_until = timezone.now() + timedelta(hours=2)
    draft.save()
    draft.save_revision()
    return draft
