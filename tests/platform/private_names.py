"""The scanner behind ``test_private_names.py``: private names of the libraries we build on.

Every module of ``cms``, ``home``, ``news`` and ``directory`` is parsed (not imported) and
fails the test when it imports a private name of Wagtail, DRF, django-taggit, treebeard,
django-ninja, modelcluster or Django, reads a private attribute of something imported from
them, or uses an attribute named in ``KNOWN_INTERNALS`` (private names of library objects
that reach our code as values, where the import does not show where they come from).
Our own private names (``_helpers``, ``page._api_section``) are fine.
"""

import ast
from pathlib import Path

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
