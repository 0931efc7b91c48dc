"""Settings with defaults, for apps installed into Wagtail sites that are not ours.

Each platform app and plugin that reads a project setting has a ``conf.py`` holding an
``AppSettings``: ``django.conf.settings`` with that app's defaults. A name the site sets reads
the site's value (read on every access, so ``override_settings`` works); a name it does not
set reads the app's default; any other name is looked up in ``django.conf.settings`` (or in
the ``fallback`` app's settings), so a module replaces ``from django.conf import settings``
with ``from cms.<app>.conf import settings`` and nothing else changes. The defaults are listed
in ``docs/plugins.md``.

``checks`` names a validator per setting (``cms.setting_checks``): ``cms.checks`` reports a
malformed value as a system check error at start-up.
"""

from django.conf import settings as django_settings

_MISSING = object()


class AppSettings:
    def __init__(self, defaults, *, checks=None, fallback=None):
        self.defaults = dict(defaults)
        self.checks = dict(checks or {})
        self.fallback = fallback

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(django_settings, name, _MISSING)
        if value is not _MISSING:
            return value
        if name in self.defaults:
            return self.defaults[name]
        return getattr(self.fallback if self.fallback is not None else django_settings, name)

    def all_defaults(self):
        """Every name this object has a default for (its own and its fallback's)."""
        inherited = self.fallback.all_defaults() if self.fallback is not None else {}
        return {**inherited, **self.defaults}

    def errors(self):
        """``(name, message)`` for every setting of this app whose value is malformed."""
        found = []
        for name, validate in self.checks.items():
            message = validate(getattr(self, name))
            if message:
                found.append((name, message))
        return found
