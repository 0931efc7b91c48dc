"""``pip install ".[prod]"`` (docs/deployment.md) runs every command README and docs name.

A fresh virtual environment gets the checkout with the prod extra and nothing else, offline:
uv takes every library from the cache ``make install`` filled, at the versions of
requirements.lock. Each ``manage.py <command>`` the documentation mentions then loads its
command module and parser, which imports everything the command imports.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.multiprocess, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
UV = Path(sys.executable).parent / "uv"
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "var", "build", "dist", "*.egg-info", "__pycache__", ".*_cache"
)
LOAD_PARSERS = """
import sys
import django
from django.core.management import get_commands, load_command_class

django.setup()
commands = get_commands()
for name in sys.argv[1:]:
    parser = load_command_class(commands[name], name).create_parser("manage.py", name)
    print(f"== {name}: {parser.format_usage().strip()}")
"""


def documented_commands():
    texts = [(ROOT / "README.md").read_text()]
    texts += [path.read_text() for path in sorted((ROOT / "docs").glob("*.md"))]
    return sorted({name for text in texts for name in re.findall(r"manage\.py ([a-z_]+)", text)})


def run(*args, **kwargs):
    result = subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, timeout=300, **kwargs
    )
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_the_documentation_names_the_commands_operators_need():
    assert {"load_demo", "generate_stories", "render_api_documents", "run_scheduler"} <= set(
        documented_commands()
    )


def test_a_prod_install_runs_every_documented_command(tmp_path):
    checkout = tmp_path / "herald"
    shutil.copytree(ROOT, checkout, ignore=NOT_COPIED)
    venv = tmp_path / "venv"
    run(UV, "venv", "--quiet", "--offline", "--python", sys.executable, venv)
    python = venv / "bin" / "python"
    run(
        UV, "pip", "install", "--quiet", "--offline", "--python", python,
        "--constraint", ROOT / "requirements.lock", f"{checkout}[prod]",
    )  # fmt: skip
    installed = {
        line.split("==")[0] for line in run(UV, "pip", "freeze", "--python", python).split()
    }
    assert "gunicorn" in installed
    assert not {"pytest", "ruff", "playwright", "uvicorn"} & installed  # dev, frontend stay out

    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "prod-install-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path / "var"),
    }
    commands = documented_commands()
    out = run(python, "-c", LOAD_PARSERS, *commands, cwd=checkout, env=env)
    for name in commands:
        assert f"== {name}: usage: manage.py {name}" in out
    assert "gunicorn" in run(venv / "bin" / "gunicorn", "--version", env=env)
