"""Belevingsinformatie: free-text answers summarised as themes and frequent terms.

Raw text is never shown. Words are reduced to their stem with the Dutch Snowball stemmer, so
"bomen" and "boom" count as one term; a term or theme is shown only when at least k different
residents used it, so no phrase of one person can be traced back to them.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl
import snowballstemmer

from gezondewijk.privacy.suppression import min_cell_size

STOPWORDS = frozenset(
    {
        "aan",
        "al",
        "alle",
        "als",
        "ben",
        "bij",
        "dan",
        "dat",
        "de",
        "den",
        "der",
        "deze",
        "die",
        "dit",
        "doen",
        "door",
        "dus",
        "een",
        "en",
        "er",
        "geen",
        "had",
        "heb",
        "hebben",
        "heeft",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "ik",
        "in",
        "is",
        "ja",
        "je",
        "kan",
        "kunnen",
        "maar",
        "me",
        "meer",
        "men",
        "met",
        "mij",
        "mijn",
        "moet",
        "na",
        "naar",
        "niet",
        "niets",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "ons",
        "onze",
        "ook",
        "op",
        "over",
        "te",
        "tegen",
        "toch",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "voor",
        "want",
        "waren",
        "was",
        "wat",
        "we",
        "wel",
        "werd",
        "wie",
        "wij",
        "wil",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zonder",
        "zou",
        "graag",
        "beter",
        "minder",
        "echt",
        "gewoon",
        "erg",
        "heel",
        "vaak",
        "soms",
        "nooit",
        "altijd",
        "buurt",
        "wijk",
    }
)

# Themes of neighbourhood experience, each named by words that point to it (stemmed on use).
THEMES: dict[str, tuple[str, ...]] = {
    "groen": ("groen", "park", "bomen", "tuin", "bloemen", "natuur", "speeltuin"),
    "veiligheid": ("veilig", "donker", "verlichting", "politie", "inbraak", "overlast"),
    "verkeer": ("verkeer", "auto", "fietsen", "parkeren", "parkeerplaatsen", "hard", "stoep"),
    "ontmoeten": ("buren", "buurman", "buurvrouw", "contact", "ontmoeten", "samen", "koffie"),
    "schoon": ("afval", "vuil", "zwerfvuil", "schoon", "hondenpoep", "container"),
    "voorzieningen": ("winkels", "bus", "huisarts", "buurthuis", "bibliotheek", "school", "sport"),
}


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("dutch")


def _stems(words: pl.Series) -> pl.DataFrame:
    """Stem each distinct word once (the stemmer works on a list, not per row)."""
    unique = words.unique().drop_nulls()
    return pl.DataFrame({"word": unique, "stem": _stemmer().stemWords(unique.to_list())})


def _words(texts: pl.DataFrame) -> pl.DataFrame:
    """One row per (resident, stem) used, from a frame with columns user_id, text."""
    words = (
        texts.select(
            "user_id", pl.col("text").str.to_lowercase().str.extract_all(r"[a-zà-ÿ]+").alias("word")
        )
        .explode("word")
        .filter((pl.col("word").str.len_chars() >= 3) & ~pl.col("word").is_in(list(STOPWORDS)))
    )
    if words.is_empty():
        return words.with_columns(stem=pl.lit(None, pl.Utf8))
    return words.join(_stems(words["word"]), on="word", how="left")


def frequent_terms(texts: pl.DataFrame, *, top: int = 15, k: int | None = None) -> pl.DataFrame:
    """Terms used by at least k residents: the commonest spelling of each stem and how many
    residents used it."""
    k = min_cell_size() if k is None else k
    words = _words(texts)
    if words.is_empty():
        return pl.DataFrame(schema={"term": pl.Utf8, "residents": pl.UInt32})
    spelling = (
        words.group_by("stem", "word")
        .len()
        .sort(["stem", "len", "word"], descending=[False, True, False])
        .group_by("stem", maintain_order=True)
        .first()
        .select("stem", term="word")
    )
    return (
        words.group_by("stem")
        .agg(pl.col("user_id").n_unique().alias("residents"))
        .filter(pl.col("residents") >= k)
        .join(spelling, on="stem")
        .sort(["residents", "term"], descending=[True, False])
        .head(top)
        .select("term", "residents")
    )


def theme_counts(texts: pl.DataFrame, *, k: int | None = None) -> pl.DataFrame:
    """How many residents touched each theme; themes under k residents are left out."""
    k = min_cell_size() if k is None else k
    pairs = [(theme, word) for theme, words in THEMES.items() for word in words]
    lexicon = pl.DataFrame(
        {
            "theme": [theme for theme, _word in pairs],
            "stem": _stemmer().stemWords([word for _theme, word in pairs]),
        }
    ).unique()
    words = _words(texts)
    if words.is_empty():
        return pl.DataFrame(schema={"theme": pl.Utf8, "residents": pl.UInt32})
    return (
        words.join(lexicon, on="stem")
        .group_by("theme")
        .agg(pl.col("user_id").n_unique().alias("residents"))
        .filter(pl.col("residents") >= k)
        .sort(["residents", "theme"], descending=[True, False])
    )
