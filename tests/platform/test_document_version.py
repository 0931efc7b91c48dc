"""The code version of stored API documents (``cms.delivery.documents.versioning``'s
``code_fingerprint``) follows every module that renders them, whatever each process imported."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cms.delivery.documents import versioning

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_fingerprint():
    versioning.code_fingerprint.cache_clear()
    yield
    versioning.code_fingerprint.cache_clear()


def counted():
    return dict(versioning.code_modules())


def test_the_modules_that_render_documents_count_towards_the_code_version():
    names = set(counted())
    assert {
        "cms.delivery.api",
        "cms.delivery.api_documents",
        "cms.settings.base",
        "cms.wagtail_internals.tree",
        "cms.delivery.batch",
        "cms.delivery.blocks",
        "cms.delivery.documents.dependencies",
        "cms.delivery.documents.encoding",
        "cms.delivery.images",
        "home.models",
        "cms.delivery.rich_text",
        "home.wagtail_hooks",
        "news.api",
        "news.blocks",
        "news.models",
        "directory.api",
        "directory.models",
    } <= names
    assert not any(".migrations" in name or ".management" in name for name in names)


@pytest.mark.parametrize(
    "module", ["home.models", "cms.delivery.rich_text", "news.blocks", "cms.delivery.api"]
)
def test_changing_the_source_of_a_rendering_module_changes_the_document_version(
    module, monkeypatch, fresh_fingerprint
):
    before = versioning.version()
    path = counted()[module]
    read = versioning._read_source
    monkeypatch.setattr(
        versioning,
        "_read_source",
        lambda source: read(source) + (b"\n# changed\n" if source == path else b""),
    )
    versioning.code_fingerprint.cache_clear()
    assert versioning.version() != before
    monkeypatch.undo()
    versioning.code_fingerprint.cache_clear()
    assert versioning.version() == before


def test_a_library_upgrade_changes_the_document_version(monkeypatch, fresh_fingerprint):
    before = versioning.version()
    from importlib import metadata

    real = metadata.version
    monkeypatch.setattr(
        metadata, "version", lambda name: "99.0" if name == "django-taggit" else real(name)
    )
    versioning.code_fingerprint.cache_clear()
    assert versioning.version() != before


def test_every_process_computes_the_same_version_whatever_it_imported():
    """The test process has imported tests, factories and commands; a fresh one has not."""
    code = (
        "import django; django.setup(); "
        "from cms.delivery.documents import versioning; print(versioning.code_fingerprint())"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == versioning.code_fingerprint()


def imported_names(path, module):
    """Modules ``path`` (the module ``module``) imports, and dotted names in its strings."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.add(node.value)
    return names


def test_no_module_that_counts_imports_or_names_one_that_does_not():
    """Migrations, commands, demo content and factories are left out of the version; that is
    safe only while nothing that renders reaches them."""
    left_out = []
    for package in versioning.CODE_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = [package, *path.relative_to(ROOT / package).with_suffix("").parts]
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            if not versioning.code_counts(name):
                left_out.append(name)
    assert "home.demo" in left_out and "news.management.commands.generate_stories" in left_out
    reaching = [
        f"{module} -> {name}"
        for module, path in counted().items()
        for name in imported_names(path, module)
        for excluded in left_out
        if name == excluded or name.startswith(excluded + ".")
    ]
    assert reaching == []
