"""Dutch full-text search: word forms find each other, titles rank first, facets count.

These run on SQLite (FTS5 with Snowball-stemmed text) and on PostgreSQL (its `dutch`
configuration); `make test` runs both.
"""

from typing import Any

import pytest
from django.db import connection

from gezondewijk.projectbank import search
from gezondewijk.projectbank.selectors import Filters, facets, interventions_search
from tests.projectbank.factories import InterventionFactory

pytestmark = pytest.mark.django_db


def _titles(**filters: object) -> list[str]:
    return [i.title for i in interventions_search(filters=Filters(**filters))]  # type: ignore[arg-type]


@pytest.fixture
def bank() -> None:
    InterventionFactory(
        title="Samen bewegen in de wijk",
        summary="Wekelijkse beweegactiviteit voor ouderen.",
        themes=["bewegen"],
        settings=["wijk"],
        recognition="effectief_eerste",
    )
    InterventionFactory(
        title="Beweegmaatjes",
        summary="Een vrijwilliger stimuleert beweging bij mensen die weinig buiten komen.",
        themes=["bewegen", "eenzaamheid"],
        settings=["thuis"],
        recognition="goed_beschreven",
    )
    InterventionFactory(
        title="Wandelingen met de huisarts",
        summary="De huisarts loopt mee; daarna koffie.",
        themes=["bewegen"],
        settings=["huisartsenpraktijk"],
        recognition="goed_onderbouwd",
    )
    InterventionFactory(
        title="Ontmoetingstafel",
        summary="Tegen eenzaamheid: elke week samen eten in het buurthuis.",
        themes=["eenzaamheid", "voeding"],
        settings=["buurthuis"],
    )


@pytest.mark.usefixtures("bank")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("beweging", "Samen bewegen in de wijk"),
        ("bewegen", "Beweegmaatjes"),  # found through "beweging" in its summary
        ("wandelen", "Wandelingen met de huisarts"),
        ("wandeling", "Wandelingen met de huisarts"),
        ("eenzaam", "Ontmoetingstafel"),
    ],
)
def test_a_dutch_word_form_finds_its_relatives(query: str, expected: str) -> None:
    assert expected in _titles(query=query)


@pytest.mark.usefixtures("bank")
def test_a_query_finds_nothing_that_does_not_match() -> None:
    assert "Ontmoetingstafel" not in _titles(query="bewegen")
    assert _titles(query="zwemles") == []


@pytest.mark.usefixtures("bank")
def test_a_title_match_ranks_above_a_body_match() -> None:
    titles = _titles(query="bewegen")
    assert titles.index("Samen bewegen in de wijk") < titles.index("Beweegmaatjes")


def test_title_match_wins_even_when_the_body_repeats_the_word(db: None) -> None:
    InterventionFactory(title="Gezonde school", summary="Eenzaamheid eenzaamheid eenzaamheid.")
    InterventionFactory(title="Eenzaamheid doorbreken", summary="Een aanpak voor de buurt.")
    assert _titles(query="eenzaamheid")[0] == "Eenzaamheid doorbreken"


@pytest.mark.usefixtures("bank")
def test_filters_narrow_the_results() -> None:
    assert _titles(themes=("eenzaamheid",), settings=("thuis",)) == ["Beweegmaatjes"]
    assert _titles(query="bewegen", recognition=("effectief_eerste",)) == [
        "Samen bewegen in de wijk"
    ]


@pytest.mark.usefixtures("bank")
def test_facets_count_the_matches_per_value() -> None:
    counted = facets(filters=Filters(query="bewegen"))
    themes = {f.value: f.count for f in counted["themes"]}
    assert themes["bewegen"] == 2
    assert themes["eenzaamheid"] == 1
    assert themes["voeding"] == 0
    recognition = {f.value: f.count for f in counted["recognition"]}
    assert recognition["effectief_eerste"] == 1


@pytest.mark.usefixtures("bank")
def test_a_facet_ignores_its_own_filter_so_other_values_stay_choosable() -> None:
    counted = facets(filters=Filters(recognition=("goed_beschreven",)))
    recognition = {f.value: (f.count, f.chosen) for f in counted["recognition"]}
    assert recognition["goed_beschreven"] == (1, True)
    assert recognition["effectief_eerste"] == (1, False)
    themes = {f.value: f.count for f in counted["themes"]}
    assert themes["voeding"] == 0  # the recognition filter holds for the other facets


@pytest.mark.usefixtures("bank")
def test_search_syntax_in_the_query_is_taken_as_words() -> None:
    assert _titles(query='"beweging" OR NEAR(') is not None
    assert _titles(query="   ") == sorted(_titles())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the fallback is SQLite's")
@pytest.mark.usefixtures("bank")
def test_without_fts5_the_like_fallback_gives_the_same_answers(monkeypatch: Any) -> None:
    assert search.uses_fts5()
    monkeypatch.setattr(search, "uses_fts5", lambda: False)
    assert "Wandelingen met de huisarts" in _titles(query="wandelen")
    assert "Ontmoetingstafel" in _titles(query="eenzaam")
    titles = _titles(query="bewegen")
    assert titles.index("Samen bewegen in de wijk") < titles.index("Beweegmaatjes")
    assert "Ontmoetingstafel" not in titles
    counted = facets(filters=Filters(query="bewegen"))
    assert {f.value: f.count for f in counted["themes"]}["bewegen"] == 2


@pytest.mark.parametrize("query", ["huisarts", "huisartsen"])
def test_singular_and_plural_find_each_other(db: None, query: str) -> None:
    # PostgreSQL's Dutch stemmer gives "huisart" for one and "huisarts" for the other.
    InterventionFactory(title="Spreekuur", summary="De huisarts verwijst door.")
    InterventionFactory(title="Overleg", summary="Huisartsen en welzijn overleggen.")
    InterventionFactory(title="Schoolplein", summary="Spelen in de pauze.")
    assert sorted(_titles(query=query)) == ["Overleg", "Spreekuur"]


def test_a_word_does_not_find_compounds_that_start_with_it(db: None) -> None:
    # No prefix matching: "ouder" would otherwise find "ouderschap" and the like.
    InterventionFactory(title="Ouderschap", summary="Opvoeden met steun.")
    InterventionFactory(title="Samen met ouders", summary="Steun bij opvoeden.")
    assert _titles(query="ouder") == ["Samen met ouders"]


def test_a_search_reads_the_full_text_index_once(db: None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(30):
        InterventionFactory(title=f"Aanpak {n}", summary="Bewegen in de wijk.", themes=["bewegen"])
    filters = Filters(query="bewegen", recognition=("niet_beoordeeld",))
    with CaptureQueriesContext(connection) as captured:
        found = interventions_search(filters=filters)
        assert len(found) == 30
        assert len(found[:20]) == 20
        facets(filters=filters)
    # SQLite: FTS5's MATCH; PostgreSQL: the matching function (its @@ is inside it), and
    # rank_of reads documents by id, never through @@.
    markers = (" MATCH ", "@@", "projectbank_search_matches(")
    full_text = [q["sql"] for q in captured if any(m in q["sql"] for m in markers)]
    assert len(full_text) == 2  # once for the search, once more for facets() on its own


@pytest.mark.parametrize("per_page", [2, 5])
def test_every_title_match_comes_before_every_body_match_on_every_page(
    db: None, per_page: int
) -> None:
    for n in range(3):
        InterventionFactory(title=f"Wandelen {n}", summary="Een rondje.")
    for n in range(6):
        InterventionFactory(title=f"Rondje {n}", summary="wandelen " * (n + 1) + "samen.")
    found = interventions_search(filters=Filters(query="wandelen"))
    pages = [found[k : k + per_page] for k in range(0, len(found), per_page)]
    titles = [i.title for page in pages for i in page]
    assert sorted(titles[:3]) == ["Wandelen 0", "Wandelen 1", "Wandelen 2"]
    assert sorted(titles[3:]) == [f"Rondje {n}" for n in range(6)]
    body_ranks = [i.rank for page in pages for i in page][3:]
    assert body_ranks == sorted(body_ranks, reverse=True)
    assert titles == [i.title for i in found]  # page by page = all at once


def test_facets_follow_a_change_to_the_bank(db: None) -> None:
    from gezondewijk.projectbank.models import Intervention

    InterventionFactory(title="Beweegtuin", themes=["bewegen"])
    before = {f.value: f.count for f in facets(filters=Filters())["themes"]}
    assert before["bewegen"] == 1
    InterventionFactory(title="Fietsles", themes=["bewegen", "meedoen"])
    after = {f.value: f.count for f in facets(filters=Filters())["themes"]}
    assert (after["bewegen"], after["meedoen"]) == (2, 1)
    Intervention.objects.get(title="Fietsles").delete()
    assert {f.value: f.count for f in facets(filters=Filters())["themes"]}["bewegen"] == 1
