"""Only ``cms/wagtail_internals/`` touches private names of the libraries we build on.

Every module of ``cms``, ``home``, ``news`` and ``directory`` is parsed (not imported) and
fails the test when it imports a private name of Wagtail, DRF, django-taggit, treebeard,
django-ninja, modelcluster or Django, reads a private attribute of something imported from
them, or uses an attribute named in ``KNOWN_INTERNALS`` (private names of library objects
that reach our code as values, where the import does not show where they come from).
Our own private names (``_helpers``, ``page._api_section``) are fine.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("cms", "home", "news", "directory")
ALLOWED_PACKAGE = ROOT / "cms" / "wagtail_internals"

#: Top-level packages whose private names are reserved to ``cms.wagtail_internals``.
LIBRARIES = frozenset(
    ["wagtail", "rest_framework", "taggit", "treebeard", "ninja", "modelcluster", "django"]
)
#: Underscored names Django documents as public (the ``Model._meta`` API, managers, state).
DOCUMENTED = frozenset(["_meta", "_default_manager", "_base_manager", "_state"])
#: Private (or undocumented) names of library objects, wherever the object comes from.
KNOWN_INTERNALS = frozenset(
    [
        # Wagtail
        "_wagtail_site",
        "_find_for_request",
        "_get_site_root_paths",
        "_get_relevant_site_root_paths",
        "_wagtail_cached_site_root_paths",
        "_get_serializer_class",
        "_status_title",
        "ListChild",
        "_get_base_content_type",
        "_get_content_path_hash",
        "_extract_references_from_object",
        # django-taggit
        "_TaggableManager",
        # treebeard's path format
        "steplen",
        "alphabet",
        "_get_basepath",
        "_get_path",
        "_int2str",
        "_str2int",
        # Django
        "_prefetched_objects_cache",
        "_should_delete_form",
        "fields_cache",
    ]
)
ATTRIBUTE_CALLS = frozenset(["getattr", "hasattr", "setattr", "delattr"])


def is_private(name):
    """One leading underscore (or a mangled ``__name``), not a dunder and not ``_`` itself."""
    return name.startswith("_") and name != "_" and not name.endswith("__")


def private_uses(source, filename="<module>"):
    """``[(line, description)]`` of the private library names ``source`` uses."""
    tree = ast.parse(source, filename)
    library_names = set()  # local names bound to a library module or object
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] in LIBRARIES:
                    library_names.add(alias.asname or parts[0])
                    if any(is_private(part) for part in parts):
                        found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            parts = node.module.split(".")
            if parts[0] in LIBRARIES:
                for alias in node.names:
                    library_names.add(alias.asname or alias.name)
                    if any(is_private(part) for part in parts) or is_private(alias.name):
                        found.append((node.lineno, f"from {node.module} import {alias.name}"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            root = node.value  # the name a chain like ``a.b().c[0]._d`` starts from
            while isinstance(root, ast.Attribute | ast.Call | ast.Subscript):
                root = root.func if isinstance(root, ast.Call) else root.value
            from_library = isinstance(root, ast.Name) and root.id in library_names
            if node.attr in KNOWN_INTERNALS or (
                from_library and is_private(node.attr) and node.attr not in DOCUMENTED
            ):
                found.append((node.lineno, f".{node.attr}"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ATTRIBUTE_CALLS
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in KNOWN_INTERNALS
        ):
            found.append((node.lineno, f"{node.func.id}(…, {node.args[1].value!r})"))
    return sorted(set(found))


def our_modules():
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


# --- The check itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "from wagtail.api.v3.errors import _status_title",
        "from wagtail.api.v3.errors import _status_title as title",
        "import wagtail.api.v3.errors as errors\nerrors._status_title(404)",
        "import wagtail.api.v3.errors\nwagtail.api.v3.errors._status_title(404)",
        "from taggit.managers import _TaggableManager",
        "from taggit import managers\nmanagers._TaggableManager",
        "from wagtail.models import Page\nPage._get_path('', 1, 1)",
        "from wagtail.models import ReferenceIndex\nReferenceIndex._get_base_content_type(m)",
        "from rest_framework import serializers\nserializers.Field()._context",
        "from ninja import NinjaAPI\nNinjaAPI._routers",
        "import treebeard._private",
        "request._wagtail_site = site",
        "hasattr(request, '_wagtail_site')",
        "getattr(obj, '_prefetched_objects_cache', {})",
        "viewset._get_serializer_class(router, model, [], show_details=True)",
        "from wagtail import blocks\nblocks.list_block.ListValue.ListChild(block, value)",
        "page.path[: -page.steplen]",
        "formset._should_delete_form(form)",
        "'locale' in page._state.fields_cache",
    ],
)
def test_the_check_finds_a_private_library_name(source):
    assert private_uses(source), source


@pytest.mark.parametrize(
    "source",
    [
        "from wagtail.models import Page\nPage._meta.get_field('locale')",
        "from wagtail.models import Page\nPage._default_manager.all()",
        "obj._state.db",
        "from django.utils.translation import gettext_lazy as _",
        "from cms.delivery.batch import _is_public\n_is_public()",
        "def _helper():\n    pass\n_helper()",
        "self._base_queryset = queryset",
        "page._api_section = parent",
        "getattr(page, '_api_section', None)",
        "from wagtail.models import Page\nPage.__name__",
        "from . import _sibling",
    ],
)
def test_the_check_lets_our_own_and_documented_names_pass(source):
    assert private_uses(source) == [], source


def test_the_check_finds_the_private_names_wagtail_internals_keeps():
    found = {
        what
        for path in ALLOWED_PACKAGE.glob("*.py")
        for _, what in private_uses(path.read_text(), str(path))
    }
    assert {
        ".steplen",
        ".alphabet",
        "getattr(…, '_wagtail_site')",
        "._wagtail_site",
        "._get_serializer_class",
        ".ListChild",
        "._get_base_content_type",
        "._get_content_path_hash",
    } <= found


# --- Our code -----------------------------------------------------------------------------


def test_no_module_but_wagtail_internals_uses_a_private_name_of_a_library():
    modules = our_modules()
    allowed = set(ALLOWED_PACKAGE.glob("*.py"))
    assert len(modules) > 50 and len(allowed) > 5 and allowed < set(modules)
    offences = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in modules
        if path not in allowed
        for line, what in private_uses(path.read_text(), str(path))
    ]
    assert offences == [], (
        "Use or add an entry of cms/wagtail_internals/ (with its test in "
        "tests/platform/wagtail_internals/) instead of:\n" + "\n".join(offences)
    )
