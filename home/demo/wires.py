"""Demo wire desk: a day of EFE and AP items (Spanish and English, versions, an embargo, a
kill, pictures) ingested through the desk's own parser, and the mapping rules a newsroom would
keep. The items are in ``data/wires.json``; a picture is drawn here in its item's colours and
carries its caption and credit as IPTC metadata in the file, as agencies send them (AP's ninjs
repeats them, EFE's leaves them to the file). Idempotent: an item already on the desk at its
version is left alone."""

import io
import json
import tempfile
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from PIL import Image, ImageColor, ImageDraw
from wagtail.images import get_image_model

from cms.countries.models import Country
from cms.delivery.images import RENDITION_SPECS
from news.models import SectionPage, WireSource
from news.wires.factories import iptc_block
from news.wires.ingest import CREATED, ingest_bytes
from news.wires.models import WireItem, WireRule

DATA = Path(__file__).with_name("data") / "wires.json"
POLITICS, ECONOMY, DISASTER, SPORT = (
    "medtop:11000000",
    "medtop:04000000",
    "medtop:03000000",
    "medtop:15000000",
)
# The IPTC media topic of each item's subject as the data file names it.
SUBJECTS = {"politics": POLITICS, "economy": ECONOMY, "disaster": DISASTER, "sport": SPORT}


def picture_bytes(picture: dict) -> bytes:
    """A landscape JPEG (sky, sun, skyline, ground) with IPTC caption and credit."""
    sky, ground = ImageColor.getrgb(picture["sky"]), ImageColor.getrgb(picture["ground"])
    width, height = 960, 640
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(c * (1 - shade * 0.4)) for c in sky))
    draw.ellipse([width - 260, 70, width - 150, 180], fill=(250, 226, 150))
    for n in range(12):
        left = n * 80 + (n * 37) % 23
        top = 300 + (n * 53) % 120
        draw.rectangle([left, top, left + 60, 460], fill=tuple(c // 2 for c in ground))
    draw.rectangle([0, 460, width, height], fill=ground)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    data = buffer.getvalue()
    iptc = iptc_block({(2, 120): picture["caption"], (2, 110): picture["credit"]})
    return data[:2] + iptc + data[2:]


def association(agency: str, picture: dict) -> dict:
    """The ninjs association naming the item's picture (a file next to it)."""
    feature = {"type": "picture", "renditions": {"original": {"href": picture["file"]}}}
    if agency == "ap":
        feature |= {"description_text": picture["caption"], "byline": picture["credit"]}
    return {"associations": {"featureimage": feature}}


def guid(agency: str, n: int) -> str:
    return f"urn:demo:{agency}:{n:03d}"


def ninjs(agency: str, n: int, item: dict, **overrides) -> bytes:
    subject = SUBJECTS[item["subject"]].split(":")[1]
    document = {
        "uri": guid(agency, n),
        "type": "text",
        "version": 1,
        "pubstatus": "usable",
        "language": item["language"],
        "urgency": item["urgency"],
        "headline": item["headline"],
        "description_text": item["deck"],
        "byline": f"{agency.upper()} staff",
        "located": item["place"],
        "body_text": "\n\n".join(item["paragraphs"]),
        "subject": [{"code": subject, "scheme": "medtop", "name": ""}],
        "keywords": [item["place"]],
        **overrides,
    }
    return json.dumps(document).encode()


def _ingest(agency: str, data: bytes, hours_ago: float, folder: Path | None = None) -> None:
    result = ingest_bytes(data, agency=agency, name="demo", folder=folder)
    for outcome in result.outcomes:
        if outcome.result == CREATED:
            moment = timezone.now() - timedelta(hours=hours_ago)
            WireItem.objects.filter(pk=outcome.item_id).update(
                received_at=moment, updated_at=moment
            )


def load_rules() -> None:
    sections = {
        page.slug: page
        for page in SectionPage.objects.filter(
            slug__in=["world", "venezuela", "business", "sports"]
        )
    }
    sources = {source.slug: source for source in WireSource.objects.filter(slug__in=["efe", "ap"])}
    venezuela = Country.objects.filter(code="VE").first()
    rules = [
        ("Venezuela", 10, "", "", "Venezuela, Caracas", "venezuela", "Venezuela", venezuela),
        ("Economy", 20, "", ECONOMY, "", "business", "economy", None),
        ("Sport", 30, "", SPORT, "", "sports", "sport", None),
        ("Politics", 40, "", POLITICS, "", "world", "politics", None),
    ]
    for name, priority, agency, codes, keywords, section, tags, country in rules:
        rule, created = WireRule.objects.get_or_create(
            name=name,
            defaults={
                "priority": priority,
                "agency": agency,
                "subject_codes": codes,
                "keywords": keywords,
                "section": sections.get(section),
                "tags": tags,
            },
        )
        if created and country is not None:
            rule.countries.add(country)
    for slug, source in sources.items():
        WireRule.objects.get_or_create(
            name=f"{source.name} copy",
            defaults={
                "priority": 90,
                "agency": slug,
                "source": source,
                "byline": f"{source.name} staff",
            },
        )


def load(command) -> None:
    items = json.loads(DATA.read_text(encoding="utf-8"))["items"]
    load_rules()
    with tempfile.TemporaryDirectory() as folder:
        for n, item in enumerate(items):
            extra = {}
            if picture := item.get("picture"):
                (Path(folder) / picture["file"]).write_bytes(picture_bytes(picture))
                extra = association(item["agency"], picture)
            data = ninjs(item["agency"], n, item, **extra)
            _ingest(item["agency"], data, item["hours_ago"], Path(folder))
    # A second version of the Idlib story, a kill of the Haiti flash, an embargoed AP item.
    idlib, quake = items[4], items[5]
    _ingest("efe", ninjs("efe", 4, idlib, version=2, headline=idlib["headline"] + " (update)"), 18)
    _ingest("ap", ninjs("ap", 5, quake, version=2, pubstatus="canceled"), 17)
    embargoed = {
        "language": "en",
        "urgency": 4,
        "subject": "economy",
        "place": "Caracas",
        "headline": "Venezuela to publish November inflation figures",
        "deck": "",
        "paragraphs": ["The central bank will publish inflation figures on Monday."],
    }
    _ingest(
        "ap",
        ninjs("ap", 99, embargoed, embargoed=(timezone.now() + timedelta(days=1)).isoformat()),
        0.5,
    )
    _pregenerate_renditions()
    command.stdout.write(
        f"Wire desk: {WireItem.objects.count()} items, {WireRule.objects.count()} rules."
    )


def _pregenerate_renditions() -> None:
    """The pictures' renditions exist before a story taken from them is first read (as the
    news demo's images' do), so reads never write."""
    ids = [
        picture["image_id"]
        for pictures in WireItem.objects.exclude(pictures=[]).values_list("pictures", flat=True)
        for picture in pictures
        if picture.get("image_id")
    ]
    for image in get_image_model().objects.filter(pk__in=ids).prefetch_renditions(*RENDITION_SPECS):
        image.get_renditions(*RENDITION_SPECS)
