"""Demo link directory: Links ▸ every Latin-American and Caribbean country ▸ categories.

Run by ``manage.py load_demo`` after ``home.demo.furniture`` (which creates the HomePage),
built with the same factories the tests use. Idempotent: pages are looked up by
slug under their parent, countries by ISO code, and nothing that exists is changed.

Facts are rounded figures for 2023 (population: World Bank estimates).
"""

from django.utils.text import slugify

from cms.countries.factories import CountryFactory
from directory.factories import (
    CountryPageFactory,
    DirectoryIndexPageFactory,
    DirectoryLinkFactory,
    LinkCategoryPageFactory,
)
from directory.models import CountryPage, DirectoryIndexPage, LinkCategoryPage, LinkKind
from home.models import HomePage

FACTS_SOURCE = "World Bank (population); national governments"
FACTS_SOURCE_URL = "https://data.worldbank.org/"
FACTS_AS_OF = 2023

# Page titles spelled as the seed's country list spells them.
SEED_TITLES = {"AG": "Antigua & Barbuda"}

# code, name, region, capital, population, currency, languages, time zone, calling code, overview
COUNTRIES = [
    (
        "AG",
        "Antigua and Barbuda",
        "caribbean",
        "St. John's",
        94_000,
        "East Caribbean dollar (XCD)",
        "English",
        "UTC−04:00",
        "+1 268",
        "A twin-island nation in the Leeward Islands whose economy rests on tourism and "
        "offshore finance.",
    ),
    (
        "AR",
        "Argentina",
        "south-america",
        "Buenos Aires",
        46_650_000,
        "Argentine peso (ARS)",
        "Spanish",
        "UTC−03:00",
        "+54",
        "South America's second-largest country, a major grain and beef exporter with a "
        "long history of inflation and debt crises.",
    ),
    (
        "BS",
        "Bahamas",
        "caribbean",
        "Nassau",
        410_000,
        "Bahamian dollar (BSD)",
        "English",
        "UTC−05:00",
        "+1 242",
        "An archipelago of some 700 islands off Florida, living from tourism and financial "
        "services.",
    ),
    (
        "BB",
        "Barbados",
        "caribbean",
        "Bridgetown",
        282_000,
        "Barbadian dollar (BBD)",
        "English",
        "UTC−04:00",
        "+1 246",
        "The easternmost Caribbean island, a parliamentary republic since 2021.",
    ),
    (
        "BZ",
        "Belize",
        "central-america",
        "Belmopan",
        410_000,
        "Belize dollar (BZD)",
        "English",
        "UTC−06:00",
        "+501",
        "Central America's only English-speaking country, home to the world's second-longest "
        "barrier reef.",
    ),
    (
        "BO",
        "Bolivia",
        "south-america",
        "Sucre (constitutional); La Paz (seat of government)",
        12_390_000,
        "Boliviano (BOB)",
        "Spanish, Quechua, Aymara, Guaraní and 33 other languages",
        "UTC−04:00",
        "+591",
        "A landlocked Andean country rich in natural gas and lithium, with an indigenous majority.",
    ),
    (
        "BR",
        "Brazil",
        "south-america",
        "Brasília",
        216_400_000,
        "Brazilian real (BRL)",
        "Portuguese",
        "UTC−03:00 (Brasília)",
        "+55",
        "Latin America's largest country and economy, covering most of the Amazon basin.",
    ),
    (
        "CL",
        "Chile",
        "south-america",
        "Santiago",
        19_630_000,
        "Chilean peso (CLP)",
        "Spanish",
        "UTC−04:00 (UTC−03:00 in summer)",
        "+56",
        "A long Pacific strip between the Andes and the ocean, the world's largest copper "
        "producer.",
    ),
    (
        "CO",
        "Colombia",
        "south-america",
        "Bogotá",
        52_090_000,
        "Colombian peso (COP)",
        "Spanish",
        "UTC−05:00",
        "+57",
        "The only South American country with Caribbean and Pacific coasts; coffee, oil and "
        "flowers lead its exports, and the 2016 peace accord ended its longest war.",
    ),
    (
        "CR",
        "Costa Rica",
        "central-america",
        "San José",
        5_210_000,
        "Costa Rican colón (CRC)",
        "Spanish",
        "UTC−06:00",
        "+506",
        "A stable democracy without an army since 1948, known for ecotourism and national parks.",
    ),
    (
        "CU",
        "Cuba",
        "caribbean",
        "Havana",
        11_190_000,
        "Cuban peso (CUP)",
        "Spanish",
        "UTC−05:00",
        "+53",
        "The largest Caribbean island, a one-party socialist state since the 1959 revolution.",
    ),
    (
        "DM",
        "Dominica",
        "caribbean",
        "Roseau",
        73_000,
        "East Caribbean dollar (XCD)",
        "English",
        "UTC−04:00",
        "+1 767",
        "The 'nature island' of the Lesser Antilles, volcanic and covered in rainforest.",
    ),
    (
        "DO",
        "Dominican Republic",
        "caribbean",
        "Santo Domingo",
        11_330_000,
        "Dominican peso (DOP)",
        "Spanish",
        "UTC−04:00",
        "+1 809, +1 829, +1 849",
        "The eastern two-thirds of Hispaniola and the Caribbean's largest tourism economy.",
    ),
    (
        "EC",
        "Ecuador",
        "south-america",
        "Quito",
        18_190_000,
        "US dollar (USD)",
        "Spanish",
        "UTC−05:00",
        "+593",
        "An Andean and Amazonian country on the equator that owns the Galápagos Islands and "
        "uses the US dollar.",
    ),
    (
        "SV",
        "El Salvador",
        "central-america",
        "San Salvador",
        6_360_000,
        "US dollar (USD)",
        "Spanish",
        "UTC−06:00",
        "+503",
        "Central America's smallest and most densely populated country.",
    ),
    (
        "GD",
        "Grenada",
        "caribbean",
        "St. George's",
        126_000,
        "East Caribbean dollar (XCD)",
        "English",
        "UTC−04:00",
        "+1 473",
        "The 'spice isle' of the southern Caribbean, a leading nutmeg exporter.",
    ),
    (
        "GT",
        "Guatemala",
        "central-america",
        "Guatemala City",
        18_090_000,
        "Quetzal (GTQ)",
        "Spanish and 24 indigenous languages",
        "UTC−06:00",
        "+502",
        "Central America's most populous country and heartland of Maya civilisation.",
    ),
    (
        "GY",
        "Guyana",
        "south-america",
        "Georgetown",
        813_000,
        "Guyanese dollar (GYD)",
        "English",
        "UTC−04:00",
        "+592",
        "An English-speaking country on South America's north coast, transformed by offshore "
        "oil since 2019.",
    ),
    (
        "HT",
        "Haiti",
        "caribbean",
        "Port-au-Prince",
        11_720_000,
        "Gourde (HTG)",
        "French, Haitian Creole",
        "UTC−05:00",
        "+509",
        "The western third of Hispaniola, the first independent Black republic (1804).",
    ),
    (
        "HN",
        "Honduras",
        "central-america",
        "Tegucigalpa",
        10_590_000,
        "Lempira (HNL)",
        "Spanish",
        "UTC−06:00",
        "+504",
        "A Central American country with Caribbean and Pacific coasts, exporting coffee, "
        "bananas and textiles.",
    ),
    (
        "JM",
        "Jamaica",
        "caribbean",
        "Kingston",
        2_830_000,
        "Jamaican dollar (JMD)",
        "English",
        "UTC−05:00",
        "+1 876",
        "The third-largest Caribbean island, birthplace of reggae.",
    ),
    (
        "MX",
        "Mexico",
        "north-america",
        "Mexico City",
        128_500_000,
        "Mexican peso (MXN)",
        "Spanish and 68 indigenous languages",
        "UTC−06:00 (Mexico City)",
        "+52",
        "The most populous Spanish-speaking country and the United States' largest trading "
        "partner.",
    ),
    (
        "NI",
        "Nicaragua",
        "central-america",
        "Managua",
        6_820_000,
        "Córdoba (NIO)",
        "Spanish",
        "UTC−06:00",
        "+505",
        "Central America's largest country, land of lakes and volcanoes.",
    ),
    (
        "PA",
        "Panama",
        "central-america",
        "Panama City",
        4_470_000,
        "Balboa (PAB) and US dollar (USD)",
        "Spanish",
        "UTC−05:00",
        "+507",
        "The isthmus linking the Americas, home of the Panama Canal and a regional banking centre.",
    ),
    (
        "PY",
        "Paraguay",
        "south-america",
        "Asunción",
        6_860_000,
        "Guaraní (PYG)",
        "Spanish, Guaraní",
        "UTC−03:00",
        "+595",
        "A landlocked, bilingual country and one of the world's largest exporters of "
        "hydroelectric power and soybeans.",
    ),
    (
        "PE",
        "Peru",
        "south-america",
        "Lima",
        34_350_000,
        "Sol (PEN)",
        "Spanish, Quechua, Aymara",
        "UTC−05:00",
        "+51",
        "Heart of the Inca empire, a major copper, silver and gold producer.",
    ),
    (
        "KN",
        "Saint Kitts and Nevis",
        "caribbean",
        "Basseterre",
        47_000,
        "East Caribbean dollar (XCD)",
        "English",
        "UTC−04:00",
        "+1 869",
        "The smallest sovereign state in the Americas, a two-island federation.",
    ),
    (
        "LC",
        "Saint Lucia",
        "caribbean",
        "Castries",
        180_000,
        "East Caribbean dollar (XCD)",
        "English",
        "UTC−04:00",
        "+1 758",
        "A volcanic Windward Island famous for the twin Piton peaks.",
    ),
    (
        "VC",
        "Saint Vincent and the Grenadines",
        "caribbean",
        "Kingstown",
        104_000,
        "East Caribbean dollar (XCD)",
        "English",
        "UTC−04:00",
        "+1 784",
        "A main island and a chain of small Grenadine islands in the southern Caribbean.",
    ),
    (
        "SR",
        "Suriname",
        "south-america",
        "Paramaribo",
        623_000,
        "Surinamese dollar (SRD)",
        "Dutch",
        "UTC−03:00",
        "+597",
        "South America's smallest country, a former Dutch colony mostly covered by rainforest.",
    ),
    (
        "TT",
        "Trinidad and Tobago",
        "caribbean",
        "Port of Spain",
        1_530_000,
        "Trinidad and Tobago dollar (TTD)",
        "English",
        "UTC−04:00",
        "+1 868",
        "A twin-island state off Venezuela, the Caribbean's leading oil and gas producer and "
        "home of Carnival and steelpan.",
    ),
    (
        "UY",
        "Uruguay",
        "south-america",
        "Montevideo",
        3_420_000,
        "Uruguayan peso (UYU)",
        "Spanish",
        "UTC−03:00",
        "+598",
        "A small, stable democracy between Argentina and Brazil, known for its welfare state "
        "and beef.",
    ),
    (
        "VE",
        "Venezuela",
        "south-america",
        "Caracas",
        28_840_000,
        "Bolívar (VES)",
        "Spanish",
        "UTC−04:00",
        "+58",
        "Holder of the world's largest proven oil reserves, whose economic collapse has driven "
        "more than seven million people abroad.",
    ),
    # Territories
    (
        "KY",
        "Cayman Islands",
        "caribbean",
        "George Town",
        69_000,
        "Cayman Islands dollar (KYD)",
        "English",
        "UTC−05:00",
        "+1 345",
        "A British Overseas Territory and one of the world's major offshore financial centres.",
    ),
    (
        "PR",
        "Puerto Rico",
        "caribbean",
        "San Juan",
        3_210_000,
        "US dollar (USD)",
        "Spanish, English",
        "UTC−04:00",
        "+1 787, +1 939",
        "A self-governing territory of the United States in the Greater Antilles.",
    ),
    (
        "AW",
        "Aruba",
        "caribbean",
        "Oranjestad",
        107_000,
        "Aruban florin (AWG)",
        "Dutch, Papiamento",
        "UTC−04:00",
        "+297",
        "A constituent country of the Kingdom of the Netherlands off Venezuela's coast.",
    ),
    (
        "CW",
        "Curaçao",
        "caribbean",
        "Willemstad",
        150_000,
        "Caribbean guilder (XCG)",
        "Dutch, Papiamento, English",
        "UTC−04:00",
        "+599",
        "A constituent country of the Kingdom of the Netherlands, known for Willemstad's "
        "colourful waterfront.",
    ),
]

# Links: (name, url, description, city, language)
GOVERNMENT = {
    "AG": [
        (
            "Government of Antigua and Barbuda",
            "https://ab.gov.ag/",
            "Official government portal.",
            "St. John's",
            "en",
        )
    ],
    "AR": [
        (
            "Argentina.gob.ar",
            "https://www.argentina.gob.ar/",
            "The national government's portal.",
            "Buenos Aires",
            "es",
        ),
        (
            "Casa Rosada",
            "https://www.casarosada.gob.ar/",
            "Office of the President.",
            "Buenos Aires",
            "es",
        ),
    ],
    "BS": [
        (
            "Government of The Bahamas",
            "https://www.bahamas.gov.bs/",
            "Official government portal.",
            "Nassau",
            "en",
        )
    ],
    "BB": [
        (
            "Government of Barbados",
            "https://www.gov.bb/",
            "Official government portal.",
            "Bridgetown",
            "en",
        )
    ],
    "BZ": [
        (
            "Government of Belize",
            "https://www.belize.gov.bz/",
            "Official government portal.",
            "Belmopan",
            "en",
        )
    ],
    "BO": [
        (
            "Presidencia del Estado Plurinacional de Bolivia",
            "https://www.presidencia.gob.bo/",
            "Office of the President.",
            "La Paz",
            "es",
        )
    ],
    "BR": [
        ("Gov.br", "https://www.gov.br/", "The federal government's portal.", "Brasília", "pt"),
        (
            "Palácio do Planalto",
            "https://www.gov.br/planalto/",
            "Office of the President.",
            "Brasília",
            "pt",
        ),
    ],
    "CL": [("Gob.cl", "https://www.gob.cl/", "The government of Chile.", "Santiago", "es")],
    "CR": [
        (
            "Presidencia de la República de Costa Rica",
            "https://www.presidencia.go.cr/",
            "Office of the President.",
            "San José",
            "es",
        )
    ],
    "CU": [
        (
            "Presidencia de la República de Cuba",
            "https://www.presidencia.gob.cu/",
            "Office of the President.",
            "Havana",
            "es",
        )
    ],
    "DM": [
        (
            "Government of the Commonwealth of Dominica",
            "https://dominica.gov.dm/",
            "Official government portal.",
            "Roseau",
            "en",
        )
    ],
    "DO": [
        (
            "Presidencia de la República Dominicana",
            "https://presidencia.gob.do/",
            "Office of the President.",
            "Santo Domingo",
            "es",
        )
    ],
    "EC": [
        (
            "Presidencia de la República del Ecuador",
            "https://www.presidencia.gob.ec/",
            "Office of the President.",
            "Quito",
            "es",
        )
    ],
    "SV": [
        (
            "Presidencia de la República de El Salvador",
            "https://www.presidencia.gob.sv/",
            "Office of the President.",
            "San Salvador",
            "es",
        )
    ],
    "GD": [
        (
            "Government of Grenada",
            "https://www.gov.gd/",
            "Official government portal.",
            "St. George's",
            "en",
        )
    ],
    "GT": [
        (
            "Gobierno de Guatemala",
            "https://www.guatemala.gob.gt/",
            "The government's portal.",
            "Guatemala City",
            "es",
        )
    ],
    "GY": [
        (
            "Department of Public Information",
            "https://dpi.gov.gy/",
            "The government's news and information service.",
            "Georgetown",
            "en",
        )
    ],
    "HT": [
        (
            "Primature de la République d'Haïti",
            "https://www.primature.gouv.ht/",
            "Office of the Prime Minister.",
            "Port-au-Prince",
            "fr",
        )
    ],
    "HN": [
        (
            "Presidencia de la República de Honduras",
            "https://www.presidencia.gob.hn/",
            "Office of the President.",
            "Tegucigalpa",
            "es",
        )
    ],
    "JM": [
        (
            "Government of Jamaica",
            "https://www.gov.jm/",
            "Official government portal.",
            "Kingston",
            "en",
        ),
        (
            "Jamaica Information Service",
            "https://jis.gov.jm/",
            "The government's information agency.",
            "Kingston",
            "en",
        ),
    ],
    "MX": [
        (
            "Gobierno de México",
            "https://www.gob.mx/",
            "The federal government's portal.",
            "Mexico City",
            "es",
        )
    ],
    "NI": [
        (
            "El 19 Digital",
            "https://www.el19digital.com/",
            "The government's official news portal.",
            "Managua",
            "es",
        )
    ],
    "PA": [
        (
            "Presidencia de la República de Panamá",
            "https://www.presidencia.gob.pa/",
            "Office of the President.",
            "Panama City",
            "es",
        )
    ],
    "PY": [
        (
            "Presidencia de la República del Paraguay",
            "https://www.presidencia.gov.py/",
            "Office of the President.",
            "Asunción",
            "es",
        )
    ],
    "PE": [("Gob.pe", "https://www.gob.pe/", "The Peruvian state's portal.", "Lima", "es")],
    "KN": [
        (
            "Government of St Kitts and Nevis",
            "https://www.gov.kn/",
            "Official government portal.",
            "Basseterre",
            "en",
        )
    ],
    "LC": [
        (
            "Government of Saint Lucia",
            "https://www.govt.lc/",
            "Official government portal.",
            "Castries",
            "en",
        )
    ],
    "VC": [
        (
            "Government of Saint Vincent and the Grenadines",
            "https://www.gov.vc/",
            "Official government portal.",
            "Kingstown",
            "en",
        )
    ],
    "SR": [
        (
            "Government of Suriname",
            "https://gov.sr/",
            "Official government portal.",
            "Paramaribo",
            "nl",
        )
    ],
    "TT": [
        (
            "TTConnect",
            "https://www.ttconnect.gov.tt/",
            "The government's services portal.",
            "Port of Spain",
            "en",
        ),
        (
            "Office of the Prime Minister",
            "https://www.opm.gov.tt/",
            "Office of the Prime Minister of Trinidad and Tobago.",
            "Port of Spain",
            "en",
        ),
    ],
    "UY": [("Gub.uy", "https://www.gub.uy/", "The government of Uruguay.", "Montevideo", "es")],
    "VE": [
        (
            "Presidencia de la República Bolivariana de Venezuela",
            "http://www.presidencia.gob.ve/",
            "Office of the President.",
            "Caracas",
            "es",
        ),
        (
            "Asamblea Nacional",
            "https://www.asambleanacional.gob.ve/",
            "The National Assembly.",
            "Caracas",
            "es",
        ),
        (
            "Tribunal Supremo de Justicia",
            "http://www.tsj.gob.ve/",
            "The Supreme Court.",
            "Caracas",
            "es",
        ),
        (
            "Consejo Nacional Electoral",
            "http://www.cne.gob.ve/",
            "The electoral authority.",
            "Caracas",
            "es",
        ),
        (
            "Banco Central de Venezuela",
            "https://www.bcv.org.ve/",
            "The central bank: exchange rates, inflation and monetary statistics.",
            "Caracas",
            "es",
        ),
    ],
    "KY": [
        (
            "Cayman Islands Government",
            "https://www.gov.ky/",
            "Official government portal.",
            "George Town",
            "en",
        )
    ],
    "PR": [
        (
            "Gobierno de Puerto Rico",
            "https://www.pr.gov/",
            "Official government portal.",
            "San Juan",
            "es",
        )
    ],
    "AW": [
        (
            "Gobierno di Aruba",
            "https://www.overheid.aw/",
            "Official government portal.",
            "Oranjestad",
            "nl",
        )
    ],
    "CW": [
        (
            "Gobièrnu di Kòrsou",
            "https://www.gobiernu.cw/",
            "Official government portal.",
            "Willemstad",
            "pap",
        )
    ],
}

NEWSPAPERS = {
    "AG": [
        ("Antigua Observer", "https://antiguaobserver.com/", "Daily newspaper.", "St. John's", "en")
    ],
    "AR": [
        ("Clarín", "https://www.clarin.com/", "Argentina's largest daily.", "Buenos Aires", "es"),
        (
            "La Nación",
            "https://www.lanacion.com.ar/",
            "Daily founded in 1870.",
            "Buenos Aires",
            "es",
        ),
        ("Página/12", "https://www.pagina12.com.ar/", "Daily newspaper.", "Buenos Aires", "es"),
    ],
    "BS": [
        ("The Tribune", "https://www.tribune242.com/", "Daily newspaper.", "Nassau", "en"),
        (
            "The Nassau Guardian",
            "https://thenassauguardian.com/",
            "Daily newspaper.",
            "Nassau",
            "en",
        ),
    ],
    "BB": [
        ("Barbados Today", "https://barbadostoday.bb/", "Daily news.", "Bridgetown", "en"),
        ("Nation News", "https://www.nationnews.com/", "Daily newspaper.", "Bridgetown", "en"),
    ],
    "BZ": [
        ("Amandala", "https://amandala.com.bz/", "Newspaper.", "Belize City", "en"),
        (
            "Breaking Belize News",
            "https://www.breakingbelizenews.com/",
            "Daily news site.",
            "Belize City",
            "en",
        ),
    ],
    "BO": [
        ("Los Tiempos", "https://www.lostiempos.com/", "Daily newspaper.", "Cochabamba", "es"),
        ("El Deber", "https://eldeber.com.bo/", "Daily newspaper.", "Santa Cruz", "es"),
    ],
    "BR": [
        (
            "Folha de S.Paulo",
            "https://www.folha.uol.com.br/",
            "Daily newspaper.",
            "São Paulo",
            "pt",
        ),
        ("O Globo", "https://oglobo.globo.com/", "Daily newspaper.", "Rio de Janeiro", "pt"),
        (
            "O Estado de S. Paulo",
            "https://www.estadao.com.br/",
            "Daily newspaper.",
            "São Paulo",
            "pt",
        ),
    ],
    "CL": [
        (
            "El Mercurio (Emol)",
            "https://www.emol.com/",
            "Chile's paper of record.",
            "Santiago",
            "es",
        ),
        ("La Tercera", "https://www.latercera.com/", "Daily newspaper.", "Santiago", "es"),
    ],
    "CR": [
        ("La Nación", "https://www.nacion.com/", "Daily newspaper.", "San José", "es"),
        ("The Tico Times", "https://ticotimes.net/", "English-language news.", "San José", "en"),
    ],
    "CU": [
        (
            "Granma",
            "https://www.granma.cu/",
            "Official newspaper of the Communist Party.",
            "Havana",
            "es",
        ),
        ("14ymedio", "https://www.14ymedio.com/", "Independent digital daily.", "Havana", "es"),
    ],
    "DM": [
        (
            "Dominica News Online",
            "https://dominicanewsonline.com/",
            "Daily news site.",
            "Roseau",
            "en",
        )
    ],
    "DO": [
        (
            "Listín Diario",
            "https://listindiario.com/",
            "Daily founded in 1889.",
            "Santo Domingo",
            "es",
        ),
        ("Diario Libre", "https://www.diariolibre.com/", "Daily newspaper.", "Santo Domingo", "es"),
    ],
    "EC": [
        ("El Universo", "https://www.eluniverso.com/", "Daily newspaper.", "Guayaquil", "es"),
        ("El Comercio", "https://www.elcomercio.com/", "Daily newspaper.", "Quito", "es"),
        ("Primicias", "https://www.primicias.ec/", "Digital daily.", "Quito", "es"),
    ],
    "SV": [
        (
            "La Prensa Gráfica",
            "https://www.laprensagrafica.com/",
            "Daily newspaper.",
            "San Salvador",
            "es",
        ),
        (
            "El Diario de Hoy",
            "https://www.elsalvador.com/",
            "Daily newspaper.",
            "San Salvador",
            "es",
        ),
        (
            "El Faro",
            "https://elfaro.net/",
            "Investigative digital newspaper.",
            "San Salvador",
            "es",
        ),
    ],
    "GD": [("NOW Grenada", "https://nowgrenada.com/", "Daily news site.", "St. George's", "en")],
    "GT": [
        ("Prensa Libre", "https://www.prensalibre.com/", "Daily newspaper.", "Guatemala City", "es")
    ],
    "GY": [
        ("Stabroek News", "https://www.stabroeknews.com/", "Daily newspaper.", "Georgetown", "en"),
        (
            "Kaieteur News",
            "https://www.kaieteurnewsonline.com/",
            "Daily newspaper.",
            "Georgetown",
            "en",
        ),
    ],
    "HT": [
        (
            "Le Nouvelliste",
            "https://lenouvelliste.com/",
            "Haiti's oldest daily.",
            "Port-au-Prince",
            "fr",
        )
    ],
    "HN": [
        ("La Prensa", "https://www.laprensa.hn/", "Daily newspaper.", "San Pedro Sula", "es"),
        ("El Heraldo", "https://www.elheraldo.hn/", "Daily newspaper.", "Tegucigalpa", "es"),
    ],
    "JM": [
        ("The Gleaner", "https://jamaica-gleaner.com/", "Daily founded in 1834.", "Kingston", "en"),
        (
            "Jamaica Observer",
            "https://www.jamaicaobserver.com/",
            "Daily newspaper.",
            "Kingston",
            "en",
        ),
    ],
    "MX": [
        (
            "El Universal",
            "https://www.eluniversal.com.mx/",
            "Daily newspaper.",
            "Mexico City",
            "es",
        ),
        ("Reforma", "https://www.reforma.com/", "Daily newspaper.", "Mexico City", "es"),
        ("La Jornada", "https://www.jornada.com.mx/", "Daily newspaper.", "Mexico City", "es"),
        ("Milenio", "https://www.milenio.com/", "Daily newspaper.", "Mexico City", "es"),
    ],
    "NI": [
        (
            "La Prensa",
            "https://www.laprensani.com/",
            "Daily newspaper, published in exile.",
            "Managua",
            "es",
        ),
        ("Confidencial", "https://confidencial.digital/", "Independent news.", "Managua", "es"),
    ],
    "PA": [
        ("La Prensa", "https://www.prensa.com/", "Daily newspaper.", "Panama City", "es"),
        (
            "Newsroom Panama",
            "https://www.newsroompanama.com/",
            "English-language news.",
            "Panama City",
            "en",
        ),
    ],
    "PY": [
        ("ABC Color", "https://www.abc.com.py/", "Daily newspaper.", "Asunción", "es"),
        ("Última Hora", "https://www.ultimahora.com/", "Daily newspaper.", "Asunción", "es"),
    ],
    "PE": [
        ("El Comercio", "https://elcomercio.pe/", "Peru's paper of record.", "Lima", "es"),
        ("La República", "https://larepublica.pe/", "Daily newspaper.", "Lima", "es"),
    ],
    "KN": [
        (
            "The St Kitts Nevis Observer",
            "https://www.thestkittsnevisobserver.com/",
            "Weekly newspaper.",
            "Basseterre",
            "en",
        )
    ],
    "LC": [
        ("St. Lucia Times", "https://stluciatimes.com/", "Daily news.", "Castries", "en"),
        ("The Voice", "https://thevoiceslu.com/", "Newspaper.", "Castries", "en"),
    ],
    "VC": [
        ("iWitness News", "https://www.iwnsvg.com/", "Daily news site.", "Kingstown", "en"),
        ("Searchlight", "https://www.searchlight.vc/", "Newspaper.", "Kingstown", "en"),
    ],
    "SR": [
        ("De Ware Tijd", "https://dwtonline.com/", "Daily newspaper.", "Paramaribo", "nl"),
        ("Starnieuws", "https://www.starnieuws.com/", "Daily news site.", "Paramaribo", "nl"),
    ],
    "TT": [
        (
            "Trinidad Express",
            "https://trinidadexpress.com/",
            "Daily newspaper.",
            "Port of Spain",
            "en",
        ),
        (
            "Trinidad and Tobago Guardian",
            "https://www.guardian.co.tt/",
            "Daily newspaper.",
            "Port of Spain",
            "en",
        ),
        ("Newsday", "https://newsday.co.tt/", "Daily newspaper.", "Port of Spain", "en"),
    ],
    "UY": [
        ("El País", "https://www.elpais.com.uy/", "Daily newspaper.", "Montevideo", "es"),
        (
            "El Observador",
            "https://www.elobservador.com.uy/",
            "Daily newspaper.",
            "Montevideo",
            "es",
        ),
    ],
    "KY": [
        (
            "Cayman Compass",
            "https://www.caymancompass.com/",
            "Daily newspaper.",
            "George Town",
            "en",
        )
    ],
    "PR": [
        (
            "El Nuevo Día",
            "https://www.elnuevodia.com/",
            "Puerto Rico's largest daily.",
            "San Juan",
            "es",
        )
    ],
    "AW": [
        (
            "Aruba Today",
            "https://www.arubatoday.com/",
            "English-language daily.",
            "Oranjestad",
            "en",
        ),
        ("Diario", "https://diario.aw/", "Papiamento-language daily.", "Oranjestad", "pap"),
    ],
    "CW": [
        (
            "Curaçao Chronicle",
            "https://www.curacaochronicle.com/",
            "English-language news.",
            "Willemstad",
            "en",
        ),
        (
            "Antilliaans Dagblad",
            "https://antilliaansdagblad.com/",
            "Dutch-language daily.",
            "Willemstad",
            "nl",
        ),
    ],
}

# The old site's navigation for Venezuela and Colombia: (slug, title, kind, intro, links)
VENEZUELA = [
    (
        "venezuela-overview",
        "Venezuela Overview",
        LinkKind.OVERVIEW,
        "Where to start reading about Venezuela.",
        [
            (
                "Venezuela (Wikipedia)",
                "https://en.wikipedia.org/wiki/Venezuela",
                "Encyclopedia article.",
                "",
                "en",
            ),
            (
                "Venezuela (Britannica)",
                "https://www.britannica.com/place/Venezuela",
                "Encyclopaedia Britannica's country article.",
                "",
                "en",
            ),
            (
                "The World Factbook: Venezuela",
                "https://www.cia.gov/the-world-factbook/countries/venezuela/",
                "Geography, people, government and economy.",
                "",
                "en",
            ),
            (
                "Venezuela country profile (BBC News)",
                "https://www.bbc.com/news/world-latin-america-19652436",
                "Overview, key facts and timeline.",
                "",
                "en",
            ),
            (
                "World Bank in Venezuela",
                "https://www.worldbank.org/en/country/venezuela",
                "Economic overview.",
                "",
                "en",
            ),
        ],
    ),
    (
        "embassies-and-consulates-abroad",
        "Venezuelan Embassies & Consulates Around The World",
        LinkKind.EMBASSIES_ABROAD,
        "Venezuela's diplomatic missions and consular services.",
        [
            (
                "Ministerio del Poder Popular para Relaciones Exteriores",
                "https://mppre.gob.ve/",
                "The foreign ministry, with the list of embassies and consulates.",
                "Caracas",
                "es",
            ),
            (
                "SAIME",
                "https://www.saime.gob.ve/",
                "Passports and identity documents, also for Venezuelans abroad.",
                "Caracas",
                "es",
            ),
            (
                "Venezuelan embassies and consulates (EmbassyPages)",
                "https://www.embassypages.com/venezuela",
                "Addresses of Venezuela's missions worldwide.",
                "",
                "en",
            ),
            (
                "List of diplomatic missions of Venezuela",
                "https://en.wikipedia.org/wiki/List_of_diplomatic_missions_of_Venezuela",
                "Encyclopedia list of embassies and consulates.",
                "",
                "en",
            ),
            (
                "Permanent Mission of Venezuela to the United Nations",
                "https://www.un.org/en/about-us/member-states/venezuela",
                "Venezuela's UN membership page.",
                "New York",
                "en",
            ),
        ],
    ),
    (
        "sites-and-blogs",
        "Sites/Blogs about Venezuela",
        LinkKind.SITES_AND_BLOGS,
        "Independent journalism and commentary.",
        [
            (
                "Caracas Chronicles",
                "https://www.caracaschronicles.com/",
                "Analysis and commentary in English since 2002.",
                "Caracas",
                "en",
            ),
            (
                "Efecto Cocuyo",
                "https://efectococuyo.com/",
                "Independent digital news.",
                "Caracas",
                "es",
            ),
            (
                "Prodavinci",
                "https://prodavinci.com/",
                "Essays, data and long-form journalism.",
                "Caracas",
                "es",
            ),
            ("Armando.info", "https://armando.info/", "Investigative journalism.", "Caracas", "es"),
            ("Runrunes", "https://runrun.es/", "Investigative news site.", "Caracas", "es"),
            ("El Pitazo", "https://elpitazo.net/", "Regional and national news.", "Caracas", "es"),
        ],
    ),
    (
        "newspapers",
        "Venezuelan Newspapers",
        LinkKind.NEWSPAPERS,
        "National and regional dailies.",
        [
            (
                "El Nacional",
                "https://www.elnacional.com/",
                "Daily founded in 1943.",
                "Caracas",
                "es",
            ),
            (
                "El Universal",
                "https://www.eluniversal.com/",
                "Daily founded in 1909.",
                "Caracas",
                "es",
            ),
            (
                "Últimas Noticias",
                "https://ultimasnoticias.com.ve/",
                "Daily newspaper.",
                "Caracas",
                "es",
            ),
            ("TalCual", "https://talcualdigital.com/", "Digital daily.", "Caracas", "es"),
            (
                "El Carabobeño",
                "https://www.el-carabobeno.com/",
                "Regional daily.",
                "Valencia",
                "es",
            ),
            ("2001", "https://www.2001online.com/", "Daily newspaper.", "Caracas", "es"),
        ],
    ),
    (
        "facts",
        "Facts about Venezuela",
        LinkKind.FACTS,
        "Statistics and reference data.",
        [
            (
                "Banco Central de Venezuela",
                "https://www.bcv.org.ve/",
                "Exchange rates, inflation and monetary statistics.",
                "Caracas",
                "es",
            ),
            (
                "Instituto Nacional de Estadística",
                "http://www.ine.gob.ve/",
                "The national statistics institute.",
                "Caracas",
                "es",
            ),
            (
                "World Bank Open Data: Venezuela",
                "https://data.worldbank.org/country/venezuela-rb",
                "Development indicators.",
                "",
                "en",
            ),
            (
                "IMF: Venezuela",
                "https://www.imf.org/en/Countries/VEN",
                "The International Monetary Fund's country page.",
                "",
                "en",
            ),
            (
                "The World Factbook: Venezuela",
                "https://www.cia.gov/the-world-factbook/countries/venezuela/",
                "Geography, people, government and economy.",
                "",
                "en",
            ),
        ],
    ),
    (
        "tourism",
        "Venezuela Tourism",
        LinkKind.TOURISM,
        "Tepuis, Angel Falls, the Andes and the Caribbean coast.",
        [
            (
                "Canaima National Park (UNESCO)",
                "https://whc.unesco.org/en/list/701/",
                "World Heritage site with Angel Falls and the tepuis.",
                "Canaima",
                "en",
            ),
            (
                "Coro and its Port (UNESCO)",
                "https://whc.unesco.org/en/list/658/",
                "World Heritage colonial town.",
                "Coro",
                "en",
            ),
            (
                "Ciudad Universitaria de Caracas (UNESCO)",
                "https://whc.unesco.org/en/list/986/",
                "World Heritage modernist campus.",
                "Caracas",
                "en",
            ),
            (
                "Venezuela travel guide (Wikivoyage)",
                "https://en.wikivoyage.org/wiki/Venezuela",
                "Free travel guide.",
                "",
                "en",
            ),
            (
                "Venezuela travel advisory (US State Department)",
                "https://travel.state.gov/content/travel/en/traveladvisories/traveladvisories/"
                "venezuela-travel-advisory.html",
                "Safety and entry information.",
                "",
                "en",
            ),
        ],
    ),
    (
        "embassies-in-caracas",
        "Embassies in Caracas",
        LinkKind.EMBASSIES_IN_CAPITAL,
        "Foreign embassies in Venezuela.",
        [
            (
                "U.S. Embassy in Venezuela",
                "https://ve.usembassy.gov/",
                "Operations suspended since 2019; services from Bogotá.",
                "Caracas",
                "en",
            ),
            (
                "British Embassy Caracas",
                "https://www.gov.uk/world/organisations/british-embassy-venezuela",
                "Consular services for British nationals.",
                "Caracas",
                "en",
            ),
            (
                "Embajada de España en Caracas",
                "https://www.exteriores.gob.es/Embajadas/caracas/es/Paginas/index.aspx",
                "Embassy and consulate of Spain.",
                "Caracas",
                "es",
            ),
            (
                "Ambassade de France au Venezuela",
                "https://ve.ambafrance.org/",
                "Embassy of France.",
                "Caracas",
                "fr",
            ),
            (
                "Deutsche Botschaft Caracas",
                "https://caracas.diplo.de/",
                "Embassy of Germany.",
                "Caracas",
                "es",
            ),
            (
                "Ambasciata d'Italia a Caracas",
                "https://ambcaracas.esteri.it/",
                "Embassy of Italy.",
                "Caracas",
                "es",
            ),
        ],
    ),
]

COLOMBIA = [
    (
        "colombia-overview",
        "Colombia Overview",
        LinkKind.OVERVIEW,
        "Where to start reading about Colombia.",
        [
            (
                "Colombia (Wikipedia)",
                "https://en.wikipedia.org/wiki/Colombia",
                "Encyclopedia article.",
                "",
                "en",
            ),
            (
                "Colombia (Britannica)",
                "https://www.britannica.com/place/Colombia",
                "Encyclopaedia Britannica's country article.",
                "",
                "en",
            ),
            (
                "The World Factbook: Colombia",
                "https://www.cia.gov/the-world-factbook/countries/colombia/",
                "Geography, people, government and economy.",
                "",
                "en",
            ),
            (
                "Colombia country profile (BBC News)",
                "https://www.bbc.com/news/world-latin-america-19390026",
                "Overview, key facts and timeline.",
                "",
                "en",
            ),
            (
                "World Bank in Colombia",
                "https://www.worldbank.org/en/country/colombia",
                "Economic overview.",
                "",
                "en",
            ),
        ],
    ),
    (
        "embassies-and-consulates-abroad",
        "Colombian Embassies & Consulates Around the World",
        LinkKind.EMBASSIES_ABROAD,
        "Colombia's diplomatic missions and consular services.",
        [
            (
                "Cancillería de Colombia",
                "https://www.cancilleria.gov.co/",
                "The foreign ministry, with the directory of embassies and consulates.",
                "Bogotá",
                "es",
            ),
            (
                "Embassy of Colombia in the United States",
                "https://www.colombiaemb.org/",
                "Colombia's embassy in Washington.",
                "Washington",
                "en",
            ),
            (
                "Migración Colombia",
                "https://www.migracioncolombia.gov.co/",
                "Migration authority.",
                "Bogotá",
                "es",
            ),
            (
                "Colombian embassies and consulates (EmbassyPages)",
                "https://www.embassypages.com/colombia",
                "Addresses of Colombia's missions worldwide.",
                "",
                "en",
            ),
            (
                "List of diplomatic missions of Colombia",
                "https://en.wikipedia.org/wiki/List_of_diplomatic_missions_of_Colombia",
                "Encyclopedia list of embassies and consulates.",
                "",
                "en",
            ),
        ],
    ),
    (
        "government",
        "Government Links",
        LinkKind.GOVERNMENT,
        "The Colombian state online.",
        [
            (
                "Presidencia de la República",
                "https://www.presidencia.gov.co/",
                "Office of the President.",
                "Bogotá",
                "es",
            ),
            ("Gov.co", "https://www.gov.co/", "The state's services portal.", "Bogotá", "es"),
            ("Senado de la República", "https://www.senado.gov.co/", "The Senate.", "Bogotá", "es"),
            (
                "Cámara de Representantes",
                "https://www.camara.gov.co/",
                "The House of Representatives.",
                "Bogotá",
                "es",
            ),
            (
                "Corte Constitucional",
                "https://www.corteconstitucional.gov.co/",
                "The Constitutional Court.",
                "Bogotá",
                "es",
            ),
            (
                "Registraduría Nacional del Estado Civil",
                "https://www.registraduria.gov.co/",
                "Civil registry and elections.",
                "Bogotá",
                "es",
            ),
            (
                "DANE",
                "https://www.dane.gov.co/",
                "The national statistics department.",
                "Bogotá",
                "es",
            ),
            (
                "Banco de la República",
                "https://www.banrep.gov.co/",
                "The central bank.",
                "Bogotá",
                "es",
            ),
        ],
    ),
    (
        "embassies-in-bogota",
        "Embassies in Bogota",
        LinkKind.EMBASSIES_IN_CAPITAL,
        "Foreign embassies in Colombia.",
        [
            (
                "U.S. Embassy in Colombia",
                "https://co.usembassy.gov/",
                "Embassy of the United States.",
                "Bogotá",
                "en",
            ),
            (
                "British Embassy Bogotá",
                "https://www.gov.uk/world/organisations/british-embassy-bogota",
                "Consular services for British nationals.",
                "Bogotá",
                "en",
            ),
            (
                "Embajada de España en Bogotá",
                "https://www.exteriores.gob.es/Embajadas/bogota/es/Paginas/index.aspx",
                "Embassy and consulate of Spain.",
                "Bogotá",
                "es",
            ),
            (
                "Ambassade de France en Colombie",
                "https://co.ambafrance.org/",
                "Embassy of France.",
                "Bogotá",
                "fr",
            ),
            (
                "Deutsche Botschaft Bogotá",
                "https://bogota.diplo.de/",
                "Embassy of Germany.",
                "Bogotá",
                "es",
            ),
        ],
    ),
    (
        "sites-and-blogs",
        "Sites/Blogs about Colombia",
        LinkKind.SITES_AND_BLOGS,
        "Independent journalism, analysis and travel.",
        [
            (
                "La Silla Vacía",
                "https://www.lasillavacia.com/",
                "Politics and power.",
                "Bogotá",
                "es",
            ),
            (
                "Colombia Reports",
                "https://colombiareports.com/",
                "English-language news.",
                "Medellín",
                "en",
            ),
            ("Razón Pública", "https://razonpublica.com/", "Analysis and opinion.", "Bogotá", "es"),
            (
                "Cerosetenta",
                "https://cerosetenta.uniandes.edu.co/",
                "Journalism from Universidad de los Andes.",
                "Bogotá",
                "es",
            ),
            (
                "Colombia Travel",
                "https://colombia.travel/en",
                "The official tourism site.",
                "",
                "en",
            ),
        ],
    ),
    (
        "educational-institutions",
        "Educational Institutions",
        LinkKind.EDUCATION,
        "Colombia's leading universities.",
        [
            (
                "Universidad Nacional de Colombia",
                "https://unal.edu.co/",
                "The national public university.",
                "Bogotá",
                "es",
            ),
            (
                "Universidad de los Andes",
                "https://uniandes.edu.co/",
                "Private research university.",
                "Bogotá",
                "es",
            ),
            (
                "Pontificia Universidad Javeriana",
                "https://www.javeriana.edu.co/",
                "Jesuit university founded in 1623.",
                "Bogotá",
                "es",
            ),
            (
                "Universidad de Antioquia",
                "https://www.udea.edu.co/",
                "Public university.",
                "Medellín",
                "es",
            ),
            (
                "Universidad del Rosario",
                "https://urosario.edu.co/",
                "Private university founded in 1653.",
                "Bogotá",
                "es",
            ),
            (
                "Universidad del Valle",
                "https://www.univalle.edu.co/",
                "Public university.",
                "Cali",
                "es",
            ),
        ],
    ),
    (
        "newspapers",
        "Colombian Newspapers",
        LinkKind.NEWSPAPERS,
        "National and regional dailies.",
        [
            ("El Tiempo", "https://www.eltiempo.com/", "Colombia's largest daily.", "Bogotá", "es"),
            (
                "El Espectador",
                "https://www.elespectador.com/",
                "Daily founded in 1887.",
                "Bogotá",
                "es",
            ),
            (
                "El Colombiano",
                "https://www.elcolombiano.com/",
                "Daily newspaper.",
                "Medellín",
                "es",
            ),
            ("Semana", "https://www.semana.com/", "News magazine.", "Bogotá", "es"),
            ("El País", "https://www.elpais.com.co/", "Daily newspaper.", "Cali", "es"),
        ],
    ),
]


CATEGORIES = {"VE": VENEZUELA, "CO": COLOMBIA}


def categories_for(code, name):
    """The seed's categories for Venezuela and Colombia; government and newspapers for all."""
    categories = list(CATEGORIES.get(code, []))
    seen = {category[0] for category in categories}
    defaults = [
        (
            "government",
            "Government Links",
            LinkKind.GOVERNMENT,
            f"The government of {name} online.",
            GOVERNMENT.get(code, []),
        ),
        (
            "newspapers",
            "Newspapers",
            LinkKind.NEWSPAPERS,
            f"Newspapers and news sites from {name}.",
            NEWSPAPERS.get(code, []),
        ),
    ]
    categories += [category for category in defaults if category[0] not in seen and category[4]]
    return categories


def load(command):
    home = HomePage.objects.first()
    if home is None:
        command.stdout.write("home.demo.directory: no home page, skipping the link directory")
        return

    created_pages = 0
    index = DirectoryIndexPage.objects.child_of(home).first()
    if index is None:
        index = DirectoryIndexPageFactory(
            parent=home,
            title="Links",
            slug="links",
            intro=(
                "<p>Embassies, newspapers, government sites, universities and more, country "
                "by country across Latin America and the Caribbean. Every link is checked "
                "daily.</p>"
            ),
            search_description="The Herald's directory of Latin-American and Caribbean links.",
        )
        index.save_revision().publish()
        created_pages += 1

    for row in COUNTRIES:
        code, name, region, capital, population, currency, languages, tz, calling, overview = row
        country = CountryFactory(code=code, name=name, region=region)
        slug = slugify(name)
        page = CountryPage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = CountryPageFactory(
                parent=index,
                title=SEED_TITLES.get(code, name),
                slug=slug,
                country=country,
                overview=f"<p>{overview}</p>",
                capital=capital,
                population=population,
                currency=currency,
                official_languages=languages,
                time_zone=tz,
                calling_code=calling,
                facts_source=FACTS_SOURCE,
                facts_source_url=FACTS_SOURCE_URL,
                facts_as_of=FACTS_AS_OF,
                search_description=overview,
            )
            page.save_revision().publish()
            created_pages += 1

        for cat_slug, title, kind, intro, links in categories_for(code, name):
            if LinkCategoryPage.objects.child_of(page).filter(slug=cat_slug).exists():
                continue
            category = LinkCategoryPageFactory(
                parent=page, title=title, slug=cat_slug, kind=kind, intro=f"<p>{intro}</p>"
            )
            for position, (link_name, url, description, city, language) in enumerate(links):
                DirectoryLinkFactory(
                    page=category,
                    sort_order=position,
                    name=link_name,
                    url=url,
                    description=description,
                    city=city,
                    language=language,
                )
            category.save_revision().publish()
            created_pages += 1

    if created_pages:
        command.stdout.write(f"Created {created_pages} directory pages")
