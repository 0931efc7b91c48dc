"""Templates of ours that replace Wagtail's, pinned to the Wagtail templates they were made from.

A copy (or an override of a block) silently drops what a Wagtail upgrade changes in the original.
Each override is listed with the SHA-256 of the upstream file it was written against: when the
installed Wagtail's file differs, the test names it, and the override is compared with the new
original, brought up to date, and its hash here replaced.
"""

import hashlib
from pathlib import Path

import pytest
import wagtail

ROOT = Path(__file__).resolve().parents[2]
WAGTAIL = Path(wagtail.__file__).resolve().parent
OURS = ROOT / "cms" / "publishing" / "templates"

#: Template name -> SHA-256 of Wagtail's original the override was last compared with.
PINNED = {
    # A copy with the proposed go-live under each title (dashboard "Awaiting your review").
    "wagtailadmin/home/workflow_objects_to_moderate.html": (
        "ce928d862828591f55592075e04a60f61f9d67a769888da555a05d027cc72c76"
    ),
    # A copy reading the parent id from the chooser's query instead of get_parent() per row.
    "wagtailadmin/chooser/tables/page_title_cell.html": (
        "22766fc2d64664a66e33efd68f18f996aa57f4a2abb43593d56f50ac200849ed"
    ),
    # A copy reading every result's parent in one query before the table renders.
    "wagtailadmin/chooser/_search_results.html": (
        "deee35c6cb9f0e940e73a7e5e2de7bdc09ce3882b34451cdd24216d622a72238"
    ),
    # The approval e-mail's content block, rewritten with the scheduled go-live and preview link.
    "wagtailadmin/notifications/workflow_state_approved.html": (
        "5600b081d9233b744df1689b59da2833424acd3e4b647d098d2ac47f2b9e30af"
    ),
    "wagtailadmin/notifications/workflow_state_approved.txt": (
        "365a9f11a4562088be197008a9d9788bf0d2f35b7d5408df9e5a19c29f1d9361"
    ),
}


def wagtail_original(name: str) -> Path:
    found = sorted(WAGTAIL.glob(f"*/templates/{name}"))
    assert len(found) == 1, f"Wagtail has {len(found)} templates named {name}"
    return found[0]


def project_overrides() -> set[str]:
    """Names of the project's templates that have a namesake in Wagtail (so replace it)."""
    names = set()
    packages = [path for path in ROOT.iterdir() if (path / "__init__.py").is_file()]
    for app_templates in (found for package in packages for found in package.rglob("templates")):
        for template in app_templates.rglob("*"):
            name = template.relative_to(app_templates).as_posix()
            if template.is_file() and list(WAGTAIL.glob(f"*/templates/{name}")):
                names.add(name)
    return names


@pytest.mark.parametrize("name", sorted(PINNED))
def test_the_wagtail_template_we_override_is_the_one_the_override_was_made_from(name):
    digest = hashlib.sha256(wagtail_original(name).read_bytes()).hexdigest()
    assert digest == PINNED[name], (
        f"Wagtail's {name} changed since our override (cms/publishing/templates/{name}) was "
        "made from it: compare the two, carry Wagtail's changes over, then pin the new hash."
    )
    assert (OURS / name).is_file()


def test_every_template_replacing_one_of_wagtails_is_pinned():
    assert project_overrides() == set(PINNED)
