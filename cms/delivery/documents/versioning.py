"""Whether stored documents are used, and the version a stored document must carry."""

import hashlib
import importlib
from functools import cache
from importlib import metadata
from pathlib import Path

from cms.delivery.conf import settings


def enabled():
    return settings.API_DOCUMENTS


def version():
    """What a stored document must carry to be used: the settings it shows and the code that
    rendered it (``code_fingerprint``)."""
    parts = [
        settings.FRONTEND_URL,
        settings.WAGTAILAPI_BASE_URL,
        settings.MEDIA_URL,
        getattr(settings, "AWS_S3_CUSTOM_DOMAIN", ""),
        code_fingerprint(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


#: Our packages: every module in them counts towards the code version (``code_modules``).
CODE_PACKAGES = ("cms", "home", "news", "directory")
#: Distributions whose code renders documents (serializers, fields, tags, child relations).
CODE_DISTRIBUTIONS = (
    "wagtail",
    "django",
    "djangorestframework",
    "django-taggit",
    "django-modelcluster",
)


@cache
def code_fingerprint():
    """A digest of the code that renders a representation: the source of every module of our
    packages that counts (``code_modules``) and the versions of the libraries that render
    with it (``CODE_DISTRIBUTIONS``). A release that changes any of them gets a new document
    version: the old documents read as missing and are rendered again (the scheduler's job,
    ``render_api_documents``), with no step to remember. Computed once per process.

    Every module counts unless it is known not to render (``code_counts``), rather than a
    list of the modules that do: page models, their blocks, serializers, rich text, images,
    hooks and settings all shape a document, and a module added or moved later counts
    without anyone remembering to list it. The price is that a release touching any other
    module also renders every document again (a few minutes per 100 000 stories; readers
    meanwhile get stories rendered for them, never a stale one)."""
    digest = hashlib.sha256()
    for distribution in CODE_DISTRIBUTIONS:
        digest.update(f"{distribution}={metadata.version(distribution)};".encode())
    for name, path in code_modules():
        source = _read_source(path)
        digest.update(f"{name}:{len(source)}:".encode())
        digest.update(source)
    return digest.hexdigest()


def code_counts(module_name):
    """Whether a module of ``CODE_PACKAGES`` counts towards the code version: all do except
    migrations and their operations (a ``migrate`` that applies one drops every document
    anyway), management commands, demo content and test factories, which make content or
    run the renderer but never shape what it renders (``tests/platform`` checks that no
    module that counts imports or names one that does not)."""
    return not any(
        part in ("management", "factories", "demo") or part.startswith(("demo_", "migration"))
        for part in module_name.split(".")[1:]
    )


def code_modules():
    """``[(module name, source path)]`` of the modules that count, sorted by name.

    Found on disk under the packages, not among the loaded modules: every process of a
    release (web, scheduler, command) has to compute the same version, whatever it
    happened to import."""
    found = []
    for package in CODE_PACKAGES:
        for directory in importlib.import_module(package).__path__:
            root = Path(directory)
            for path in root.rglob("*.py"):
                parts = [package, *path.relative_to(root).with_suffix("").parts]
                if parts[-1] == "__init__":
                    parts.pop()
                name = ".".join(parts)
                if code_counts(name):
                    found.append((name, path))
    return sorted(found)


def _read_source(path):
    return path.read_bytes()
