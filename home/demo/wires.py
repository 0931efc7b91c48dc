"""Demo wire desk: a day of EFE and AP items (Spanish and English, versions, an embargo, a
kill, pictures) ingested through the desk's own parser, and the mapping rules a newsroom would
keep. Idempotent: an item already on the desk at its version is left alone."""

import io
import json
import tempfile
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

from cms.countries.models import Country
from cms.delivery.images import RENDITION_SPECS
from news.models import SectionPage, WireSource
from news.wires.factories import iptc_block
from news.wires.ingest import CREATED, ingest_bytes
from news.wires.models import WireItem, WireRule

POLITICS, ECONOMY, DISASTER, SPORT = (
    "medtop:11000000",
    "medtop:04000000",
    "medtop:03000000",
    "medtop:15000000",
)

# (agency, hours ago, language, urgency, subject, place, headline, deck, paragraphs)
ITEMS = [
    (
        "efe",
        23,
        "es",
        4,
        POLITICS,
        "Caracas",
        "La oposición venezolana convoca una marcha en Caracas",
        "Los organizadores esperan a miles de personas el sábado.",
        [
            "La oposición convocó este viernes una marcha para el sábado en Caracas.",
            "El Gobierno no se ha pronunciado sobre la convocatoria.",
        ],
    ),
    (
        "ap",
        22,
        "en",
        3,
        ECONOMY,
        "Caracas",
        "Venezuela's oil output rises for a third month",
        "PDVSA says new wells in the Orinoco belt are producing.",
        [
            "Venezuela's crude output rose for a third straight month in November.",
            "Analysts said the gains were modest and fragile.",
        ],
    ),
    (
        "efe",
        21,
        "es",
        5,
        SPORT,
        "Caracas",
        "Los Leones del Caracas ganan el clásico",
        "",
        ["Los Leones del Caracas vencieron 5-3 a los Navegantes del Magallanes."],
    ),
    (
        "ap",
        20,
        "en",
        4,
        POLITICS,
        "Bogota",
        "Colombia and ELN rebels agree to resume talks",
        "A ceasefire is on the agenda for January.",
        [
            "Colombia's government and the ELN agreed to resume peace talks in Havana.",
            "The talks will take up a ceasefire first.",
        ],
    ),
    (
        "efe",
        19,
        "en",
        3,
        POLITICS,
        "Moscow",
        "Putin, Erdogan to Boost Dialogue on Idlib Violence",
        "The Kremlin calls for the Sochi memorandum to be implemented.",
        [
            "The leaders of Russia and Turkey said on Wednesday they would boost communication "
            "on the topic of Idlib.",
            "According to the Kremlin, both expressed the need to implement the Sochi memorandum.",
        ],
    ),
    (
        "ap",
        18,
        "en",
        2,
        DISASTER,
        "Port-au-Prince",
        "Strong earthquake shakes southern Haiti",
        "No casualties were reported in the first hours.",
        [
            "A magnitude 6.1 earthquake shook southern Haiti on Friday.",
            "Civil protection teams were assessing damage.",
        ],
    ),
    (
        "efe",
        17,
        "es",
        4,
        ECONOMY,
        "Brasilia",
        "El Banco Central de Brasil mantiene la tasa Selic",
        "",
        ["El Banco Central de Brasil mantuvo su tasa de referencia en el 10,5 %."],
    ),
    (
        "ap",
        16,
        "en",
        5,
        SPORT,
        "Mexico City",
        "Mexico names new national team coach",
        "",
        ["Mexico's football federation named a new national team coach on Friday."],
    ),
    (
        "efe",
        15,
        "es",
        3,
        POLITICS,
        "Lima",
        "El Congreso de Perú debate una moción de vacancia",
        "La votación podría celebrarse el lunes.",
        [
            "El Congreso de Perú debatió este jueves una moción de vacancia.",
            "La votación podría celebrarse el lunes.",
        ],
    ),
    (
        "ap",
        14,
        "en",
        4,
        ECONOMY,
        "Buenos Aires",
        "Argentina's inflation slows for a fifth month",
        "",
        ["Monthly inflation in Argentina slowed to 2.4% in November."],
    ),
    (
        "efe",
        13,
        "es",
        5,
        DISASTER,
        "Quito",
        "Ecuador declara la emergencia eléctrica",
        "",
        ["El Gobierno de Ecuador decretó cortes programados de electricidad."],
    ),
    (
        "ap",
        12,
        "en",
        3,
        POLITICS,
        "Havana",
        "Cuba frees dozens of prisoners after church talks",
        "",
        ["Cuba released dozens of prisoners on Friday after talks mediated by the church."],
    ),
    (
        "efe",
        11,
        "en",
        4,
        ECONOMY,
        "Santiago",
        "Chile's copper exports hit record in November",
        "",
        ["Chile's copper exports reached a record value in November."],
    ),
    (
        "ap",
        10,
        "en",
        5,
        SPORT,
        "San Juan",
        "Puerto Rico wins Caribbean Series opener",
        "",
        ["Puerto Rico beat the Dominican Republic 4-2 in the Caribbean Series opener."],
    ),
    (
        "efe",
        9,
        "es",
        3,
        POLITICS,
        "Caracas",
        "El CNE fija la fecha de las elecciones regionales",
        "",
        ["El Consejo Nacional Electoral fijó para abril las elecciones regionales."],
    ),
    (
        "ap",
        8,
        "en",
        4,
        DISASTER,
        "Kingston",
        "Jamaica reopens ports after storm",
        "",
        ["Jamaica reopened its main ports after a tropical storm passed north of the island."],
    ),
    (
        "efe",
        7,
        "es",
        4,
        ECONOMY,
        "Bogotá",
        "El peso colombiano se fortalece frente al dólar",
        "",
        ["El peso colombiano cerró con una apreciación del 1,2 %."],
    ),
    (
        "ap",
        6,
        "en",
        3,
        POLITICS,
        "Mexico City",
        "Mexico's Senate approves judicial overhaul",
        "",
        ["Mexico's Senate approved an overhaul of the judiciary late on Thursday."],
    ),
    (
        "efe",
        5,
        "es",
        5,
        SPORT,
        "Montevideo",
        "Peñarol se corona campeón en Uruguay",
        "",
        ["Peñarol ganó el campeonato uruguayo tras vencer a Nacional."],
    ),
    (
        "ap",
        4,
        "en",
        2,
        POLITICS,
        "Caracas",
        "Venezuela releases detained opposition figures",
        "",
        ["Venezuela released several detained opposition figures on Friday."],
    ),
    (
        "efe",
        3,
        "es",
        4,
        POLITICS,
        "Managua",
        "Nicaragua expulsa a una misión de la ONU",
        "",
        ["El Gobierno de Nicaragua ordenó la salida de una misión de la ONU."],
    ),
    (
        "ap",
        2,
        "en",
        4,
        ECONOMY,
        "Panama City",
        "Panama Canal lifts draft limits as rains return",
        "",
        ["The Panama Canal lifted draft restrictions as rains refilled Gatun Lake."],
    ),
    (
        "efe",
        1,
        "es",
        3,
        ECONOMY,
        "Caracas",
        "Venezuela anuncia un nuevo tipo de cambio oficial",
        "El anuncio llega tras semanas de presión cambiaria.",
        ["El Banco Central de Venezuela anunció un nuevo tipo de cambio oficial."],
    ),
]


# Pictures sent with some items, drawn here and carrying their caption and credit as IPTC
# metadata in the file, as agencies send them: item index → (file, caption, credit, sky,
# ground). AP's items also repeat caption and credit in the ninjs; EFE's leave them to the
# file.
PICTURES = {
    0: (
        "efe-marcha-caracas.jpg",
        "Manifestantes en la avenida Bolívar de Caracas.",
        "EFE/Miguel Gutiérrez",
        (116, 170, 222),
        (92, 84, 78),
    ),
    1: (
        "ap-orinoco-well.jpg",
        "An oil pump in the Orinoco belt, Anzoátegui state, Venezuela.",
        "AP Photo/Ariana Cubillos",
        (232, 160, 98),
        (61, 58, 50),
    ),
    2: (
        "efe-leones-clasico.jpg",
        "Jugadores de los Leones del Caracas celebran en el estadio Monumental.",
        "EFE/Rayner Peña",
        (28, 44, 92),
        (46, 122, 60),
    ),
    10: (
        "efe-quito-apagon.jpg",
        "Quito, a oscuras durante un corte programado de electricidad.",
        "EFE/José Jácome",
        (20, 24, 48),
        (40, 40, 44),
    ),
    15: (
        "ap-kingston-port.jpg",
        "Container cranes at the port of Kingston, Jamaica, after the storm.",
        "AP Photo/Collin Reid",
        (150, 170, 184),
        (40, 84, 120),
    ),
    21: (
        "ap-panama-canal.jpg",
        "A cargo ship crosses the Agua Clara locks of the Panama Canal.",
        "AP Photo/Arnulfo Franco",
        (140, 196, 236),
        (36, 100, 70),
    ),
}


def picture_bytes(caption: str, credit: str, sky: tuple, ground: tuple) -> bytes:
    """A landscape JPEG (sky, sun, skyline, ground) with IPTC caption and credit."""
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
    return data[:2] + iptc_block({(2, 120): caption, (2, 110): credit}) + data[2:]


def association(agency: str, n: int) -> dict:
    """The ninjs association naming the item's picture (a file next to it)."""
    name, caption, credit, _, _ = PICTURES[n]
    picture = {"type": "picture", "renditions": {"original": {"href": name}}}
    if agency == "ap":
        picture |= {"description_text": caption, "byline": credit}
    return {"associations": {"featureimage": picture}}


def guid(agency: str, n: int) -> str:
    return f"urn:demo:{agency}:{n:03d}"


def ninjs(agency: str, n: int, entry: tuple, **overrides) -> bytes:
    _, hours, language, urgency, subject, place, headline, deck, paragraphs = entry
    document = {
        "uri": guid(agency, n),
        "type": "text",
        "version": 1,
        "pubstatus": "usable",
        "language": language,
        "urgency": urgency,
        "headline": headline,
        "description_text": deck,
        "byline": f"{agency.upper()} staff",
        "located": place,
        "body_text": "\n\n".join(paragraphs),
        "subject": [{"code": subject.split(":")[1], "scheme": "medtop", "name": ""}],
        "keywords": [place],
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
    load_rules()
    with tempfile.TemporaryDirectory() as folder:
        for n, entry in enumerate(ITEMS):
            extra = {}
            if n in PICTURES:
                name, caption, credit, sky, ground = PICTURES[n]
                (Path(folder) / name).write_bytes(picture_bytes(caption, credit, sky, ground))
                extra = association(entry[0], n)
            _ingest(entry[0], ninjs(entry[0], n, entry, **extra), entry[1], Path(folder))
    # A second version of the Idlib story, a kill of the Haiti flash, an embargoed AP item.
    idlib, quake = ITEMS[4], ITEMS[5]
    _ingest("efe", ninjs("efe", 4, idlib, version=2, headline=idlib[6] + " (update)"), 18)
    _ingest("ap", ninjs("ap", 5, quake, version=2, pubstatus="canceled"), 17)
    embargoed = (
        "ap",
        0.5,
        "en",
        4,
        ECONOMY,
        "Caracas",
        "Venezuela to publish November inflation figures",
        "",
        ["The central bank will publish inflation figures on Monday."],
    )
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
