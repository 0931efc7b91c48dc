"""The publishing app's settings and their defaults (``cms.app_settings``; ``docs/plugins.md``)."""

from cms import setting_checks as check
from cms.app_settings import AppSettings

settings = AppSettings(
    {
        # Seconds between scheduler ticks (it also wakes for the next known go-live).
        "SCHEDULER_INTERVAL": 5.0,
        # Per-job overrides of the periodic jobs' periods (cms.publishing.jobs).
        "SCHEDULER_JOBS": {},
    },
    checks={"SCHEDULER_INTERVAL": check.positive_number, "SCHEDULER_JOBS": check.mapping},
)
