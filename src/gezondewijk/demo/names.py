"""Hand-picked Dutch names for the demo region.

Hand lists rather than Faker for places: Faker's nl_NL street and city generators produce
real town names and odd compounds ("Quinndreef"), while a demo should look like an ordinary
Dutch region without pretending to be a real one.
"""

import re

REGION_NAME = "Regio Vechtstreek"
REGION_SLUG = "vechtstreek"

# Fictional gemeenten; none is the name of a real Dutch municipality.
GEMEENTE_NAMES: tuple[str, ...] = (
    "Veenhorst",
    "Vechtmond",
    "Hesselveen",
    "Lemelerzand",
    "Dalmsholt",
    "Zwartewoude",
    "Heinoord",
    "Ravenbroek",
    "Marleveld",
    "Ekkerhorst",
    "Oldenmarke",
    "Sallinge",
)

# The first wijk of every gemeente is its centre, as in most CBS wijk lists.
CENTRE_WIJK = "Centrum"
WIJK_NAMES: tuple[str, ...] = (
    "Noord",
    "Oost",
    "Zuid",
    "West",
    "De Hoven",
    "Molenwijk",
    "Het Hoge Veld",
    "Vechtoever",
    "De Esch",
    "Stationskwartier",
    "Kerkebuurt",
    "De Marke",
    "Zandbelt",
)

BUURT_NAMES: tuple[str, ...] = (
    "Oude Kern",
    "De Hoven",
    "Molenwijk",
    "Kerkebuurt",
    "Het Zand",
    "De Vijfhoek",
    "Bloemenbuurt",
    "Vogelbuurt",
    "Schildersbuurt",
    "Componistenbuurt",
    "Sterrenwijk",
    "De Weiden",
    "Veldhuizen",
    "De Maten",
    "Esrand",
    "Lindenhof",
    "Park Zuid",
    "De Gaarden",
    "Kloosterveld",
    "Beekpark",
    "De Horst",
    "Bosrand",
    "Stationsbuurt",
    "Havenkwartier",
    "Spoorzone",
    "Rivierenbuurt",
    "Boomgaard",
    "Het Broek",
    "De Enk",
    "Akkerhof",
    "Bomenbuurt",
    "Dichtersbuurt",
    "Vechtzicht",
    "De Marsch",
    "Hofstede",
    "Weteringpark",
    "Nieuwe Haven",
    "De Kamp",
    "Oosterhout",
    "Westerbroek",
    "Zonnehoek",
    "Het Ven",
    "De Brink",
    "Slagenland",
    "Koningsbelt",
    "Heidepark",
    "Wilgenrijk",
    "De Lanen",
)

# Every gemeente keeps one rural buurt at its edge.
RURAL_BUURT = "Buitengebied"

# Surnames for GP practices: common Dutch ones (Faker's list leans to rare historic names).
SURNAMES: tuple[str, ...] = (
    "De Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "De Boer",
    "Mulder",
    "De Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Van Leeuwen",
    "Dekker",
    "Brouwer",
    "De Wit",
    "Dijkstra",
    "Van der Meer",
    "Kok",
    "Van den Berg",
    "Vermeulen",
    "Van Dijk",
    "Schouten",
    "Hoekstra",
    "Prins",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Nijhuis",
    "Ten Brinke",
    "Kamphuis",
)

# Streets for addresses.
STREET_NAMES: tuple[str, ...] = (
    "Kerkstraat",
    "Molenstraat",
    "Dorpsstraat",
    "Julianalaan",
    "Beatrixstraat",
    "Wilhelminaplein",
    "Esdoornlaan",
    "Lindelaan",
    "Stationsweg",
    "Vechtkade",
    "Marktplein",
    "Schoolstraat",
    "Brinkweg",
    "Meidoornstraat",
    "Sportlaan",
    "Burgemeester Van Riemsdijkweg",
    "Hofstraat",
    "Oranjestraat",
    "Koestraat",
    "Zandweg",
    "Beukenhof",
    "Havenstraat",
    "Parallelweg",
    "Rembrandtlaan",
)

# Names for buurthuizen, schools and sports clubs: "Buurthuis De Linde", "OBS De Regenboog".
PLACE_NAMES: tuple[str, ...] = (
    "De Linde",
    "De Regenboog",
    "Het Anker",
    "De Wissel",
    "De Klimop",
    "Het Baken",
    "De Zonnewijzer",
    "De Vlinder",
    "Het Kompas",
    "De Eiken",
    "De Schakel",
    "Het Trefpunt",
    "De Kameleon",
    "De Bron",
    "Het Palet",
    "De Spil",
)

SPORT_CLUBS: tuple[str, ...] = (
    "v.v. {g}",
    "Tennisvereniging {g}",
    "Gymnastiekvereniging Olympia {g}",
    "Korfbalvereniging De Vecht",
    "Wandelclub {g} in Beweging",
    "Zwemvereniging De Dolfijn",
)

MOSQUES: tuple[str, ...] = ("Mevlana Moskee", "Moskee Al-Nour", "Ulu Camii")
CHURCHES: tuple[str, ...] = ("Dorpskerk", "Sint-Jozefkerk", "Ontmoetingskerk", "Grote Kerk")

# Pseudonyms for residents: an adjective and a bird or flower, never a real name.
PSEUDONYM_ADJECTIVES: tuple[str, ...] = (
    "Vrolijke",
    "Rustige",
    "Dappere",
    "Zonnige",
    "Wijze",
    "Vlotte",
    "Groene",
    "Blauwe",
    "Stille",
    "Snelle",
    "Sterke",
    "Gulle",
)
PSEUDONYM_NOUNS: tuple[str, ...] = (
    "Merel",
    "Mus",
    "Reiger",
    "Kievit",
    "Uil",
    "Vink",
    "Zwaluw",
    "Tulp",
    "Roos",
    "Linde",
    "Berk",
    "Wilg",
    "Eik",
    "Heide",
    "Klaver",
    "Otter",
)

# Local businesses that join "gezond werken in de wijk" (fictional names, ordinary trades).
BUSINESSES: tuple[str, ...] = (
    "Bakkerij Van der Linden",
    "Fietsenmaker De Spaak",
    "Installatiebedrijf Hoekstra",
    "Drukkerij Het Kompas",
    "Schildersbedrijf De Kwast",
    "Kinderopvang De Vlinder",
    "Hoveniersbedrijf Groen & Zo",
    "Supermarkt De Buurtwinkel",
)

_WIJK_NUMBER = re.compile(r"^Wijk \d+\s+")


def short_place(name: str) -> str:
    """How people name an area in a name of their own: CBS's "Wijk 03 Overvecht" is
    "Overvecht", "Welgelegen, Den Hommel" is "Welgelegen"."""
    return _WIJK_NUMBER.sub("", name).split(",")[0].strip() or name
