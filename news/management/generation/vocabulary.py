"""The generator's words and names, and the sentences it builds from them.

Words are drawn with Zipf-like frequencies (rank r has weight 1/r), so a search for a common
word ("government") matches a large share of the archive and a word from the long tail only
a handful of stories, as in a real newspaper's archive.
"""

import bisect
import random

NOUNS = [
    "government",
    "president",
    "minister",
    "election",
    "oil",
    "economy",
    "country",
    "city",
    "police",
    "army",
    "opposition",
    "court",
    "inflation",
    "currency",
    "market",
    "company",
    "workers",
    "prices",
    "border",
    "congress",
    "party",
    "protest",
    "talks",
    "agreement",
    "crisis",
    "region",
    "military",
    "leader",
    "report",
    "official",
    "authorities",
    "security",
    "vote",
    "campaign",
    "investigation",
    "trade",
    "exports",
    "production",
    "bank",
    "debt",
    "reform",
    "law",
    "health",
    "hospital",
    "school",
    "students",
    "water",
    "power",
    "storm",
    "hurricane",
    "flood",
    "drought",
    "harvest",
    "coffee",
    "tourism",
    "airport",
    "port",
    "highway",
    "refugees",
    "migrants",
    "embassy",
    "ambassador",
    "sanctions",
    "deal",
    "summit",
    "ceasefire",
    "troops",
    "rebels",
    "prison",
    "judge",
    "prosecutor",
    "corruption",
    "scandal",
    "budget",
    "tax",
    "salary",
    "strike",
    "union",
    "farmers",
    "industry",
    "mining",
    "gold",
    "copper",
    "gas",
    "refinery",
    "pipeline",
    "shipment",
    "team",
    "season",
    "championship",
    "match",
    "coach",
    "players",
    "fans",
    "stadium",
    "festival",
    "film",
    "music",
    "carnival",
    "museum",
    "book",
    "artist",
    "writer",
    "church",
    "bishop",
    "community",
    "village",
    "province",
    "state",
    "capital",
    "mayor",
    "governor",
    "senator",
    "deputy",
    "spokesman",
    "statement",
    "interview",
]
VERBS = [
    "announced",
    "rejected",
    "approved",
    "criticized",
    "denied",
    "confirmed",
    "warned",
    "promised",
    "signed",
    "blocked",
    "launched",
    "suspended",
    "questioned",
    "defended",
    "demanded",
    "expanded",
    "reduced",
    "raised",
    "cut",
    "halted",
    "resumed",
    "backed",
    "opposed",
    "called",
    "welcomed",
    "delayed",
    "reached",
    "ordered",
    "arrested",
    "released",
    "accused",
    "praised",
    "discussed",
    "proposed",
]
ADJECTIVES = [
    "new",
    "national",
    "local",
    "foreign",
    "economic",
    "political",
    "military",
    "official",
    "public",
    "regional",
    "international",
    "former",
    "historic",
    "major",
    "minor",
    "urgent",
    "recent",
    "annual",
    "controversial",
    "long-awaited",
    "disputed",
    "independent",
    "rural",
    "urban",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "coastal",
    "fragile",
    "record-high",
]
PLACES = [
    place.replace("_", " ")
    for place in [
        "Caracas",
        "Bogota",
        "Lima",
        "Quito",
        "Santiago",
        "Buenos_Aires",
        "Montevideo",
        "Asuncion",
        "La_Paz",
        "Brasilia",
        "Sao_Paulo",
        "Rio",
        "Mexico_City",
        "Havana",
        "Santo_Domingo",
        "Port-au-Prince",
        "Kingston",
        "San_Juan",
        "Panama_City",
        "San_Jose",
        "Managua",
        "Tegucigalpa",
        "San_Salvador",
        "Guatemala_City",
        "Madrid",
        "Washington",
        "Miami",
        "Houston",
        "Moscow",
        "Beijing",
        "Geneva",
    ]
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST_NAMES = [
    "Ana",
    "Carlos",
    "Maria",
    "Jose",
    "Luis",
    "Carmen",
    "Juan",
    "Rosa",
    "Pedro",
    "Lucia",
    "Miguel",
    "Elena",
    "Diego",
    "Sofia",
    "Andres",
    "Paula",
    "Jorge",
    "Isabel",
    "Pablo",
    "Teresa",
    "Ricardo",
    "Gabriela",
    "Fernando",
    "Daniela",
]
LAST_NAMES = [
    "Rivas",
    "Gonzalez",
    "Rodriguez",
    "Perez",
    "Martinez",
    "Garcia",
    "Lopez",
    "Hernandez",
    "Diaz",
    "Torres",
    "Ramirez",
    "Flores",
    "Morales",
    "Castillo",
    "Mendoza",
    "Rojas",
    "Vargas",
    "Herrera",
    "Medina",
    "Aguilar",
    "Ortega",
    "Silva",
]
CITIES = [
    "Caracas",
    "Bogota",
    "Lima",
    "Quito",
    "Santiago",
    "Buenos Aires",
    "Havana",
    "Mexico City",
    "Panama City",
    "San Jose",
    "Madrid",
    "Washington",
    "Moscow",
    "Maracaibo",
    "Medellin",
]
SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "ca",
    "co",
    "cu",
    "da",
    "de",
    "di",
    "do",
    "dra",
    "fe",
    "fi",
    "ga",
    "go",
    "gra",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "no",
    "pa",
    "pe",
    "pi",
    "po",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "tra",
    "va",
    "ve",
    "vi",
    "vo",
    "za",
    "zo",
]
TAIL_WORDS = 40_000


def tail_word(rank):
    """The synthetic word at a rank of the long tail: stable across runs and seeds."""
    rng = random.Random(f"tail:{rank}")
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))) + "n"


def build_vocabulary(words, tail=TAIL_WORDS, offset=0):
    """Words with Zipf cumulative weights: the listed words first, then the long tail."""
    vocabulary = list(words) + [tail_word(offset + i) for i in range(tail)]
    cumulative, total = [], 0.0
    for rank in range(1, len(vocabulary) + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return vocabulary, cumulative


NOUN_VOCABULARY = build_vocabulary(NOUNS)
VERB_VOCABULARY = build_vocabulary(VERBS, tail=200, offset=10**6)
ADJECTIVE_VOCABULARY = build_vocabulary(ADJECTIVES, tail=2_000, offset=2 * 10**6)
#: A word most stories contain, and one from the far tail: the benchmark searches both.
BROAD_TERM = NOUNS[0]
RARE_TERM = tail_word(TAIL_WORDS - 1000)

SECTION_NAMES = [
    ("world", "World", None),
    ("latin-america", "Latin America", None),
    ("venezuela", "Venezuela", "latin-america"),
    ("colombia", "Colombia", "latin-america"),
    ("brazil", "Brazil", "latin-america"),
    ("mexico", "Mexico", "latin-america"),
    ("caribbean", "Caribbean", None),
    ("business", "Business", None),
    ("opinion", "Opinion", None),
    ("sports", "Sports", None),
    ("culture", "Culture", None),
]
SOURCE_NAMES = [("efe", "EFE", True), ("ap", "AP", True), ("reuters", "Reuters", True)]
# Catalogued countries (``cms.countries.catalogue``) the generator creates when missing.
COUNTRY_CODES = [
    "VE", "CO", "BR", "MX", "AR", "CL", "PE", "EC", "BO", "CU",
    "DO", "HT", "PA", "CR", "GT", "HN", "NI", "SV", "US", "ES",
]  # fmt: skip


class TextGenerator:
    """Sentences from templates whose slots are filled with Zipf-distributed words."""

    def __init__(self, rng):
        self.rng = rng

    def pick(self, vocabulary):
        words, cumulative = vocabulary
        return words[bisect.bisect(cumulative, self.rng.random() * cumulative[-1])]

    def noun(self):
        return self.pick(NOUN_VOCABULARY)

    def verb(self):
        return self.pick(VERB_VOCABULARY)

    def adjective(self):
        return self.pick(ADJECTIVE_VOCABULARY)

    def person(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def sentence(self):
        r = self.rng
        template = r.randrange(6)
        if template == 0:
            s = (
                f"The {self.adjective()} {self.noun()} {self.verb()} the {self.noun()} "
                f"on {r.choice(WEEKDAYS)}, according to the {self.noun()}"
            )
        elif template == 1:
            s = (
                f"{self.person()}, the {self.noun()} of the {self.adjective()} {self.noun()}, "
                f"said the {self.noun()} would be {self.verb()} in {r.choice(PLACES)}"
            )
        elif template == 2:
            s = (
                f"In {r.choice(PLACES)}, {self.noun()} and {self.noun()} {self.verb()} "
                f"a {self.adjective()} {self.noun()} after {r.randint(2, 90)} days of {self.noun()}"
            )
        elif template == 3:
            s = (
                f"Officials {self.verb()} that the {self.noun()} had {self.verb()} "
                f"{r.randint(3, 900)} {self.noun()} and the {self.adjective()} {self.noun()}"
            )
        elif template == 4:
            s = (
                f"Critics of the {self.noun()} {self.verb()} the {self.adjective()} "
                f"{self.noun()}, which {self.verb()} the {self.noun()} last {r.choice(WEEKDAYS)}"
            )
        else:
            s = (
                f"The {self.noun()} is expected to {self.verb()[:-1]} the {self.noun()} "
                f"before the {self.adjective()} {self.noun()} in {r.choice(PLACES)}"
            )
        return s[0].upper() + s[1:] + "."

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))

    def headline(self):
        words = [
            self.adjective().capitalize(),
            self.noun().capitalize(),
            self.verb().capitalize(),
            self.noun().capitalize(),
            "in",
            self.rng.choice(PLACES),
        ]
        return " ".join(words)
