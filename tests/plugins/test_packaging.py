"""What ``pip install <checkout>`` installs declares every library it imports directly."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = {"cms", "news", "directory", "home", "frontend", "tests"}


def imported_top_levels(package):
    names = set()
    for path in (ROOT / package).rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("cms/settings/") or relative in ("cms/urls.py", "cms/wsgi.py"):
            continue  # our project configuration is not installed
        for node in ast.walk(ast.parse(path.read_text(), relative)):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - FIRST_PARTY - set(sys.stdlib_module_names)


def declared(*extras):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    return {
        re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        for requirement in requirements
    }


@pytest.mark.parametrize(
    ("package", "extras"),
    [
        ("cms", ()),
        ("news", ()),
        ("directory", ()),
        ("home", ()),  # runs from the checkout, with the same dependencies
        ("frontend", ("frontend",)),  # `pip install ".[frontend]"` (docs/deployment.md)
    ],
)
def test_every_directly_imported_library_is_a_declared_dependency(package, extras):
    """Factories and demo content included: load_demo and generate_stories run in a prod
    install (tests/plugins/test_prod_install.py)."""
    distributions = packages_distributions()
    undeclared = {}
    for name in sorted(imported_top_levels(package)):
        providers = {d.lower().replace("_", "-") for d in distributions.get(name, [name])}
        if not providers & declared(*extras):
            undeclared[name] = sorted(providers)
    assert undeclared == {}
