"""Leaves this site's project modules out of the wheel (pyproject.toml has everything else).

``[tool.setuptools.packages.find]`` excludes whole packages (``home``, ``cms.settings``);
``cms/urls.py`` and ``cms/wsgi.py`` are modules of the ``cms`` package, which only a
``build_py`` that skips them can leave out.
"""

from setuptools import setup
from setuptools.command.build_py import build_py

PROJECT_MODULES = {("cms", "urls"), ("cms", "wsgi")}


class BuildPyWithoutProjectModules(build_py):
    def find_package_modules(self, package, package_dir):
        modules = super().find_package_modules(package, package_dir)
        return [entry for entry in modules if (entry[0], entry[1]) not in PROJECT_MODULES]


setup(cmdclass={"build_py": BuildPyWithoutProjectModules})
