"""Wagtail's hook registry."""

from wagtail import hooks


def unregister_hook(hook_name, fn):
    """Take ``fn`` out of a Wagtail hook (its registry, ``wagtail.hooks._hooks``, private:
    Wagtail has no public way to unregister outside ``register_temporarily``)."""
    registered = hooks._hooks.get(hook_name, [])
    registered[:] = [entry for entry in registered if entry[0] is not fn]
