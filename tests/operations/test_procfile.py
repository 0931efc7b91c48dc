"""The Procfiles name every process, and the commands they run exist."""

import re
from pathlib import Path

import pytest
from django.core.management import get_commands
from honcho.environ import parse_procfile

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = {"cms", "frontend", "scheduler", "worker"}


def processes(name):
    return parse_procfile((ROOT / name).read_text()).processes


@pytest.mark.parametrize("procfile", ["Procfile", "Procfile.dev"])
def test_the_procfile_names_every_process(procfile):
    assert set(processes(procfile)) == PROCESSES


@pytest.mark.parametrize("procfile", ["Procfile", "Procfile.dev"])
def test_every_management_command_a_procfile_runs_exists(procfile):
    for command in processes(procfile).values():
        words = command.split()
        if words[:2] == ["python", "manage.py"]:
            assert words[2] in get_commands(), command


def test_production_serves_the_cms_with_gunicorn_and_the_frontend_with_uvicorn():
    production = processes("Procfile")
    assert production["cms"].startswith("gunicorn cms.wsgi")
    assert production["frontend"].startswith("uvicorn --factory frontend.app:create_app")
    assert "--reload" not in production["frontend"] and "--no-reload" in production["worker"]


def gunicorn_options(command: str) -> dict[str, str]:
    """``{option: value}`` of a gunicorn command line, without where it binds and how many
    workers it starts (a host's own choices)."""
    options = dict(re.findall(r"--([a-z-]+)=(\S+)", command))
    return {name: value for name, value in options.items() if name not in ("bind", "workers")}


def test_production_runs_gunicorn_as_the_deployment_guide_shows():
    guide = (ROOT / "docs" / "deployment.md").read_text()
    line = re.search(r"^gunicorn cms\.wsgi:application .*?(?<!\\)$", guide, re.M | re.S)
    assert line is not None, "docs/deployment.md shows no gunicorn command"
    documented = gunicorn_options(line.group(0).replace("\\\n", " "))
    assert documented["worker-class"] == "gthread" and "worker-connections" in documented
    assert gunicorn_options(processes("Procfile")["cms"]) == documented
