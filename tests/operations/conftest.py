"""The scheduling tests' draft story, for tests that publish one on schedule."""

from tests.scheduling.conftest import draft  # noqa: F401  (fixture)
