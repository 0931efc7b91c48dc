"""Wagtail's hook registry, as ``cms.wagtail_internals.hooks`` edits it."""

import pytest

from cms.wagtail_internals import hooks as internals

pytestmark = pytest.mark.django_db


def test_a_hook_function_can_be_taken_out_of_wagtails_registry():
    from wagtail import hooks

    def button(page, user, view_name=None, next_url=None):
        return []

    hooks.register("herald_test_hook", button)
    assert button in hooks.get_hooks("herald_test_hook")
    internals.unregister_hook("herald_test_hook", button)
    assert button not in hooks.get_hooks("herald_test_hook")


def test_wagtail_localizes_listing_buttons_are_out_of_page_listings():
    from wagtail import hooks
    from wagtail_localize import wagtail_hooks as localize_hooks

    listing = hooks.get_hooks("register_page_listing_more_buttons")
    assert localize_hooks.page_listing_more_buttons not in listing
    assert localize_hooks.page_listing_more_buttons in hooks.get_hooks(
        "register_page_header_buttons"
    )
