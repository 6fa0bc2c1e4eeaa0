"""The Plan-trekkers network as its own documents describe it (bodies/seeds/).

Texts are the seed's words, character for character. Where the seed is silent the
structure stays open: a seat without a number has no count, the Kernteam's limit
is unset. Kinds and domains of each power are this application's reading of the
bullet; the bullet itself is kept as source text. The seed gives only how often a
body meets: the weekday, hour, length and place of each rhythm are this
application's choice, one weekday per body so that the Kernteam, who sits in the
support group and the Forum, is never asked to two meetings on one day.
"""

import datetime

NETWORK = {
    "slug": "plantrekkers",
    "name": "Plan-trekkers",
    "description": "Samenwerkingsverband 1Gezin 1Plan, regio Oost-Limburg.",
}

# "In februari 2023 klopten we samen volgende resultaten af" (seed 002).
GOVERNANCE_START = datetime.date(2023, 2, 1)

KERNTEAM = "Kernteam"
BELEIDSGROEP = "Beleidsgroep"
ONDERSTEUNINGSGROEP = "Inhoudelijke Ondersteuningsgroep"
FORUM = "Netwerk Forum"

# The role whose holder coordinates the whole network ("netwerkcoördinator").
COORDINATOR_ROLE = "Coördinator"

ALL_ADVICE_DOMAINS = ["policy", "content", "communication"]

BODIES = [
    {
        "name": KERNTEAM,
        "slug": "kernteam",
        "kind": "core_team",
        "description": "Coördinatieteam.",
        "tasks": [
            "Regie, overzicht en monitoring van het samenwerkingsverband.",
            "Dagelijks bestuur van het verband.",
            "Monitoring, registratie en rapportage van de werking.",
            "Beheer van de communicatiestructuur binnen het samenwerkingsverband.",
        ],
        "seats": [
            {"role": "Kernpartner", "count": 1},
            {"role": "Coördinator", "count": 1},
            {"role": "Vertegenwoordiger gezinscoach", "count": 1},
            {"role": "Vertegenwoordiger ELP", "count": 1},
        ],
        "mandates": [
            {
                "text": "Informeren en aansturen van het netwerk.",
                "kind": "inform",
                "domains": ["communication"],
            },
            {
                "text": "Geven de juiste info aan de beleidsgroep en de inhoudelijke stuurgroep.",
                "kind": "inform",
                "domains": ["policy", "content"],
                "targets": [BELEIDSGROEP, ONDERSTEUNINGSGROEP],
            },
            {
                "text": "Zorgen voor beleidsmatig voorbereidend werk zodat de beleidsgroep de juiste "
                "keuzes en beslissingen kan nemen.",
                "kind": "prepare",
                "domains": ["policy"],
                "targets": [BELEIDSGROEP],
            },
            {
                # The framework is agreed with the Beleidsgroep; the seed gives no amount.
                "text": "Kunnen dag-dagelijkse beslissingen nemen binnen een afgesproken kader met het "
                "beleidsteam (financiën en personeel)",
                "kind": "decide",
                "domains": ["finance", "staff"],
                "delegated_by": BELEIDSGROEP,
            },
        ],
        "cadence": {
            "description": "1 X 14 dagen gezamenlijk overleg (minstens)",
            "phases": [{"label": "", "rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"}],
            "start_time": datetime.time(9, 30),
            "duration_minutes": 90,
            "location": "Kantoor Plan-trekkers, Genk",
        },
    },
    {
        "name": BELEIDSGROEP,
        "slug": "beleidsgroep",
        "kind": "policy_group",
        "description": "",
        "tasks": [
            "Bewaakt de missie, visie en de doelstellingen van het samenwerkingsverband.",
            "Ziet toe op de efficiënte besteding van financiële en personele middelen.",
            "Ondersteunt het samenwerkingsverband op vlak van effectief beheer in al zijn aspecten.",
        ],
        "seats": [
            {"role": "Kernpartner", "count": 1},
            {"role": "Contractant (werkgever)", "count": None},
            {"role": "Coördinator", "count": 1, "voting": False},
            {"role": "Ad hoc expert", "count": None, "ad_hoc": True},
        ],
        "mandates": [
            {
                "text": "Heeft de beslissingsbevoegdheid vergelijkbaar met het niveau van een raad van "
                "bestuur van een VZW",
                "kind": "decide",
                "domains": ["policy", "content", "communication", "working_groups"],
                # Like a non-profit's board: no upper limit on amounts.
                "unlimited": True,
            },
            {
                "text": "Kan beslissen over de effectieve inzet van financiële en personele middelen "
                "binnen het samenwerkingsverband.",
                "kind": "decide",
                "domains": ["finance", "staff"],
                "unlimited": True,
            },
            {
                "text": "Kan opdrachten geven aan de inhoudelijke ondersteuningsgroep of kan "
                "thema-gebonden werkgroepen laten opstarten.",
                "kind": "assign",
                "domains": ["working_groups"],
                "targets": [ONDERSTEUNINGSGROEP],
            },
        ],
        "cadence": {
            "description": "1 X per maand in de beginfase, nadien 1 X per 2 maanden gezamenlijk overleg.",
            "phases": [
                {"label": "Beginfase", "rrule": "FREQ=MONTHLY;BYDAY=2TH"},
                {"label": "Nadien", "rrule": "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH"},
            ],
            "start_time": datetime.time(19, 0),
            "duration_minutes": 120,
            "location": "Kantoor Plan-trekkers, Genk",
        },
    },
    {
        "name": ONDERSTEUNINGSGROEP,
        "slug": "ondersteuningsgroep",
        "kind": "support_group",
        # The seed also calls it "inhoudelijke stuurgroep": the same body.
        "description": "Vaste groep die mee is met alle ontwikkelingen. Ook inhoudelijke stuurgroep genoemd.",
        "tasks": [
            "Voorbereiden, aansturen en uitwerken van inhoudelijke thema’s binnen het netwerk.",
            "Uitwerken van procedures en werkmethodieken",
            "Organiseren van het inhoudelijk werkoverleg.",
            "Opstarten en opvolgen van thema-werkgroepen.",
        ],
        "seats": [
            {"role": "Kernteam", "count": None, "via": KERNTEAM},
            {"role": "Vertegenwoordiger ACT", "count": None},
            {"role": "Vertegenwoordiger Brede Instap", "count": None},
            {"role": "Vertegenwoordiger Gemandateerde Voorzieningen", "count": None},
            {"role": "Crisisnetwerk", "count": None},
            {"role": "Yuneco", "count": None},
            {"role": "K&G", "count": None},
            {"role": "OTA", "count": None},
            {"role": "BJB", "count": None},
            {"role": "CAW", "count": None},
            {"role": "CGG", "count": None},
            {"role": "Lokale overheden", "count": None},
            {"role": "Lokaal sociaal beleid", "count": None},
            {"role": "Gezinscoach", "count": 2},
            {"role": "ELP", "count": 1},
            {"role": "Cliëntvertegenwoordiger", "count": None},
            {"role": "Ad hoc expert", "count": None, "ad_hoc": True},
        ],
        "mandates": [
            {
                "text": "Aansturen en opvolgen van werkgroepen",
                "kind": "steer",
                "domains": ["working_groups"],
            },
            {
                "text": "Beleidsmatige aftoetsing met de praktijk.",
                "kind": "advise",
                "domains": ["policy"],
                "targets": [BELEIDSGROEP],
            },
            {
                "text": "Scharnierfunctie tussen beleid en praktijk, geven input en feedback naar het "
                "kernteam en de beleidsgroep.",
                "kind": "advise",
                "domains": ["policy", "content"],
                "targets": [KERNTEAM, BELEIDSGROEP],
            },
        ],
        "cadence": {
            "description": "1 X per maand gezamenlijk overleg",
            "phases": [{"label": "", "rrule": "FREQ=MONTHLY;BYDAY=3WE"}],
            "start_time": datetime.time(13, 30),
            "duration_minutes": 120,
            "location": "Welzijnscampus, Genk",
        },
    },
    {
        "name": FORUM,
        "slug": "forum",
        "kind": "forum",
        "description": "",
        "tasks": [
            "Brede maatschappelijke aftoetsing van de werkzaamheden van het samenwerkingsverband.",
            "Adviesfunctie naar de inhoudelijke stuurgroep, de beleidsgroep en het kernteam.",
            "Het creëren van een maatschappelijke gedragenheid van het samenwerkingsverband binnen de regio.",
            "Communicatie en uitdragen van de werking binnen de regio en naar de andere partners binnen "
            "de Jeugdhulp.",
        ],
        "seats": [
            {"role": "Kernteam", "count": None, "via": KERNTEAM},
            {"role": "Leden van de beleidsgroep", "count": None, "via": BELEIDSGROEP},
            {"role": "Leden van de inhoudelijke stuurgroep", "count": None, "via": ONDERSTEUNINGSGROEP},
            {"role": "Vertegenwoordiger sector", "count": None},
            {"role": "Cliëntvertegenwoordiger", "count": None},
        ],
        "mandates": [
            {
                "text": "Adviesfunctie t.a.v. het kernteam, de beleidsgroep en de inhoudelijke stuurgroep.",
                "kind": "advise",
                "domains": ALL_ADVICE_DOMAINS,
                "targets": [KERNTEAM, BELEIDSGROEP, ONDERSTEUNINGSGROEP],
            },
            {
                "text": "Het creëren van een maatschappelijk draagvlak van het samenwerkingsverband.",
                "kind": "inform",
                "domains": ["communication"],
            },
        ],
        "cadence": {
            "description": "2 X per jaar",
            "phases": [{"label": "", "rrule": "FREQ=YEARLY;BYMONTH=3,10;BYDAY=1WE"}],
            "start_time": datetime.time(14, 0),
            "duration_minutes": 180,
            "location": "Cultuurcentrum, Genk",
        },
    },
]

# Fictional people for `--demo-people`: (login, name, organisation, [(body, role)]).
# Some seats stay vacant on purpose, so the body sheets show what is missing.
DEMO_PASSWORD = "samen-beslissen-demo"
DEMO_KERNTEAM_LIMIT_EUR = 5000
DEMO_PEOPLE = [
    ("coordinator", "Sara Peeters", "Plan-trekkers", [(KERNTEAM, "Coördinator"), (BELEIDSGROEP, "Coördinator")]),
    ("kernpartner", "Tom Janssens", "Jeugdzorg Maasland vzw", [(KERNTEAM, "Kernpartner"), (BELEIDSGROEP, "Kernpartner")]),
    ("gezinscoach", "Lien Claes", "Gezinsondersteuning De Brug", [(KERNTEAM, "Vertegenwoordiger gezinscoach")]),
    ("elp", "Bram Wouters", "Eerstelijnspunt Maaskant", [(KERNTEAM, "Vertegenwoordiger ELP")]),
    ("werkgever1", "An Maes", "Jeugdzorg Maasland vzw", [(BELEIDSGROEP, "Contractant (werkgever)")]),
    ("werkgever2", "Koen Willems", "Opvoedingshuis Kempenland", [(BELEIDSGROEP, "Contractant (werkgever)")]),
    ("act", "Nele Goossens", "ACT-team Oost", [(ONDERSTEUNINGSGROEP, "Vertegenwoordiger ACT")]),
    ("cgg", "Pieter Dubois", "Centrum Geestelijke Gezondheid Noordrand", [(ONDERSTEUNINGSGROEP, "CGG")]),
    ("coach1", "Emma Hermans", "Gezinsondersteuning De Brug", [(ONDERSTEUNINGSGROEP, "Gezinscoach")]),
    ("client", "Mohamed El Amrani", "Cliëntenplatform Oost", [(ONDERSTEUNINGSGROEP, "Cliëntvertegenwoordiger"), (FORUM, "Cliëntvertegenwoordiger")]),
    ("sector", "Julie Lambrechts", "Sectoroverleg Welzijn", [(FORUM, "Vertegenwoordiger sector")]),
]
DEMO_ADMIN = ("admin", "Netwerkbeheerder")
# Chairs of the demo bodies: (login, body, office).
DEMO_OFFICES = [
    ("gezinscoach", KERNTEAM, "chair"),
    ("werkgever1", BELEIDSGROEP, "chair"),
    ("cgg", ONDERSTEUNINGSGROEP, "chair"),
]
