"""One dependency direction, checked on every import the code makes, deferred ones included.

plugins (news, directory) → platform (cms.*) → Wagtail/Django; this site's ``home`` may use
both; the project configuration (settings, root URLs, WSGI) is imported by nothing; the
frontend imports no CMS code; no two modules or packages import each other, however
indirectly. An import inside a function is allowed only where Django requires one (an
``AppConfig.ready`` registering signals, checks or jobs) and says why on the line.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ("cms", "home", "news", "directory", "frontend")
CONFIG = ("cms.settings", "cms.urls", "cms.wsgi", "cms.asgi")
PLUGINS = ("news", "directory")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[0] not in PROJECT or "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The project module an imported name lives in (``a.b.c`` → ``a.b`` if ``c`` is a name)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> Iterator[tuple[str, int, bool]]:
    """(imported project module, line, inside a function) for every import of ``module``."""
    tree = ast.parse(MODULES[module].read_text())
    functions = [
        node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    nested = {id(inner) for fn in functions for inner in ast.walk(fn) if inner is not fn}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            target = _owner(name) if name.split(".")[0] in PROJECT else None
            if target and target != module:
                yield target, node.lineno, id(node) in nested


def _layer(module: str) -> str:
    if module.startswith(CONFIG):
        return "config"
    top = module.split(".")[0]
    if top == "cms":
        return "platform"
    if top in PLUGINS:
        return "plugin"
    return {"home": "site", "frontend": "frontend"}[top]


ALLOWED = {
    "config": {"config", "platform", "plugin", "site"},
    "site": {"site", "plugin", "platform"},
    "plugin": {"plugin", "platform"},
    "platform": {"platform"},
    "frontend": {"frontend"},
}


def _package(module: str) -> str:
    """The capability a module belongs to: ``cms.delivery``, ``home.markets.models``, ``news`` …"""
    parts = module.split(".")
    if parts[0] in ("cms", "home") and len(parts) > 1 and (ROOT / parts[0] / parts[1]).is_dir():
        return ".".join(parts[:2])
    return parts[0]


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


EDGES = {module: {target for target, _, _ in _imports(module)} for module in MODULES}


def test_each_layer_imports_only_the_layers_below_it():
    wrong = [
        f"{module}:{line} imports {target} ({_layer(module)} → {_layer(target)})"
        for module in MODULES
        for target, line, _ in _imports(module)
        if _layer(target) not in ALLOWED[_layer(module)]
    ]
    assert wrong == []


def test_one_plugin_never_imports_another():
    wrong = [
        f"{module} imports {target}"
        for module in MODULES
        for target, _, _ in _imports(module)
        if _layer(module) == _layer(target) == "plugin"
        and module.split(".")[0] != target.split(".")[0]
    ]
    assert wrong == []


def test_the_project_configuration_is_imported_by_nothing():
    wrong = [
        f"{module} imports {target}"
        for module in MODULES
        for target, _, _ in _imports(module)
        if _layer(target) == "config" and _layer(module) != "config"
    ]
    assert wrong == []


def test_no_two_modules_import_each_other():
    assert _cycles(EDGES) == []


def test_no_two_capability_packages_import_each_other():
    packages: dict[str, set[str]] = {}
    for module, targets in EDGES.items():
        if _layer(module) == "config":  # imported by nothing (another test), so in no cycle
            continue
        packages.setdefault(_package(module), set()).update(
            _package(target) for target in targets if _package(target) != _package(module)
        )
    assert _cycles(packages) == []


def test_imports_inside_functions_are_only_where_django_requires_them():
    wrong = []
    for module, path in MODULES.items():
        lines = path.read_text().splitlines()
        for target, line, deferred in _imports(module):
            if not deferred:
                continue
            in_ready = module.endswith(".apps")
            if not (in_ready and "#" in lines[line - 1]):
                wrong.append(f"{module}:{line} imports {target} inside a function")
    assert wrong == []


def test_the_rule_sees_every_package():
    # Guards the test itself: a layout change that hid modules would make it pass vacuously.
    layers = {_layer(module) for module in MODULES}
    assert layers == {"config", "platform", "plugin", "site", "frontend"}
    assert len(MODULES) > 100
