"""Search's settings and their defaults (``cms.app_settings``; ``docs/plugins.md``)."""

from cms import setting_checks as check
from cms.app_settings import AppSettings

settings = AppSettings(
    {
        # Below this many matches (the planner's estimate) every match is ranked and
        # counted exactly; above it, ranking stops early and the count is an estimate.
        "SEARCH_EXACT_THRESHOLD": 10000,
        # Recency decay: a story loses half its score every this many days.
        "SEARCH_HALF_LIFE_DAYS": 90,
        # How long the planner's estimate of a query's matches (and a broad one's facets and
        # best candidates, which catch up with later writes, and a page's highlight for a
        # query, kept per version of its texts) is reused.
        "SEARCH_ESTIMATE_SECONDS": 3600,
        # Facets over a broad term are counted among this many of the best matches.
        "SEARCH_FACET_SAMPLE": 1000,
        # PostgreSQL text search configuration per language code (others: "simple").
        "SEARCH_CONFIGS": {"en": "english", "es": "spanish"},
    },
    checks={
        "SEARCH_EXACT_THRESHOLD": check.non_negative_int,
        "SEARCH_HALF_LIFE_DAYS": check.positive_number,
        "SEARCH_FACET_SAMPLE": check.positive_int,
        "SEARCH_ESTIMATE_SECONDS": check.non_negative_int,
    },
)
