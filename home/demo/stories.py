"""Demo content for home.demo.news: six staff authors and 48 stories of the region.

Fictional but plausible wire-style copy spread over the last 30 days and every section;
each story has the same shape as ``home.demo.news.SEED_STORY``. Names of staff are invented.
"""

AUTHORS = [
    {
        "name": "Elena Marcano",
        "slug": "elena-marcano",
        "job_title": "Caracas correspondent",
        "bio": (
            "Elena Marcano has covered Venezuelan politics, oil and daily life from "
            "Caracas for more than a decade. Before joining the paper she reported for "
            "regional radio in Maracaibo."
        ),
    },
    {
        "name": "Andrés Villamizar",
        "slug": "andres-villamizar",
        "job_title": "Bogotá correspondent",
        "bio": (
            "Andrés Villamizar reports on Colombia from Bogotá, with a focus on Congress, "
            "infrastructure and the border with Venezuela. He grew up in Cúcuta."
        ),
    },
    {
        "name": "Patricia Lugo",
        "slug": "patricia-lugo",
        "job_title": "Business editor",
        "bio": (
            "Patricia Lugo edits the business pages and writes about markets, trade and "
            "energy across the region. She previously worked as an economist at a Caracas "
            "brokerage."
        ),
    },
    {
        "name": "Tomás Aguirre",
        "slug": "tomas-aguirre",
        "job_title": "Caribbean correspondent",
        "bio": (
            "Tomás Aguirre is based in Santo Domingo and covers the islands, from tourism "
            "and remittances to the hurricane season."
        ),
    },
    {
        "name": "Rafael Quintero",
        "slug": "rafael-quintero",
        "job_title": "Sports editor",
        "bio": (
            "Rafael Quintero has followed the Venezuelan winter league and the Caribbean "
            "Series for twenty seasons, and writes about football when the baseball stops."
        ),
    },
    {
        "name": "Claire Whitfield",
        "slug": "claire-whitfield",
        "job_title": "Opinion and culture editor",
        "bio": (
            "Claire Whitfield edits the opinion and culture pages. She came to Caracas as "
            "a Fulbright scholar and stayed to write about the region's books, film and "
            "music."
        ),
    },
]

STORIES = [
    {
        "key": "us-extends-temporary-protected-status-for-venezuelans-by-18-months",
        "section": "world",
        "title": "US Extends Temporary Protected Status for Venezuelans by 18 Months",
        "deck": (
            "The extension covers an estimated 340,000 people and allows them to keep "
            "working legally while it is in force."
        ),
        "dateline_city": "Washington",
        "dateline_country": "",
        "countries": ["US", "VE"],
        "source": "ap",
        "authors": [],
        "byline": "AP",
        "tags": ["migration", "united-states", "venezuela", "diplomacy"],
        "days_ago": 0,
        "hour": 8,
        "quote": None,
        "paragraphs": [
            "The United States on Thursday extended temporary protected status for "
            "Venezuelans for another 18 months, allowing an estimated 340,000 people to "
            "continue living and working in the country legally.",
            "The Department of Homeland Security said conditions in Venezuela, including "
            "shortages of medicine and a fragile power supply, still prevented a safe "
            "return for many of those covered by the program.",
            "The decision applies only to Venezuelans who were already registered under "
            "the previous designation. People who arrived later are not eligible and must "
            "pursue other forms of relief.",
            "Migrant advocacy groups in Florida and Texas welcomed the move but said the "
            "re-registration window of 60 days was too short for families without easy "
            "access to lawyers.",
            "Employers in construction, agriculture and home care, sectors that rely "
            "heavily on Venezuelan workers, had lobbied for the extension in recent "
            "months.",
            "Applicants will have to pay a registration fee and submit new biometric data, "
            "the department said, adding that work permits would be extended automatically "
            "while applications are processed.",
        ],
    },
    {
        "key": "spain-eases-residency-rules-for-latin-american-workers",
        "section": "world",
        "title": "Spain Eases Residency Rules for Latin American Workers",
        "deck": (
            "A reform that takes effect next month shortens the wait for residency and "
            "recognizes more foreign qualifications."
        ),
        "dateline_city": "Madrid",
        "dateline_country": "",
        "countries": ["ES", "VE", "CO", "PE"],
        "source": "efe",
        "authors": [],
        "byline": "EFE",
        "tags": ["migration", "labor", "diplomacy"],
        "days_ago": 1,
        "hour": 9,
        "quote": None,
        "paragraphs": [
            "Spain’s Cabinet on Tuesday approved a reform of its immigration rules that "
            "will shorten from three years to two the period foreigners must live in the "
            "country before applying for residency through social ties.",
            "The government said the change was aimed at filling vacancies in hospitality, "
            "farming and elder care, where employers report shortages of tens of thousands "
            "of workers.",
            "Latin Americans, who face no language barrier and already make up the largest "
            "group of new residents, are expected to benefit most. Colombians and "
            "Venezuelans lead the list of nationalities applying for residency in Spain.",
            "The reform also simplifies the recognition of foreign vocational and "
            "university qualifications, a long-standing complaint of nurses and engineers "
            "trained in the region.",
            "Business associations praised the measure, while two opposition parties said "
            "they would challenge parts of it in Parliament.",
        ],
    },
    {
        "key": "china-and-brazil-sign-soybean-and-iron-ore-accords",
        "section": "world",
        "title": "China and Brazil Sign Soybean and Iron Ore Accords",
        "deck": (
            "The agreements set sanitary standards for grain shipments and extend "
            "long-term iron ore supply contracts."
        ),
        "dateline_city": "Beijing",
        "dateline_country": "",
        "countries": ["CN", "BR"],
        "source": "reuters",
        "authors": [],
        "byline": "",
        "tags": ["trade", "china", "agriculture", "mining"],
        "days_ago": 3,
        "hour": 10,
        "quote": None,
        "paragraphs": [
            "China and Brazil signed a set of trade agreements on Monday covering soybean "
            "inspections, iron ore supply and beef exports, officials from both countries "
            "said.",
            "The soybean protocol harmonizes sanitary checks at Chinese ports, which "
            "Brazilian exporters say have caused costly delays in the past two harvests.",
            "Brazil is China’s largest supplier of soybeans, shipping more than 70 million "
            "tonnes a year, most of it to feed the country’s pig herds.",
            "Separately, Chinese steelmakers and Brazilian miners agreed to extend "
            "long-term iron ore contracts, although neither side disclosed volumes or "
            "pricing formulas.",
            "Analysts said the accords were unlikely to change trade flows in the short "
            "term but would reduce the risk of disruptions during peak shipping months.",
        ],
    },
    {
        "key": "world-bank-trims-latin-america-growth-forecast-to-19-percent",
        "section": "world",
        "title": "World Bank Trims Latin America Growth Forecast to 1.9 Percent",
        "deck": (
            "High interest rates and weaker commodity prices weigh on the region, the "
            "lender said in its semiannual outlook."
        ),
        "dateline_city": "Washington",
        "dateline_country": "",
        "countries": ["US", "BR", "MX", "AR", "CO"],
        "source": "reuters",
        "authors": [],
        "byline": "Reuters",
        "tags": ["economy", "central-banks", "nearshoring"],
        "days_ago": 6,
        "hour": 14,
        "quote": None,
        "paragraphs": [
            "The World Bank on Tuesday lowered its forecast for economic growth in Latin "
            "America and the Caribbean this year to 1.9 percent from 2.2 percent, citing "
            "tight monetary policy and softer prices for the region’s exports.",
            "The lender said Mexico and Brazil, the two largest economies, would both grow "
            "more slowly than expected, while Argentina was set to rebound from last "
            "year’s contraction.",
            "It urged governments to use the period of lower inflation to rebuild fiscal "
            "buffers and to invest in infrastructure and education, which it said had "
            "lagged for a decade.",
            "The report noted that remittances, tourism and nearshoring investment in "
            "Mexico and Central America had partly offset the drag from commodity markets.",
            "The region remains the slowest-growing in the developing world, the bank "
            "said, a gap that has persisted since the end of the commodity boom.",
        ],
    },
    {
        "key": "un-climate-talks-open-with-amazon-nations-seeking-forest-fund",
        "section": "world",
        "title": "UN Climate Talks Open With Amazon Nations Seeking Forest Fund",
        "deck": (
            "Eight countries that share the Amazon basin are pressing wealthy nations to "
            "pay for keeping forests standing."
        ),
        "dateline_city": "Bonn",
        "dateline_country": "Germany",
        "countries": ["BR", "CO", "PE", "EC", "BO", "VE"],
        "source": "ap",
        "authors": [],
        "byline": "",
        "tags": ["climate", "amazon", "diplomacy"],
        "days_ago": 12,
        "hour": 9,
        "quote": None,
        "paragraphs": [
            "Negotiators from nearly 200 countries opened two weeks of climate talks on "
            "Monday, with Amazon nations pressing for a permanent fund that would pay "
            "tropical countries for protecting their forests.",
            "The proposal would reward governments according to the area of forest kept "
            "standing, rather than through the project-by-project carbon credits that have "
            "drawn criticism for overstating their benefits.",
            "Delegates from Brazil, Colombia and Peru said the fund would need tens of "
            "billions of dollars in initial capital to make a difference on the ground.",
            "European delegations signaled interest but said details on governance and "
            "monitoring had to be settled before any money was committed.",
            "The Bonn meeting prepares the ground for the annual summit at the end of the "
            "year, where the fund could be formally launched.",
        ],
    },
    {
        "key": "turkey-and-mexico-agree-to-expand-direct-flights-and-trade",
        "section": "world",
        "title": "Turkey and Mexico Agree to Expand Direct Flights and Trade",
        "deck": (
            "The foreign ministers signed a memorandum on air links and set up a working "
            "group to study a free trade agreement."
        ),
        "dateline_city": "Ankara",
        "dateline_country": "",
        "countries": ["TR", "MX"],
        "source": "efe",
        "authors": [],
        "byline": "EFE",
        "tags": ["trade", "diplomacy", "tourism", "turkey"],
        "days_ago": 18,
        "hour": 12,
        "quote": None,
        "paragraphs": [
            "Turkey and Mexico agreed on Friday to increase the number of direct flights "
            "between the two countries and to begin exploratory talks on a free trade "
            "agreement.",
            "The foreign ministers of both countries signed a memorandum in Ankara that "
            "allows airlines to operate up to 14 weekly flights between Istanbul and "
            "Mexico City and Cancún.",
            "Bilateral trade reached about $2 billion last year, mostly Turkish textiles "
            "and machinery and Mexican vehicles and electronics.",
            "A joint working group will report within six months on whether a trade "
            "agreement is feasible, the ministers said.",
        ],
    },
    {
        "key": "andean-ministers-meet-in-lima-on-cross-border-migration-plan",
        "section": "latin-america",
        "title": "Andean Ministers Meet in Lima on Cross-Border Migration Plan",
        "deck": (
            "Governments agreed to share registration data and to recognize each other's "
            "temporary residence permits."
        ),
        "dateline_city": "Lima",
        "dateline_country": "",
        "countries": ["PE", "EC", "CO", "VE", "BO", "CL"],
        "source": "efe",
        "authors": [],
        "byline": "EFE",
        "tags": ["migration", "diplomacy", "border"],
        "days_ago": 4,
        "hour": 11,
        "quote": None,
        "paragraphs": [
            "Interior and foreign ministers from six South American countries agreed in "
            "Lima on Wednesday to share migrant registration data and to recognize one "
            "another’s temporary residence permits.",
            "The plan is meant to ease the movement of the millions of Venezuelans who "
            "have settled in the Andean countries, many of whom lack documents that are "
            "valid on both sides of a border.",
            "Peru, which hosts the second-largest Venezuelan community in the region after "
            "Colombia, said it would pilot a shared database at its northern border "
            "crossing with Ecuador.",
            "The United Nations refugee agency, which attended as an observer, said the "
            "agreement could reduce the number of people crossing through unofficial "
            "routes.",
            "Officials will meet again in Quito in three months to review progress.",
        ],
    },
    {
        "key": "regional-dengue-cases-rise-ahead-of-rainy-season-health-body-says",
        "section": "latin-america",
        "title": "Regional Dengue Cases Rise Ahead of Rainy Season, Health Body Says",
        "deck": (
            "The Pan American Health Organization urged countries to step up mosquito "
            "control and to prepare hospitals."
        ),
        "dateline_city": "Panama City",
        "dateline_country": "",
        "countries": ["PA", "BR", "PE", "CO", "MX"],
        "source": "ap",
        "authors": [],
        "byline": "",
        "tags": ["health", "climate", "rains"],
        "days_ago": 9,
        "hour": 15,
        "quote": None,
        "paragraphs": [
            "Dengue cases in the Americas are running well above the five-year average, "
            "the Pan American Health Organization said on Thursday, warning that the "
            "coming rainy season could bring a further surge.",
            "Brazil accounts for the majority of cases, but the organization said "
            "infections were also rising quickly in Peru, Colombia and parts of Central "
            "America.",
            "Health officials attributed the increase to higher temperatures and heavy "
            "rains that create breeding grounds for the Aedes aegypti mosquito, as well as "
            "the circulation of a serotype to which many people have no immunity.",
            "The organization urged governments to organize neighborhood clean-up "
            "campaigns to remove standing water and to train staff in clinics to recognize "
            "warning signs of severe dengue.",
            "Most people infected with dengue have mild symptoms, but severe cases can "
            "cause internal bleeding and require hospital care.",
        ],
    },
    {
        "key": "argentina-and-chile-open-renovated-andean-pass-to-freight",
        "section": "latin-america",
        "title": "Argentina and Chile Open Renovated Andean Pass to Freight",
        "deck": (
            "The upgraded crossing is expected to cut truck waiting times in half during "
            "the winter months."
        ),
        "dateline_city": "Mendoza",
        "dateline_country": "Argentina",
        "countries": ["AR", "CL"],
        "source": "efe",
        "authors": [],
        "byline": "",
        "tags": ["trade", "infrastructure", "border", "transport"],
        "days_ago": 22,
        "hour": 10,
        "quote": None,
        "paragraphs": [
            "Argentina and Chile on Saturday reopened the main freight crossing through "
            "the Andes after a two-year renovation that added snow sheds, new lanes and a "
            "joint customs building.",
            "About 1,500 trucks a day use the route between Mendoza and the Chilean port "
            "cities of Valparaíso and San Antonio, carrying wine, grain and manufactured "
            "goods.",
            "Transport companies have long complained of closures of several days during "
            "winter storms. Officials said the new snow sheds would keep the road open in "
            "all but the heaviest snowfalls.",
            "The joint customs facility allows inspectors from both countries to clear "
            "cargo in a single stop, which the governments said should cut average waiting "
            "times in half.",
        ],
    },
    {
        "key": "venezuelas-oil-output-edges-up-as-joint-ventures-add-rigs",
        "section": "venezuela",
        "title": "Venezuela's Oil Output Edges Up as Joint Ventures Add Rigs",
        "deck": (
            "Production in the Orinoco belt rose for a fourth month, but refineries still "
            "run well below capacity."
        ),
        "dateline_city": "Caracas",
        "dateline_country": "",
        "countries": ["VE"],
        "source": "staff",
        "authors": ["Elena Marcano"],
        "byline": "",
        "tags": ["oil", "energy", "venezuela"],
        "days_ago": 0,
        "hour": 11,
        "quote": {
            "text": (
                "The increase is real but modest. Without steady diluent supplies and spare "
                "parts, the fields cannot keep this pace for long."
            ),
            "attribution": "A Caracas-based oil consultant",
        },
        "paragraphs": [
            "Venezuela’s crude oil output rose for a fourth consecutive month in the last "
            "month, according to figures released by the Energy Ministry on Monday, as "
            "joint ventures in the Orinoco belt brought more drilling rigs back into "
            "service.",
            "The ministry put production at about 910,000 barrels a day, up roughly 2 "
            "percent from the previous month. Secondary sources consulted by the "
            "producers’ group gave a slightly lower figure.",
            "Most of the increase came from the heavy-oil fields of the Orinoco, where "
            "partners of the state oil company have repaired upgraders and reopened wells "
            "that were shut during the worst of the power shortages.",
            "Engineers in Anzoátegui state said the main constraint now was the supply of "
            "naphtha and other light oils needed to dilute the extra-heavy crude so it can "
            "be moved through pipelines.",
            "Domestic refining remains weak. The country’s largest refining complex, on "
            "the Paraguaná peninsula, is processing less than half of its nominal "
            "capacity, and motorists in the western states still report lines at filling "
            "stations.",
            "Output remains a fraction of the more than 3 million barrels a day Venezuela "
            "pumped at the end of the 1990s.",
        ],
    },
    {
        "key": "bolivar-weakens-past-key-level-as-central-bank-sells-dollars",
        "section": "venezuela",
        "title": "Bolívar Weakens Past Key Level as Central Bank Sells Dollars",
        "deck": (
            "The official rate slipped despite the largest weekly sale of foreign currency "
            "to banks this year."
        ),
        "dateline_city": "Caracas",
        "dateline_country": "",
        "countries": ["VE"],
        "source": "reuters",
        "authors": [],
        "byline": "Reuters",
        "tags": ["exchange-rates", "central-banks", "inflation", "venezuela"],
        "days_ago": 1,
        "hour": 17,
        "quote": None,
        "paragraphs": [
            "Venezuela’s bolívar weakened past a closely watched level against the dollar "
            "on Friday, even as the central bank sold more foreign currency to local banks "
            "than in any week so far this year.",
            "The official rate published by the central bank showed a depreciation of "
            "about 3 percent for the week. The gap with the rate used in informal trading "
            "in Caracas widened to around 15 percent.",
            "Economists said higher public spending ahead of the year-end holidays had "
            "increased the amount of bolívares in circulation, adding pressure on the "
            "currency.",
            "Retailers in Caracas, who price most goods in dollars but must accept "
            "bolívares, said they were adjusting prices daily to keep up with the exchange "
            "rate.",
            "The central bank did not comment on the movement. It has used dollar sales to "
            "banks as its main tool to slow the currency’s slide since the economy was "
            "largely dollarized.",
        ],
    },
    {
        "key": "electoral-council-sets-timetable-for-regional-elections",
        "section": "venezuela",
        "title": "Electoral Council Sets Timetable for Regional Elections",
        "deck": (
            "Voters will choose governors, mayors and state legislators; registration "
            "drives begin next month."
        ),
        "dateline_city": "Caracas",
        "dateline_country": "",
        "countries": ["VE"],
        "source": "efe",
        "authors": [],
        "byline": "EFE",
        "tags": ["elections", "politics", "venezuela"],
        "days_ago": 2,
        "hour": 12,
        "quote": None,
        "paragraphs": [
            "Venezuela’s National Electoral Council on Wednesday published the timetable "
            "for regional and municipal elections, in which voters will choose 23 "
            "governors, 335 mayors and members of state legislatures.",
            "The council said a special voter registration drive would open next month and "
            "run for six weeks, with mobile registration points in rural areas and in the "
            "border states.",
            "Candidate registration will take place in a single week, after which parties "
            "will have a short window to substitute nominees.",
            "Opposition parties said they were studying the timetable and would announce "
            "whether they would take part after consultations with their regional leaders.",
            "The council also said it would invite international electoral observation "
            "missions, without naming them.",
        ],
    },
    {
        "key": "power-cuts-return-to-zulia-as-heat-wave-strains-grid",
        "section": "venezuela",
        "title": "Power Cuts Return to Zulia as Heat Wave Strains Grid",
        "deck": (
            "Residents of Maracaibo report daily outages of up to six hours; the utility "
            "blames record demand."
        ),
        "dateline_city": "Maracaibo",
        "dateline_country": "Venezuela",
        "countries": ["VE"],
        "source": "staff",
        "authors": ["Elena Marcano"],
        "byline": "",
        "tags": ["electricity", "energy", "infrastructure", "venezuela"],
        "days_ago": 5,
        "hour": 13,
        "quote": None,
        "paragraphs": [
            "Rolling blackouts have returned to Zulia state as a heat wave pushes "
            "electricity demand to record levels, with residents of Maracaibo reporting "
            "outages of up to six hours a day.",
            "The state electricity company said in a statement that it was rotating supply "
            "between neighborhoods to protect the transmission lines that bring power from "
            "the hydroelectric dams in the south of the country.",
            "Temperatures in Maracaibo, one of the hottest cities in South America, have "
            "topped 38 degrees Celsius for most of the past week, and air conditioners run "
            "around the clock in homes that can afford them.",
            "Shop owners in the city center said the cuts forced them to close early or "
            "run diesel generators, which are expensive to fuel.",
            "“We open at eight and by eleven we are in the dark,” said the owner of a "
            "bakery in the Bella Vista district, who asked that her name not be used. “We "
            "lose the bread, we lose the customers.”",
            "The government has promised to bring new thermal generating units online in "
            "the region before the end of the year.",
        ],
    },
    {
        "key": "caracas-teachers-march-for-higher-wages",
        "section": "venezuela",
        "title": "Caracas Teachers March for Higher Wages",
        "deck": (
            "Several thousand teachers and public employees marched to the Education "
            "Ministry demanding pay in line with prices."
        ),
        "dateline_city": "Caracas",
        "dateline_country": "",
        "countries": ["VE"],
        "source": "ap",
        "authors": [],
        "byline": "",
        "tags": ["labor", "inflation", "venezuela"],
        "days_ago": 8,
        "hour": 16,
        "quote": None,
        "paragraphs": [
            "Several thousand teachers and other public employees marched through central "
            "Caracas on Tuesday to demand wages that keep pace with the cost of living.",
            "The protesters, carrying banners from teachers’ unions in several states, "
            "walked peacefully to the Education Ministry, where a delegation delivered a "
            "list of demands.",
            "Public sector salaries are paid largely through bonuses that do not count "
            "toward pensions or severance, a practice the unions want to end.",
            "Union leaders said a monthly teacher’s income covered only a small share of "
            "the basic food basket calculated by an independent teachers’ federation.",
            "The ministry said it had received the delegation and would continue talks "
            "with the unions. The march ended without incident.",
        ],
    },
    {
        "key": "in-san-cristobal-border-trade-revives-after-bridges-reopen",
        "section": "venezuela",
        "title": "In San Cristóbal, Border Trade Revives After Bridges Reopen",
        "deck": (
            "Shops and transport companies in Táchira state report the busiest months in "
            "years as cargo crosses legally again."
        ),
        "dateline_city": "San Cristóbal",
        "dateline_country": "Venezuela",
        "countries": ["VE", "CO"],
        "source": "staff",
        "authors": ["Elena Marcano", "Andrés Villamizar"],
        "byline": "",
        "tags": ["border", "trade", "migration", "venezuela"],
        "days_ago": 14,
        "hour": 10,
        "quote": {
            "text": (
                "Before, everything came through the trochas and you paid everyone on the way. "
                "Now the trucks come over the bridge with invoices."
            ),
            "attribution": "A wholesaler in San Cristóbal",
        },
        "paragraphs": [
            "Two years after the international bridges between Táchira and Norte de "
            "Santander reopened to cargo, trade in San Cristóbal is showing signs of "
            "recovery that local business owners describe as the strongest in a decade.",
            "Trucks loaded with Colombian food, cleaning products and building materials "
            "now cross the Simón Bolívar and Atanasio Girardot bridges every morning, "
            "replacing much of the trade that used to move along informal paths known as "
            "trochas.",
            "Local chambers of commerce estimate that trade across the border has more "
            "than doubled since the reopening, although it remains well below the levels "
            "of the late 2000s.",
            "Transport companies in San Cristóbal have hired drivers and bought "
            "second-hand trucks, and several shopping centers that had closed are "
            "reopening stores.",
            "Merchants still complain of long inspections and changing customs "
            "requirements on both sides. Colombian exporters say payments are sometimes "
            "delayed because of the scarcity of dollars in Venezuelan banks.",
            "Migration across the border has also become more orderly. Thousands of people "
            "cross on foot each day to work, study or see a doctor in Cúcuta and return in "
            "the evening.",
        ],
    },
    {
        "key": "venezuela-reports-lower-monthly-inflation-for-third-month",
        "section": "venezuela",
        "title": "Venezuela Reports Lower Monthly Inflation for Third Month",
        "deck": (
            "Consumer prices rose 2.1 percent last month, the central bank said, the "
            "lowest reading this year."
        ),
        "dateline_city": "Caracas",
        "dateline_country": "",
        "countries": ["VE"],
        "source": "efe",
        "authors": [],
        "byline": "EFE",
        "tags": ["inflation", "central-banks", "economy", "venezuela"],
        "days_ago": 20,
        "hour": 18,
        "quote": None,
        "paragraphs": [
            "Venezuela’s monthly inflation slowed for a third consecutive month, to 2.1 "
            "percent, the central bank said on Monday.",
            "Food and non-alcoholic beverages, the largest item in the consumer price "
            "index, rose 1.6 percent, while health and education posted the largest "
            "increases.",
            "Annual inflation stood at about 52 percent, still among the highest in the "
            "world but far below the hyperinflation the country experienced between 2017 "
            "and 2021.",
            "Economists attributed the slowdown to the relative stability of the exchange "
            "rate and to restrained growth of bank lending.",
        ],
    },
    {
        "key": "bogota-opens-first-stretch-of-elevated-metro-to-test-riders",
        "section": "colombia",
        "title": "Bogotá Opens First Stretch of Elevated Metro to Test Riders",
        "deck": (
            "Selected passengers rode the first five stations on Saturday; full commercial "
            "service is planned for next year."
        ),
        "dateline_city": "Bogotá",
        "dateline_country": "",
        "countries": ["CO"],
        "source": "staff",
        "authors": ["Andrés Villamizar"],
        "byline": "",
        "tags": ["infrastructure", "transport", "colombia"],
        "days_ago": 1,
        "hour": 16,
        "quote": {
            "text": (
                "I have waited my whole life for this. Today it took me twelve minutes to do "
                "what the bus does in an hour."
            ),
            "attribution": "A test rider from the Bosa district",
        },
        "paragraphs": [
            "The first trains of Bogotá’s elevated metro carried passengers on Saturday, "
            "as the city opened a five-station stretch in the southwest to a group of test "
            "riders selected by lottery.",
            "Bogotá, a city of nearly eight million people, is one of the largest in the "
            "world without a metro line, and residents have followed the project’s delays "
            "for decades.",
            "The driverless trains ran every ten minutes between the Bosa yard and Avenida "
            "Primero de Mayo. Engineers will use the trial period to adjust signaling and "
            "station operations.",
            "The full first line, about 24 kilometers long with 16 stations, is expected "
            "to open to the public next year and to carry up to 72,000 passengers an hour "
            "in each direction at peak times.",
            "City officials said the line would be integrated with the TransMilenio bus "
            "system so passengers can transfer with a single fare card.",
        ],
    },
    {
        "key": "colombian-coffee-harvest-seen-6-percent-higher-on-good-rains",
        "section": "colombia",
        "title": "Colombian Coffee Harvest Seen 6 Percent Higher on Good Rains",
        "deck": (
            "The growers' federation raised its forecast, though it warned that labor "
            "shortages could delay the picking."
        ),
        "dateline_city": "Bogotá",
        "dateline_country": "",
        "countries": ["CO"],
        "source": "reuters",
        "authors": [],
        "byline": "Reuters",
        "tags": ["coffee", "agriculture", "exports", "colombia"],
        "days_ago": 7,
        "hour": 11,
        "quote": None,
        "paragraphs": [
            "Colombia’s coffee harvest is expected to grow about 6 percent this year, "
            "helped by regular rains in the main producing regions, the national coffee "
            "growers’ federation said on Friday.",
            "The federation forecast output of around 12.4 million 60-kilogram bags, which "
            "would be the largest crop in five years.",
            "Growers in Huila, Antioquia and Tolima said the plants had flowered evenly "
            "after two seasons disrupted by excessive rain.",
            "The federation warned that a shortage of pickers could delay the main "
            "harvest, as many seasonal workers have moved to cities or to better-paid jobs "
            "in construction.",
            "Colombia is the world’s largest producer of washed arabica coffee and its "
            "beans are prized by specialty roasters.",
        ],
    },
    {
        "key": "landslide-blocks-highway-between-medellin-and-the-caribbean-coast",
        "section": "colombia",
        "title": "Landslide Blocks Highway Between Medellín and the Caribbean Coast",
        "deck": (
            "Heavy rains brought down a hillside in northern Antioquia; authorities set up "
            "a detour for light vehicles."
        ),
        "dateline_city": "Medellín",
        "dateline_country": "",
        "countries": ["CO"],
        "source": "efe",
        "authors": [],
        "byline": "",
        "tags": ["rains", "infrastructure", "weather", "colombia"],
        "days_ago": 11,
        "hour": 7,
        "quote": None,
        "paragraphs": [
            "A landslide caused by days of heavy rain blocked the main highway between "
            "Medellín and the Caribbean coast on Sunday, stranding hundreds of trucks, "
            "authorities said.",
            "No one was injured, according to the disaster management agency of Antioquia, "
            "which said the hillside collapsed before dawn when traffic was light.",
            "Road crews were working to remove tens of thousands of cubic meters of earth. "
            "Officials said the road could remain closed for up to a week.",
            "Light vehicles were diverted along secondary roads, adding several hours to "
            "the journey. Freight companies warned of delays in deliveries to the ports of "
            "Cartagena and Barranquilla.",
            "The national weather service has forecast above-average rainfall across the "
            "Andean region for the rest of the month.",
        ],
    },
    {
        "key": "colombian-congress-debates-pension-overhaul-in-final-stretch",
        "section": "colombia",
        "title": "Colombian Congress Debates Pension Overhaul in Final Stretch",
        "deck": (
            "The Senate must vote on the bill before the legislative session ends or the "
            "process starts over."
        ),
        "dateline_city": "Bogotá",
        "dateline_country": "",
        "countries": ["CO"],
        "source": "ap",
        "authors": [],
        "byline": "AP",
        "tags": ["politics", "labor", "colombia"],
        "days_ago": 0,
        "hour": 13,
        "quote": None,
        "paragraphs": [
            "Colombia’s Senate began the final debate on Tuesday of a pension reform that "
            "would channel most workers’ contributions into the public system while "
            "leaving private funds to manage savings for higher earners.",
            "Supporters say the bill would extend a basic monthly payment to around 2.5 "
            "million older people who never contributed long enough to receive a pension.",
            "Critics, including business groups and several opposition senators, say the "
            "changes would weaken the private pension funds and increase the long-term "
            "cost to the state.",
            "The bill has already been approved by the House of Representatives. If the "
            "Senate approves it with changes, the two chambers must reconcile their "
            "versions before the session ends.",
            "Colombia’s pension system covers fewer than one in four people of retirement "
            "age, one of the lowest rates among mid-sized Latin American economies.",
        ],
    },
    {
        "key": "cartagena-port-sets-container-record-on-transshipment-boom",
        "section": "colombia",
        "title": "Cartagena Port Sets Container Record on Transshipment Boom",
        "deck": (
            "Shipping lines are routing more cargo through the Caribbean hub as they "
            "adjust Panama Canal schedules."
        ),
        "dateline_city": "Cartagena",
        "dateline_country": "",
        "countries": ["CO", "PA"],
        "source": "staff",
        "authors": ["Andrés Villamizar"],
        "byline": "",
        "tags": ["ports", "shipping", "trade", "colombia"],
        "days_ago": 16,
        "hour": 12,
        "quote": None,
        "paragraphs": [
            "The port of Cartagena handled a record number of containers in the third "
            "quarter, as shipping lines routed more cargo through the Caribbean hub to be "
            "transferred between vessels, port operators said.",
            "Terminal operators reported about 1.1 million twenty-foot equivalent units "
            "for the quarter, an increase of 14 percent from a year earlier.",
            "Most of the growth came from transshipment, in which containers are unloaded "
            "from large ships and loaded onto smaller vessels bound for other ports in the "
            "Caribbean and on the Pacific coast of South America.",
            "Executives said shipping lines had adjusted their networks during the drought "
            "that restricted transits through the Panama Canal and had kept some of those "
            "changes.",
            "The operators plan to invest in new cranes and to deepen the access channel "
            "to receive the largest container ships.",
        ],
    },
    {
        "key": "colombia-and-venezuela-restore-consular-services-in-cucuta",
        "section": "colombia",
        "title": "Colombia and Venezuela Restore Consular Services in Cúcuta",
        "deck": (
            "The reopened consulate will process passports, civil registry documents and "
            "visas for people living near the border."
        ),
        "dateline_city": "Cúcuta",
        "dateline_country": "",
        "countries": ["CO", "VE"],
        "source": "efe",
        "authors": [],
        "byline": "EFE",
        "tags": ["border", "diplomacy", "migration", "colombia"],
        "days_ago": 25,
        "hour": 9,
        "quote": None,
        "paragraphs": [
            "Venezuela reopened its consulate in the Colombian border city of Cúcuta on "
            "Monday, restoring services that had been suspended for more than four years.",
            "The consulate will issue and renew passports, register births and marriages "
            "and certify documents for the large Venezuelan community in the city and "
            "across Norte de Santander department.",
            "Colombia’s consulate in San Cristóbal, on the other side of the border, "
            "resumed services last month.",
            "Migrant support organizations said the lack of consular services had left "
            "many families unable to register children born in Colombia or to obtain "
            "documents needed to regularize their status.",
        ],
    },
    {
        "key": "brazil-reports-drop-in-amazon-deforestation-alerts",
        "section": "brazil",
        "title": "Brazil Reports Drop in Amazon Deforestation Alerts",
        "deck": (
            "Satellite alerts fell 22 percent in the first half of the year, the space "
            "research institute said."
        ),
        "dateline_city": "Brasília",
        "dateline_country": "",
        "countries": ["BR"],
        "source": "reuters",
        "authors": [],
        "byline": "Reuters",
        "tags": ["amazon", "climate", "brazil"],
        "days_ago": 3,
        "hour": 15,
        "quote": None,
        "paragraphs": [
            "Deforestation alerts in Brazil’s Amazon fell 22 percent in the first six "
            "months of the year compared with the same period a year earlier, according to "
            "data from the national space research institute.",
            "The alerts, generated by satellite imagery, are a preliminary indicator. The "
            "official annual figure, based on a more detailed survey, is published at the "
            "end of the year.",
            "Environmental officials attributed the decline to more field inspections, the "
            "seizure of cattle raised on illegally cleared land and the suspension of "
            "rural credit for properties with irregular clearing.",
            "Environmental groups welcomed the figures but warned that fires during the "
            "dry season, which runs until October, could offset part of the gains.",
            "Clearing in the Cerrado savanna, south of the Amazon, continued to rise, the "
            "data showed.",
        ],
    },
    {
        "key": "brazil-central-bank-holds-rate-steady-signals-caution",
        "section": "brazil",
        "title": "Brazil Central Bank Holds Rate Steady, Signals Caution",
        "deck": (
            "Policymakers kept the benchmark rate unchanged and said they would watch food "
            "prices and the currency."
        ),
        "dateline_city": "São Paulo",
        "dateline_country": "",
        "countries": ["BR"],
        "source": "reuters",
        "authors": [],
        "byline": "",
        "tags": ["central-banks", "interest-rates", "inflation", "brazil"],
        "days_ago": 10,
        "hour": 19,
        "quote": None,
        "paragraphs": [
            "Brazil’s central bank kept its benchmark interest rate unchanged on "
            "Wednesday, as expected by most economists, and said it would remain cautious "
            "given uncertainty about food prices and the exchange rate.",
            "The monetary policy committee voted unanimously to hold the rate, after a "
            "series of cuts earlier in the cycle.",
            "In its statement, the committee said inflation expectations remained above "
            "its target and that the recent weakening of the real could pass through to "
            "consumer prices.",
            "Analysts said the tone suggested no further cuts this year, and futures "
            "markets reduced bets on easing.",
        ],
    },
    {
        "key": "rio-samba-schools-unveil-carnival-themes",
        "section": "brazil",
        "title": "Rio Samba Schools Unveil Carnival Themes",
        "deck": (
            "The twelve schools of the top league will parade over two nights at the "
            "Sambódromo in February."
        ),
        "dateline_city": "Rio de Janeiro",
        "dateline_country": "",
        "countries": ["BR"],
        "source": "efe",
        "authors": [],
        "byline": "EFE",
        "tags": ["carnival", "music", "culture", "brazil"],
        "days_ago": 17,
        "hour": 20,
        "quote": None,
        "paragraphs": [
            "The samba schools of Rio de Janeiro’s top league presented their themes for "
            "next year’s carnival on Thursday, with tributes to Afro-Brazilian religions, "
            "the Amazon and a celebrated composer among the stories they will tell on the "
            "avenue.",
            "Each school will parade for between 60 and 70 minutes with about 3,000 "
            "members, floats and a percussion section of several hundred drummers.",
            "The schools are already holding weekly rehearsals in their home "
            "neighborhoods, which draw thousands of residents and tourists.",
            "City officials expect the carnival to bring more than a million visitors to "
            "Rio and to generate several billion reais in revenue for hotels, restaurants "
            "and street vendors.",
        ],
    },
    {
        "key": "drought-lowers-amazon-river-levels-isolating-communities",
        "section": "brazil",
        "title": "Drought Lowers Amazon River Levels, Isolating Communities",
        "deck": (
            "The Negro River at Manaus is near record lows; riverside villages depend on "
            "boats for food and medicine."
        ),
        "dateline_city": "Manaus",
        "dateline_country": "Brazil",
        "countries": ["BR", "PE", "CO"],
        "source": "ap",
        "authors": [],
        "byline": "AP",
        "tags": ["amazon", "drought", "climate", "brazil"],
        "days_ago": 27,
        "hour": 8,
        "quote": None,
        "paragraphs": [
            "A severe drought has pushed the level of the Negro River at Manaus close to "
            "its lowest on record, leaving riverside communities in the Amazon cut off "
            "from supplies of food, fuel and medicine.",
            "Ferries that normally connect towns along the Amazon and its tributaries have "
            "reduced service, and some cargo boats have run aground on sandbanks.",
            "The state government of Amazonas declared an emergency in dozens of "
            "municipalities and began distributing food baskets and drinking water by "
            "small boats and helicopters.",
            "Scientists said the drought was linked to higher-than-normal temperatures in "
            "the tropical North Atlantic and to a weak rainy season.",
            "Authorities in the neighboring regions of Peru and Colombia also reported low "
            "water levels on the rivers that feed the Amazon.",
        ],
    },
    {
        "key": "hurricane-watch-issued-for-mexicos-pacific-coast",
        "section": "mexico",
        "title": "Hurricane Watch Issued for Mexico's Pacific Coast",
        "deck": (
            "A tropical storm is expected to strengthen into a hurricane before "
            "approaching Guerrero and Oaxaca."
        ),
        "dateline_city": "Acapulco",
        "dateline_country": "Mexico",
        "countries": ["MX"],
        "source": "ap",
        "authors": [],
        "byline": "AP",
        "tags": ["hurricanes", "weather", "mexico"],
        "days_ago": 0,
        "hour": 6,
        "quote": None,
        "paragraphs": [
            "Mexico issued a hurricane watch on Friday for a stretch of its Pacific coast "
            "that includes Acapulco, as a tropical storm gathered strength offshore.",
            "The US National Hurricane Center said the storm had maximum sustained winds "
            "of 95 kilometers per hour and was expected to become a hurricane within a "
            "day.",
            "Forecasters warned of heavy rain that could cause flash flooding and "
            "landslides in the mountainous areas of Guerrero and Oaxaca states.",
            "Authorities in Acapulco opened shelters and asked fishermen to keep their "
            "boats in port. Schools in several coastal municipalities suspended classes.",
            "The Pacific hurricane season runs from mid-May to the end of November.",
        ],
    },
    {
        "key": "mexicos-remittances-hit-monthly-record",
        "section": "mexico",
        "title": "Mexico's Remittances Hit Monthly Record",
        "deck": (
            "Money sent home by Mexicans abroad exceeded $6 billion in a single month for "
            "the first time, the central bank said."
        ),
        "dateline_city": "Mexico City",
        "dateline_country": "",
        "countries": ["MX", "US"],
        "source": "reuters",
        "authors": [],
        "byline": "Reuters",
        "tags": ["remittances", "migration", "economy", "mexico"],
        "days_ago": 2,
        "hour": 10,
        "quote": None,
        "paragraphs": [
            "Remittances to Mexico reached a monthly record of more than $6 billion, the "
            "Bank of Mexico said on Monday, as strong employment in the United States "
            "supported transfers from Mexican workers.",
            "The number of individual transfers rose slightly, and the average amount sent "
            "was about $390, according to the central bank.",
            "Mexico is the world’s second-largest recipient of remittances after India. "
            "The transfers are a major source of income for households in states such as "
            "Michoacán, Jalisco and Guanajuato.",
            "Economists noted that the strength of the peso had reduced the value of the "
            "money in local currency terms, partly offsetting the increase for recipients.",
        ],
    },
    {
        "key": "mexico-launches-cross-isthmus-freight-rail-service",
        "section": "mexico",
        "title": "Mexico Launches Cross-Isthmus Freight Rail Service",
        "deck": (
            "The line links the Pacific port of Salina Cruz with Coatzacoalcos on the Gulf "
            "of Mexico."
        ),
        "dateline_city": "Salina Cruz",
        "dateline_country": "Mexico",
        "countries": ["MX"],
        "source": "efe",
        "authors": [],
        "byline": "",
        "tags": ["infrastructure", "transport", "trade", "ports", "mexico"],
        "days_ago": 13,
        "hour": 11,
        "quote": None,
        "paragraphs": [
            "Mexico began regular freight service on Wednesday on a rebuilt railway across "
            "the Isthmus of Tehuantepec, linking the Pacific port of Salina Cruz with "
            "Coatzacoalcos on the Gulf of Mexico.",
            "The government presents the 300-kilometer corridor as an alternative for some "
            "cargo that would otherwise cross the Panama Canal, as well as a way to bring "
            "industry to Mexico’s poorer southern states.",
            "The first trains carried vehicles, grain and containers. Operators said they "
            "expected to run four round trips a day initially.",
            "Industrial parks are planned along the route, although investors have so far "
            "committed to only a few of them.",
        ],
    },
    {
        "key": "monterrey-factories-expand-as-nearshoring-continues",
        "section": "mexico",
        "title": "Monterrey Factories Expand as Nearshoring Continues",
        "deck": (
            "Industrial parks in Nuevo León are nearly full as manufacturers move "
            "production closer to the US market."
        ),
        "dateline_city": "Monterrey",
        "dateline_country": "Mexico",
        "countries": ["MX", "US", "CN"],
        "source": "staff",
        "authors": ["Patricia Lugo"],
        "byline": "",
        "tags": ["nearshoring", "trade", "infrastructure", "mexico"],
        "days_ago": 19,
        "hour": 9,
        "quote": {
            "text": (
                "Clients ask us first about electricity and water, then about land. Land we "
                "have; power is the bottleneck."
            ),
            "attribution": "An industrial park developer in Apodaca",
        },
        "paragraphs": [
            "Industrial parks around Monterrey are running at near-full occupancy as "
            "manufacturers continue to move production closer to the United States, "
            "developers and local officials say.",
            "The vacancy rate for industrial space in the Monterrey metropolitan area has "
            "fallen below 3 percent, according to real estate brokers, and new warehouses "
            "are often leased before construction ends.",
            "Automotive suppliers, appliance makers and electronics assemblers, including "
            "several Asian companies, account for most of the new demand.",
            "The boom has strained local infrastructure. Business groups say the "
            "electricity grid, water supply and highways to the border at Nuevo Laredo "
            "need urgent investment.",
            "State officials said they were negotiating with federal authorities to speed "
            "up new transmission lines and a second aqueduct for the city.",
        ],
    },
    {
        "key": "tropical-storm-forms-east-of-the-lesser-antilles",
        "section": "caribbean",
        "title": "Tropical Storm Forms East of the Lesser Antilles",
        "deck": (
            "Forecasters expect the system to pass near Puerto Rico and Hispaniola later "
            "in the week."
        ),
        "dateline_city": "Miami",
        "dateline_country": "",
        "countries": ["US", "PR", "DO", "TT"],
        "source": "ap",
        "authors": [],
        "byline": "AP",
        "tags": ["hurricanes", "weather", "caribbean"],
        "days_ago": 1,
        "hour": 21,
        "quote": None,
        "paragraphs": [
            "A tropical storm formed over the central Atlantic on Tuesday and was expected "
            "to reach the Lesser Antilles by the weekend, the US National Hurricane Center "
            "said.",
            "The storm had maximum sustained winds of 65 kilometers per hour and was "
            "moving west at about 24 kilometers per hour.",
            "Forecasters said it could strengthen into a hurricane as it moves over warm "
            "waters and pass near Puerto Rico and Hispaniola later in the week.",
            "Governments in the Leeward Islands were monitoring the system, and the "
            "Dominican Republic’s emergency operations center put coastal provinces on "
            "alert.",
            "Residents of the region were urged to review their hurricane plans and to "
            "stock up on water, food and batteries.",
        ],
    },
    {
        "key": "dominican-republic-tourism-arrivals-climb-9-percent",
        "section": "caribbean",
        "title": "Dominican Republic Tourism Arrivals Climb 9 Percent",
        "deck": (
            "Cruise passengers and visitors from South America drove the increase, the "
            "tourism ministry said."
        ),
        "dateline_city": "Santo Domingo",
        "dateline_country": "",
        "countries": ["DO", "US"],
        "source": "staff",
        "authors": ["Tomás Aguirre"],
        "byline": "",
        "tags": ["tourism", "economy", "caribbean"],
        "days_ago": 4,
        "hour": 14,
        "quote": None,
        "paragraphs": [
            "The Dominican Republic received 9 percent more visitors in the first nine "
            "months of the year than in the same period last year, the Tourism Ministry "
            "said on Wednesday.",
            "Air arrivals rose to about 6 million, while cruise passengers increased by "
            "almost a fifth after new terminals opened in Puerto Plata and on the southern "
            "coast.",
            "The United States remains the largest source of visitors, but arrivals from "
            "Colombia, Argentina and Brazil grew fastest, helped by new direct flights.",
            "Hotel occupancy in Punta Cana averaged more than 80 percent, according to the "
            "hotel association, which said several new resorts were under construction.",
            "Tourism accounts for about a sixth of the Dominican economy when indirect "
            "effects are counted, and is the country’s largest source of foreign currency "
            "together with remittances.",
        ],
    },
    {
        "key": "cuba-extends-blackout-schedule-as-fuel-imports-lag",
        "section": "caribbean",
        "title": "Cuba Extends Blackout Schedule as Fuel Imports Lag",
        "deck": (
            "Havana residents face scheduled outages of up to eight hours while two "
            "thermal plants are under repair."
        ),
        "dateline_city": "Havana",
        "dateline_country": "",
        "countries": ["CU"],
        "source": "efe",
        "authors": [],
        "byline": "EFE",
        "tags": ["electricity", "energy", "caribbean"],
        "days_ago": 6,
        "hour": 9,
        "quote": None,
        "paragraphs": [
            "Cuba’s state electricity utility extended its schedule of planned blackouts "
            "on Sunday, warning that fuel shortages and repairs at two thermal power "
            "plants would keep generation well below demand.",
            "Residents of Havana face scheduled outages of up to eight hours a day, while "
            "some provinces in the east of the island report longer cuts.",
            "The utility said tankers carrying fuel oil were expected in the coming days "
            "but did not give a date for the end of the blackouts.",
            "The outages have disrupted water pumping, refrigeration of food and small "
            "private businesses, many of which have bought generators or solar panels.",
            "The government has said it plans to install several hundred megawatts of "
            "solar parks to reduce its dependence on imported fuel.",
        ],
    },
    {
        "key": "jamaica-cuts-policy-rate-as-inflation-eases",
        "section": "caribbean",
        "title": "Jamaica Cuts Policy Rate as Inflation Eases",
        "deck": (
            "The central bank lowered its benchmark rate by a quarter point, the first cut "
            "in four years."
        ),
        "dateline_city": "Kingston",
        "dateline_country": "",
        "countries": ["JM"],
        "source": "reuters",
        "authors": [],
        "byline": "",
        "tags": ["central-banks", "interest-rates", "inflation", "caribbean"],
        "days_ago": 23,
        "hour": 13,
        "quote": None,
        "paragraphs": [
            "The Bank of Jamaica cut its policy interest rate by a quarter of a percentage "
            "point to 6.75 percent on Thursday, its first reduction in four years, as "
            "inflation returned to its target range.",
            "Annual inflation slowed to 4.8 percent, within the central bank’s range of 4 "
            "to 6 percent, helped by lower prices for agricultural products after a good "
            "harvest.",
            "The bank said it would keep the exchange rate stable and could adjust the "
            "rate further if inflation stayed on track.",
            "Jamaica has cut its public debt sharply over the past decade under a fiscal "
            "rule and enjoys an improved credit rating.",
        ],
    },
    {
        "key": "trinidad-and-tobago-carnival-draws-record-crowds",
        "section": "caribbean",
        "title": "Trinidad and Tobago Carnival Draws Record Crowds",
        "deck": (
            "Hotels were fully booked and organizers counted more than 40,000 foreign "
            "visitors for the two days of parades."
        ),
        "dateline_city": "Port of Spain",
        "dateline_country": "",
        "countries": ["TT"],
        "source": "staff",
        "authors": ["Tomás Aguirre"],
        "byline": "",
        "tags": ["carnival", "tourism", "music", "caribbean"],
        "days_ago": 28,
        "hour": 19,
        "quote": {
            "text": (
                "This is the carnival of the people. You come to watch, and by the second day "
                "you are in a band."
            ),
            "attribution": "A masquerade band leader in Port of Spain",
        },
        "paragraphs": [
            "Trinidad and Tobago’s carnival drew record crowds this year, with hotels in "
            "Port of Spain fully booked and organizers counting more than 40,000 foreign "
            "visitors for the two days of parades.",
            "Masquerade bands of several thousand people wound through the capital in "
            "elaborate costumes, accompanied by trucks carrying sound systems and steel "
            "bands.",
            "The night before the parades, the traditional J’ouvert celebration filled the "
            "streets with paint, mud and chocolate from before dawn.",
            "The National Carnival Commission said the festival supported thousands of "
            "jobs for costume makers, musicians and vendors.",
            "Organizers said they would study ways to spread visitors over more weeks of "
            "the season to ease pressure on accommodation.",
        ],
    },
    {
        "key": "latin-american-bonds-gain-as-investors-seek-yield",
        "section": "business",
        "title": "Latin American Bonds Gain as Investors Seek Yield",
        "deck": (
            "Sovereign and corporate debt from the region had its best month of the year "
            "as US yields fell."
        ),
        "dateline_city": "New York",
        "dateline_country": "",
        "countries": ["US", "BR", "MX", "CO", "CL"],
        "source": "staff",
        "authors": ["Patricia Lugo"],
        "byline": "",
        "tags": ["markets", "central-banks", "economy"],
        "days_ago": 0,
        "hour": 15,
        "quote": {
            "text": (
                "Investors are being paid to wait in Latin America. The question is how long "
                "governments keep their fiscal promises."
            ),
            "attribution": "A portfolio manager at a New York fund",
        },
        "paragraphs": [
            "Latin American bonds rallied in the past month as falling US Treasury yields "
            "sent investors looking for higher returns in emerging markets.",
            "Dollar bonds issued by governments in the region returned around 3 percent in "
            "the month, according to an index compiled by a major bank, the best "
            "performance this year.",
            "Local-currency debt also gained. Foreign investors increased their holdings "
            "of Mexican and Colombian government bonds, attracted by interest rates well "
            "above those in developed economies.",
            "Companies took advantage of the demand. Several Brazilian and Chilean issuers "
            "sold new bonds, and bankers said more deals were lined up before the year-end "
            "holiday slowdown.",
            "Strategists warned that the rally could reverse if US inflation picks up "
            "again or if budget deficits in the region widen.",
        ],
    },
    {
        "key": "oil-prices-rise-on-lower-us-stockpiles",
        "section": "business",
        "title": "Oil Prices Rise on Lower US Stockpiles",
        "deck": (
            "Brent crude gained more than 1 percent after a larger-than-expected draw in "
            "US inventories."
        ),
        "dateline_city": "New York",
        "dateline_country": "",
        "countries": ["US", "VE"],
        "source": "reuters",
        "authors": [],
        "byline": "Reuters",
        "tags": ["oil", "markets", "energy", "united-states"],
        "days_ago": 1,
        "hour": 18,
        "quote": None,
        "paragraphs": [
            "Oil prices rose on Wednesday after US government data showed a "
            "larger-than-expected drop in crude inventories, pointing to firm demand from "
            "refiners.",
            "Brent crude futures settled up 1.3 percent, while US West Texas Intermediate "
            "crude gained 1.5 percent.",
            "US crude stocks fell by about 4 million barrels last week, the Energy "
            "Information Administration said, compared with analysts’ expectations of a "
            "small decline.",
            "Traders were also watching supply decisions by major producers, which have "
            "signaled they are in no hurry to add barrels to the market.",
            "Higher prices support the finances of oil-exporting countries in the region, "
            "including Venezuela, Colombia and Ecuador.",
        ],
    },
    {
        "key": "chile-copper-output-falls-on-lower-ore-grades",
        "section": "business",
        "title": "Chile Copper Output Falls on Lower Ore Grades",
        "deck": (
            "Production from the world's top producer fell 4 percent in the quarter, "
            "official data showed."
        ),
        "dateline_city": "Santiago",
        "dateline_country": "",
        "countries": ["CL"],
        "source": "reuters",
        "authors": [],
        "byline": "",
        "tags": ["mining", "exports", "trade"],
        "days_ago": 5,
        "hour": 10,
        "quote": None,
        "paragraphs": [
            "Chile’s copper production fell 4 percent in the third quarter from a year "
            "earlier, official data showed on Friday, as declining ore grades at aging "
            "mines offset new output.",
            "The state copper company reported lower output at two of its main divisions, "
            "where it is carrying out projects to extend the life of the mines.",
            "A large expansion project in the north of the country is expected to add "
            "output next year, analysts said.",
            "Chile is the world’s largest copper producer, and the metal accounts for "
            "about half of its exports.",
        ],
    },
    {
        "key": "ecuador-banana-exporters-seek-new-markets-in-china",
        "section": "business",
        "title": "Ecuador Banana Exporters Seek New Markets in China",
        "deck": (
            "Higher freight costs in Europe push growers to diversify after a free trade "
            "agreement took effect."
        ),
        "dateline_city": "Guayaquil",
        "dateline_country": "",
        "countries": ["EC", "CN"],
        "source": "efe",
        "authors": [],
        "byline": "EFE",
        "tags": ["agriculture", "exports", "trade", "china", "ecuador"],
        "days_ago": 9,
        "hour": 12,
        "quote": None,
        "paragraphs": [
            "Ecuadorian banana exporters are stepping up shipments to China after a free "
            "trade agreement between the two countries came into force, industry "
            "representatives said in Guayaquil on Tuesday.",
            "Ecuador is the world’s largest exporter of bananas, shipping more than 6 "
            "million tonnes a year, most of it to Europe, Russia and the United States.",
            "Exporters said higher freight costs and stricter rules on pesticide residues "
            "in Europe had encouraged them to diversify.",
            "The trip to Chinese ports takes more than a month, which requires careful "
            "control of temperature and ripening in refrigerated containers.",
            "Shrimp exporters, who already sell much of their production to China, have "
            "also benefited from lower tariffs under the agreement.",
        ],
    },
    {
        "key": "panama-canal-raises-daily-transits-as-lake-levels-recover",
        "section": "business",
        "title": "Panama Canal Raises Daily Transits as Lake Levels Recover",
        "deck": (
            "The canal authority lifted draft restrictions after heavy rains refilled Gatún Lake."
        ),
        "dateline_city": "Panama City",
        "dateline_country": "",
        "countries": ["PA", "US", "CN"],
        "source": "staff",
        "authors": ["Patricia Lugo"],
        "byline": "",
        "tags": ["shipping", "trade", "climate", "drought"],
        "days_ago": 12,
        "hour": 11,
        "quote": {
            "text": (
                "The water came back, but the lesson stays. We need a second reservoir so the "
                "canal does not depend on a single rainy season."
            ),
            "attribution": "A Panama Canal Authority engineer",
        },
        "paragraphs": [
            "The Panama Canal raised the number of daily transits to 36 this week and "
            "lifted draft restrictions on the largest ships after heavy rains refilled "
            "Gatún Lake, the canal authority said.",
            "A severe drought forced the canal to limit transits for most of the previous "
            "year, creating lines of ships at both entrances and forcing some shipping "
            "lines to choose longer routes.",
            "Shippers welcomed the return to normal operations, which reduces costs for "
            "cargo moving between Asia and the east coast of the United States.",
            "The authority is planning a reservoir on the Indio River to secure water "
            "supply for the locks and for Panama City’s drinking water.",
            "Canal revenue is a key source of income for the Panamanian government.",
        ],
    },
    {
        "key": "argentina-peso-band-holds-in-first-test-reserves-rise",
        "section": "business",
        "title": "Argentina Peso Band Holds in First Test, Reserves Rise",
        "deck": (
            "The currency stayed within its trading band as exporters sold dollars from "
            "the soybean harvest."
        ),
        "dateline_city": "Buenos Aires",
        "dateline_country": "",
        "countries": ["AR"],
        "source": "reuters",
        "authors": [],
        "byline": "Reuters",
        "tags": ["exchange-rates", "central-banks", "inflation"],
        "days_ago": 21,
        "hour": 16,
        "quote": None,
        "paragraphs": [
            "Argentina’s peso held within its new trading band through the first month of "
            "the system, while the central bank added to its foreign reserves as exporters "
            "sold dollars from the soybean harvest.",
            "The peso traded near the middle of the band, according to central bank data, "
            "and the gap with parallel exchange rates narrowed to its smallest in years.",
            "Gross reserves rose by more than $2 billion in the period, the central bank said.",
            "Economists said the real test would come in the second half of the year, when "
            "harvest dollar inflows slow down.",
        ],
    },
    {
        "key": "opinion-the-quiet-power-of-remittances",
        "section": "opinion",
        "title": "Opinion: The Quiet Power of Remittances",
        "deck": (
            "Money sent home by migrants now outweighs foreign investment in several "
            "economies. Policy has not caught up."
        ),
        "dateline_city": "",
        "dateline_country": "",
        "countries": ["MX", "SV", "GT", "HN", "VE", "DO"],
        "source": "staff",
        "authors": ["Claire Whitfield"],
        "byline": "",
        "tags": ["remittances", "migration", "economy"],
        "days_ago": 3,
        "hour": 7,
        "quote": None,
        "paragraphs": [
            "In a small town in western Guatemala, the tallest houses have two stories, "
            "tinted windows and no one living in them yet. They are built, a few blocks a "
            "year, with money earned in kitchens and construction sites in the United "
            "States.",
            "Remittances are the region’s most reliable inflow of foreign currency. In El "
            "Salvador, Honduras and Guatemala they are worth around a fifth of the "
            "economy. In Mexico they exceed oil revenue. For Venezuelans, money from "
            "relatives abroad has been a lifeline through years of crisis.",
            "Yet governments still treat these flows as a private matter, something that "
            "happens to families rather than a pillar of the economy. Fees remain high, "
            "especially for small transfers. Few banks offer savings or mortgage products "
            "designed for families who receive money from abroad.",
            "There is a better approach. Lower the cost of sending money through "
            "competition and digital payments. Allow remittance histories to count toward "
            "credit scores. Match migrants’ contributions to local infrastructure, as some "
            "Mexican states have done with success.",
            "None of this replaces the need for jobs at home. But it would turn money that "
            "now sits in unfinished houses into something more durable for the towns that "
            "send so many of their young people away.",
        ],
    },
    {
        "key": "opinion-the-caribbean-needs-a-stronger-hurricane-insurance-pool",
        "section": "opinion",
        "title": "Opinion: The Caribbean Needs a Stronger Hurricane Insurance Pool",
        "deck": (
            "Storms are getting wetter and more intense. Small islands cannot rebuild from "
            "scratch each time."
        ),
        "dateline_city": "",
        "dateline_country": "",
        "countries": ["JM", "DO", "HT", "PR", "CU", "TT", "KY"],
        "source": "staff",
        "authors": ["Claire Whitfield"],
        "byline": "",
        "tags": ["hurricanes", "climate", "caribbean"],
        "days_ago": 15,
        "hour": 8,
        "quote": None,
        "paragraphs": [
            "Every hurricane season, the same pattern repeats. A storm forms off West "
            "Africa, the forecast cones narrow, and small island governments wait to learn "
            "whether they will lose a year or a decade of growth in a single night.",
            "The region already has a shared catastrophe insurance facility, one of the "
            "first of its kind, which pays out quickly after major storms and earthquakes. "
            "It works. But payouts cover only a small share of the damage, because "
            "governments buy limited coverage with tight budgets.",
            "Expanding that pool should be a priority for the islands and for their "
            "partners. Development banks could subsidize premiums for the most exposed "
            "countries. Policies could cover heavy rainfall, which now causes as much "
            "damage as wind.",
            "Insurance is not a substitute for stronger building codes, better drainage "
            "and mangroves that absorb storm surges. But money that arrives in two weeks "
            "rather than two years changes how quickly schools reopen and roads are "
            "cleared.",
            "The science says storms will become wetter and more intense. The Caribbean "
            "cannot afford to rebuild from scratch every time.",
        ],
    },
    {
        "key": "leones-edge-magallanes-5-4-in-caracas-classic",
        "section": "sports",
        "title": "Leones Edge Magallanes 5-4 in Caracas Classic",
        "deck": (
            "A ninth-inning double settled the first meeting of the season between the "
            "league's oldest rivals."
        ),
        "dateline_city": "Caracas",
        "dateline_country": "",
        "countries": ["VE"],
        "source": "staff",
        "authors": ["Rafael Quintero"],
        "byline": "",
        "tags": ["baseball", "winter-league", "venezuela"],
        "days_ago": 1,
        "hour": 22,
        "quote": None,
        "paragraphs": [
            "The Leones del Caracas beat the Navegantes del Magallanes 5-4 on Sunday night "
            "in the first meeting of the season between Venezuelan baseball’s oldest "
            "rivals, with a two-out double in the bottom of the ninth inning.",
            "More than 20,000 fans filled the Monumental stadium in Caracas, where the "
            "atmosphere recalled the sold-out classics of the 1980s.",
            "Magallanes led 4-2 after seven innings, but Caracas tied the game in the "
            "eighth with a two-run single against the Navigators’ bullpen.",
            "The winning run scored from second base on a line drive into the left-field "
            "corner, sending the home crowd onto its feet.",
            "The teams meet again next weekend in Valencia. Both are tied for third place "
            "in the eight-team league standings.",
        ],
    },
    {
        "key": "colombia-names-squad-for-world-cup-qualifiers",
        "section": "sports",
        "title": "Colombia Names Squad for World Cup Qualifiers",
        "deck": (
            "The coach called up three uncapped players from the domestic league for the "
            "double-header next month."
        ),
        "dateline_city": "Bogotá",
        "dateline_country": "",
        "countries": ["CO", "EC", "PE"],
        "source": "efe",
        "authors": [],
        "byline": "EFE",
        "tags": ["football", "colombia", "ecuador"],
        "days_ago": 8,
        "hour": 17,
        "quote": None,
        "paragraphs": [
            "Colombia’s national football coach named a 26-man squad on Monday for next "
            "month’s World Cup qualifiers against Ecuador and Peru, including three "
            "uncapped players from the domestic league.",
            "Most of the squad plays in Europe, but the coach said the newcomers had "
            "earned their places with strong performances in the first half of the "
            "Colombian season.",
            "Colombia is in the top four of the South American qualifying table, which "
            "would give it a direct place in the finals.",
            "The team will play Ecuador at home in Barranquilla, where it has a strong "
            "record in qualifiers, before traveling to Lima.",
        ],
    },
    {
        "key": "caribbean-series-set-for-san-juan-in-february",
        "section": "sports",
        "title": "Caribbean Series Set for San Juan in February",
        "deck": (
            "Champions of six winter leagues will meet in Puerto Rico's capital in the "
            "region's top baseball tournament."
        ),
        "dateline_city": "San Juan",
        "dateline_country": "",
        "countries": ["PR", "DO", "VE", "MX", "CU", "PA"],
        "source": "ap",
        "authors": [],
        "byline": "",
        "tags": ["baseball", "winter-league", "caribbean"],
        "days_ago": 29,
        "hour": 14,
        "quote": None,
        "paragraphs": [
            "San Juan will host the next Caribbean Series in February, bringing together "
            "the champions of the winter leagues of Puerto Rico, the Dominican Republic, "
            "Venezuela, Mexico, Cuba and Panama, organizers said on Thursday.",
            "Games will be played at the Hiram Bithorn stadium over eight days, with a "
            "round-robin stage followed by semifinals and a final.",
            "The Dominican Republic has won the tournament more often than any other "
            "country, while Mexico and Venezuela have also enjoyed recent success.",
            "Organizers said they expected strong attendance from fans traveling from "
            "across the region and from the Caribbean communities of the United States.",
        ],
    },
    {
        "key": "barranquilla-carnival-announces-queen-and-parade-route",
        "section": "culture",
        "title": "Barranquilla Carnival Announces Queen and Parade Route",
        "deck": (
            "Organizers expect more than a million visitors for four days of parades, "
            "music and dance."
        ),
        "dateline_city": "Barranquilla",
        "dateline_country": "",
        "countries": ["CO"],
        "source": "efe",
        "authors": [],
        "byline": "EFE",
        "tags": ["carnival", "music", "culture", "colombia"],
        "days_ago": 10,
        "hour": 18,
        "quote": None,
        "paragraphs": [
            "The organizers of the Barranquilla Carnival presented this year’s queen and "
            "the route of the main parades on Saturday, launching preparations for one of "
            "Latin America’s largest popular festivals.",
            "The Battle of Flowers, the carnival’s opening parade, will again run along "
            "the Vía 40 avenue, with grandstands for about 40,000 spectators.",
            "Hundreds of dance and music groups will take part, performing cumbia, mapalé "
            "and other rhythms of Colombia’s Caribbean coast.",
            "The carnival was declared a masterpiece of the oral and intangible heritage "
            "of humanity by UNESCO in 2003.",
        ],
    },
    {
        "key": "caracas-film-festival-opens-with-focus-on-migration-stories",
        "section": "culture",
        "title": "Caracas Film Festival Opens With Focus on Migration Stories",
        "deck": (
            "Nearly half of the selected films deal with departures, returns and families "
            "divided by borders."
        ),
        "dateline_city": "Caracas",
        "dateline_country": "",
        "countries": ["VE", "CO", "ES"],
        "source": "staff",
        "authors": ["Claire Whitfield"],
        "byline": "",
        "tags": ["culture", "migration", "venezuela"],
        "days_ago": 24,
        "hour": 19,
        "quote": {
            "text": (
                "Every Venezuelan family has someone in another country. Our films are simply "
                "telling the story the audience already lives."
            ),
            "attribution": "The festival's program director",
        },
        "paragraphs": [
            "The Caracas film festival opened on Friday with a program in which nearly "
            "half of the selected feature films and documentaries deal with migration, "
            "from the long bus journeys south to the lives of Venezuelans in Madrid and "
            "Bogotá.",
            "The opening film, a Venezuelan-Colombian coproduction, follows a grandmother "
            "in Mérida who raises her grandchildren while their parents work in Peru.",
            "Screenings are being held in cinemas and cultural centers across the capital, "
            "as well as in open-air venues in several neighborhoods.",
            "Independent producers said funding remained their greatest challenge and that "
            "coproductions with Colombia, Spain and Mexico had become essential.",
            "The festival runs for ten days and closes with an awards ceremony at the "
            "Teresa Carreño cultural complex.",
        ],
    },
]
