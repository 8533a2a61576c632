"""The questionnaires the platform ships: the personal health check and panel building blocks.

The health check follows the six dimensions of Positive Health, each scored 0–10 as the mean
of a few 0–10 questions. The questions are the project's own wording (the published Positive
Health questionnaire is copyrighted and is not reproduced). They are data, in Dutch, the
language of the region; a region can import its own questionnaire as a new version.
"""

from __future__ import annotations

from typing import Any

from gezondewijk.checks.questionnaire import DIMENSION_SYSTEM, MAX_VALUE, MIN_VALUE, OPTION_SYSTEM

HEALTH_CHECK_URL = "https://gezondewijk.nl/fhir/Questionnaire/gezondheidscheck"
HEALTH_CHECK_VERSION = "1"
PANEL_URL_PREFIX = "https://gezondewijk.nl/fhir/Questionnaire/wijkpanel/"

# Dimension code → label (Dutch domain words, shown as they are in every language).
DIMENSIONS: dict[str, str] = {
    "lichaamsfuncties": "Lichaamsfuncties",
    "mentaal_welbevinden": "Mentaal welbevinden",
    "zingeving": "Zingeving",
    "kwaliteit_van_leven": "Kwaliteit van leven",
    "meedoen": "Meedoen",
    "dagelijks_functioneren": "Dagelijks functioneren",
}

_QUESTIONS: dict[str, list[str]] = {
    "lichaamsfuncties": [
        "Hoe fit voelt u zich in uw lijf?",
        "Hoe uitgerust wordt u meestal wakker?",
        "Hoe weinig last heeft u van pijn of lichamelijke klachten? (10 = helemaal geen last)",
    ],
    "mentaal_welbevinden": [
        "Hoe goed kunt u omgaan met spanning en tegenslag?",
        "Hoe vaak voelde u zich de afgelopen weken opgewekt?",
        "Hoeveel grip heeft u op wat er in uw leven gebeurt?",
    ],
    "zingeving": [
        "Hoe zinvol voelen uw dagen?",
        "Hoeveel heeft u om naar uit te kijken?",
        "Hoe vaak doet u dingen die bij u passen?",
    ],
    "kwaliteit_van_leven": [
        "Hoeveel plezier beleeft u aan het leven?",
        "Hoe tevreden bent u over uw leven als geheel?",
        "Hoe veilig voelt u zich thuis en in uw straat?",
    ],
    "meedoen": [
        "Hoeveel contact heeft u met mensen die u graag ziet?",
        "Hoeveel hoort u erbij in uw buurt?",
        "Hoe vaak kunt u iets voor een ander betekenen?",
    ],
    "dagelijks_functioneren": [
        "Hoe goed kunt u voor uzelf zorgen?",
        "Hoe goed lukt het u uw dagelijkse taken te doen (huishouden, werk, school)?",
        "Hoe goed komt u rond met uw geld?",
    ],
}


def scale_item(link_id: str, text: str, *, dimension: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "linkId": link_id,
        "text": text,
        "type": "integer",
        "required": True,
        "extension": [
            {"url": MIN_VALUE, "valueInteger": 0},
            {"url": MAX_VALUE, "valueInteger": 10},
        ],
    }
    if dimension:
        item["code"] = [
            {"system": DIMENSION_SYSTEM, "code": dimension, "display": DIMENSIONS[dimension]}
        ]
    return item


def options(*pairs: tuple[str, str]) -> list[dict[str, Any]]:
    return [
        {"valueCoding": {"system": OPTION_SYSTEM, "code": code, "display": display}}
        for code, display in pairs
    ]


def health_check() -> dict[str, Any]:
    groups: list[dict[str, Any]] = [
        {
            "linkId": dimension,
            "text": DIMENSIONS[dimension],
            "type": "group",
            "item": [
                scale_item(f"{dimension}.{n}", text, dimension=dimension)
                for n, text in enumerate(questions, start=1)
            ],
        }
        for dimension, questions in _QUESTIONS.items()
    ]
    groups.append(
        {
            "linkId": "aanvullend",
            "text": "Tot slot",
            "type": "group",
            "item": [
                {
                    "linkId": "huisarts",
                    "text": "Bent u de afgelopen drie maanden bij de huisarts geweest?",
                    "type": "boolean",
                },
                {
                    "linkId": "huisarts.aantal",
                    "text": "Hoe vaak ongeveer?",
                    "type": "integer",
                    "extension": [
                        {"url": MIN_VALUE, "valueInteger": 1},
                        {"url": MAX_VALUE, "valueInteger": 50},
                    ],
                    "enableWhen": [
                        {"question": "huisarts", "operator": "=", "answerBoolean": True}
                    ],
                },
                {
                    "linkId": "vervoer",
                    "text": "Hoe verplaatst u zich meestal in de buurt?",
                    "type": "choice",
                    "answerOption": options(
                        ("lopen", "Lopend"),
                        ("fiets", "Op de fiets"),
                        ("ov", "Met bus of tram"),
                        ("auto", "Met de auto"),
                        ("hulp", "Met hulp of een hulpmiddel"),
                    ),
                },
                {
                    "linkId": "steun",
                    "text": "Waar zou u nu het meest aan hebben? (meer antwoorden mogelijk)",
                    "type": "choice",
                    "repeats": True,
                    "answerOption": options(
                        ("beweging", "Samen bewegen"),
                        ("contact", "Meer contact met buren"),
                        ("geldzaken", "Hulp bij geldzaken"),
                        ("rust", "Rust en ontspanning"),
                        ("zorg", "Een gesprek met een zorgverlener"),
                    ),
                },
                {
                    "linkId": "toelichting",
                    "text": "Wilt u nog iets kwijt over hoe het met u gaat?",
                    "type": "text",
                },
            ],
        }
    )
    return {
        "resourceType": "Questionnaire",
        "url": HEALTH_CHECK_URL,
        "version": HEALTH_CHECK_VERSION,
        "name": "Gezondheidscheck",
        "title": "Mijn gezondheidscheck",
        "status": "active",
        "language": "nl",
        "subjectType": ["Patient"],
        "description": (
            "Zes dimensies van gezondheid, elk van 0 tot 10, in eigen woorden van Gezonde Wijk."
        ),
        "item": groups,
    }


# Building blocks a coordinator starts a panel survey from: (code, title, questions).
PANEL_THEMES: dict[str, list[dict[str, Any]]] = {
    "beleving": [
        scale_item("beleving.prettig", "Hoe prettig woont u in uw buurt?"),
        scale_item("beleving.groen", "Hoe tevreden bent u over het groen in de buurt?"),
    ],
    "gezondheid": [
        scale_item("gezondheid.algemeen", "Hoe gezond voelt u zich?"),
        {
            "linkId": "gezondheid.bewegen",
            "text": "Beweegt u minstens vijf dagen per week een half uur?",
            "type": "boolean",
            "required": True,
        },
    ],
    "veiligheid": [
        scale_item("veiligheid.avond", "Hoe veilig voelt u zich 's avonds op straat?"),
    ],
    "contact": [
        scale_item("contact.buren", "Hoe goed kent u uw buren?"),
        {
            "linkId": "contact.activiteit",
            "text": "Waar zou u graag aan meedoen?",
            "type": "choice",
            "repeats": True,
            "answerOption": options(
                ("koffie", "Koffieochtend"),
                ("wandelen", "Wandelgroep"),
                ("tuin", "Buurttuin"),
                ("taal", "Taalcafé"),
            ),
        },
        {"linkId": "contact.idee", "text": "Wat zou de buurt beter maken?", "type": "text"},
    ],
}


def question_item(
    link_id: str, text: str, kind: str, *, choices: list[str] | None = None, required: bool = False
) -> dict[str, Any]:
    """One item of a kind the engine knows, from a coordinator's plain description."""
    if kind == "scale":
        item = scale_item(link_id, text)
        item["required"] = required
        return item
    fhir_type = {
        "yesno": "boolean",
        "number": "decimal",
        "single": "choice",
        "multiple": "choice",
        "text": "text",
    }[kind]
    item = {"linkId": link_id, "text": text, "type": fhir_type, "required": required}
    if kind in {"single", "multiple"}:
        item["answerOption"] = options(
            *((f"optie{n}", label) for n, label in enumerate(choices or [], start=1))
        )
    if kind == "multiple":
        item["repeats"] = True
    return item


def panel_questionnaire(
    *, slug: str, title: str, themes: list[str], questions: list[dict[str, Any]]
) -> dict[str, Any]:
    """A FHIR Questionnaire for a panel survey: chosen theme blocks plus own questions."""
    items: list[dict[str, Any]] = [item for theme in themes for item in PANEL_THEMES[theme]]
    items += [
        question_item(f"eigen.{n}", q["text"], q["kind"], choices=q.get("choices"),
                      required=bool(q.get("required")))
        for n, q in enumerate(questions, start=1)
    ]  # fmt: skip
    return {
        "resourceType": "Questionnaire",
        "url": f"{PANEL_URL_PREFIX}{slug}",
        "version": "1",
        "title": title,
        "status": "active",
        "language": "nl",
        "item": items,
    }
