"""The wire desk's settings and their defaults (``cms.app_settings``; ``docs/wires.md``)."""

from cms import setting_checks as check
from cms.app_settings import AppSettings

settings = AppSettings(
    {
        # The watched folder: files dropped in <WIRE_INBOX>/<agency>/ are ingested by the
        # worker and moved to done/ or rejected/ (empty: no watched folder).
        "WIRE_INBOX": "",
        # Seconds between scans of the watched folder and between checks for due feeds.
        "WIRE_SCAN_EVERY": 5,
        # Largest file (or pushed body) read, and largest story body kept, in bytes.
        "WIRE_MAX_FILE_BYTES": 2 * 1024 * 1024,
        "WIRE_MAX_BODY_BYTES": 512 * 1024,
        # Largest picture read from a folder, in bytes.
        "WIRE_MAX_PICTURE_BYTES": 20 * 1024 * 1024,
        # Credentials of polled feeds, by feed name: {"efe-es": "Bearer abc"} or
        # {"ap": "user:password"} (basic auth); the site reads them from the environment.
        "WIRE_FEED_CREDENTIALS": {},
        # Seconds a feed request may take.
        "WIRE_FEED_TIMEOUT": 20,
        # Private addresses feeds may be fetched from (an agency gateway on the newsroom's
        # network): networks ("10.8.0.0/16"), addresses or host names. Loopback, link-local
        # and private addresses are refused otherwise.
        "WIRE_FEED_ALLOWED_PRIVATE": [],
    },
    checks={
        "WIRE_INBOX": check.string,
        "WIRE_SCAN_EVERY": check.positive_int,
        "WIRE_MAX_FILE_BYTES": check.positive_int,
        "WIRE_MAX_BODY_BYTES": check.positive_int,
        "WIRE_MAX_PICTURE_BYTES": check.positive_int,
        "WIRE_FEED_CREDENTIALS": check.mapping,
        "WIRE_FEED_TIMEOUT": check.positive_number,
        "WIRE_FEED_ALLOWED_PRIVATE": check.list_of_strings,
    },
)
