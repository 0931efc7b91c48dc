"""System checks of the apps a site installs: the apps each one needs, and its settings.

Each platform app and plugin lists what it needs in its ``AppConfig`` (``requires``) and
calls ``register_checks`` from ``ready()``. A site that leaves one of them out of
``INSTALLED_APPS``, or sets one of the app's settings to a malformed value, fails at start-up
(``runserver``, ``migrate``, ``check``) with an error naming what is missing or wrong:

- ``herald.E001``: an app one of them needs is not in ``INSTALLED_APPS`` (one error per
  missing app, naming the apps that need it);
- ``herald.E002``: a setting one of them reads is malformed (``cms.setting_checks`` validators).

Our platform apps (``cms.*``) are needed already to import the plugins' models, before any
system check can run: ``require_platform_apps`` (from ``AppConfig.import_models``) raises
``ImproperlyConfigured`` with the same ``herald.E001`` messages then.
"""

from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

#: Apps every platform app and plugin needs: the platform is one piece (the delivery app
#: renders previews and feeds the scheduler; the scheduler delivers webhooks), and the
#: libraries whose models, templates or APIs the platform uses.
PLATFORM_REQUIRES = (
    "cms.delivery",
    "cms.publishing",
    "cms.webhooks",
    "cms.preview",
    "cms.operations",
    "django_tasks",
    "django_tasks_db",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "rest_framework",
    "wagtail.images",
    "wagtail.documents",
    "wagtail.snippets",
    "wagtail.search",
    "modelcluster",
    "taggit",
)


#: label → (app name, the apps it needs, its AppSettings or None), filled by register_checks.
_registered = {}


def missing_app_errors(needs):
    """One error per missing app, naming the apps that need it. ``needs``: ``(app name,
    the apps it needs)`` pairs."""
    missing = {}
    for owner, requires in needs:
        for name in requires:
            if not apps.is_installed(name):
                missing.setdefault(name, []).append(owner)
    return [
        checks.Error(
            f"{name!r} is not in INSTALLED_APPS; {', '.join(map(repr, owners))} "
            f"{'needs' if len(owners) == 1 else 'need'} it.",
            hint=f"Add {name!r} to INSTALLED_APPS (docs/plugins.md lists what each app needs).",
            id="herald.E001",
        )
        for name, owners in missing.items()
    ]


def setting_errors(owner, app_settings):
    return [
        checks.Error(
            f"The setting {name} {message} (read by {owner!r}).",
            hint="docs/plugins.md lists the settings, their defaults and what they accept.",
            id="herald.E002",
        )
        for name, message in app_settings.errors()
    ]


def check_herald_apps(app_configs=None, **kwargs):
    """The registered apps' required apps and settings."""
    errors = missing_app_errors((name, requires) for name, requires, _ in _registered.values())
    for name, _, app_settings in _registered.values():
        if app_settings is not None:
            errors += setting_errors(name, app_settings)
    return errors


def require_platform_apps(app_config):
    """Before ``app_config``'s models are imported: the ``cms.*`` apps they build on."""
    platform = [name for name in app_config.requires if name.startswith("cms.")]
    errors = missing_app_errors([(app_config.name, platform)])
    if errors:
        raise ImproperlyConfigured(
            "\n".join(f"({error.id}) {error.msg} HINT: {error.hint}" for error in errors)
        )


def register_checks(app_config, app_settings=None):
    """From ``ready()``: the app's required apps and (optionally) its settings."""
    _registered[app_config.label] = (app_config.name, tuple(app_config.requires), app_settings)
    checks.register(check_herald_apps, "herald")


class RequiresAppsMixin:
    """For an ``AppConfig`` with ``requires``: refuses to import its models without the
    platform apps they build on (``require_platform_apps``)."""

    requires = ()

    def import_models(self):
        require_platform_apps(self)
        super().import_models()
