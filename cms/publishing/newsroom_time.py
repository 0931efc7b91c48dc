"""Times as the newsroom reads them: in ``TIME_ZONE`` (the paper's city), with the zone named.

Messages and e-mails about publication say when something goes live in these words, whatever
the server's or the editor's browser's zone.
"""

import zoneinfo
from datetime import datetime

from django.conf import settings
from django.utils import timezone


def newsroom_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def zone_label() -> str:
    """``America/Caracas`` → ``Caracas time``."""
    return settings.TIME_ZONE.rsplit("/", 1)[-1].replace("_", " ") + " time"


def newsroom_time(value: datetime) -> str:
    """``Fri 4 Dec 2026, 20:01 Caracas time``."""
    local = timezone.localtime(value, newsroom_zone())
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} {zone_label()}"
