from pathlib import Path

import pytest

from news.wires.factories import jpeg_with_iptc

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def inbox(tmp_path, settings):
    """An empty watched folder, set as ``WIRE_INBOX``."""
    root = tmp_path / "inbox"
    root.mkdir()
    settings.WIRE_INBOX = str(root)
    return root


@pytest.fixture
def picture_bytes():
    return jpeg_with_iptc("Negotiators in Havana.", "AP Photo/Ramon Espinosa")
