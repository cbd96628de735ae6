"""The gazetteer: place names to places, from a local SQLite index built on first use.

    >>> gazetteer = Gazetteer.open(settings.cache_dir)   # builds once (~30 s), then ~ms
    >>> [(p.country, p.feature_code) for p in gazetteer.lookup("Paris")][:3]
    [('FR', 'ADM1'), ('FR', 'PPLC'), ('US', 'PPL')]
    >>> gazetteer.fuzzy("Iblib", min_score=85, limit=3)[0][0].name
    'Idlib'

Lookups go by key (see ``sitrep.geo.names``): the strict key first, then the
transliteration key; ``fuzzy`` compares a key with every indexed key that starts with
the same letter (rapidfuzz), over places of 1,000 people or more, divisions and curated
regions.  Opening reads nothing but the metadata row: the index is queried on demand,
and fuzzy key lists are loaded per first letter on first use.

The index file's name carries ``data_version()`` (format version, data package versions,
and a hash of the curated files and of the code that builds the index), so a changed
source or build rule means a new file and a rebuild.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from sitrep.errors import GazetteerError
from sitrep.geo.build import INDEX_FORMAT_VERSION, IndexEntry, build_index, data_version
from sitrep.geo.names import name_key, strip_division_suffix, translit_key
from sitrep.types import Place

logger = logging.getLogger(__name__)

__all__ = ["Gazetteer", "NameMatch", "index_path"]

_PLACE_COLUMNS = "id, geonameid, name, lat, lon, country, admin1, fclass, fcode, population, source"
# Divisions, countries and curated regions first, then by population: a limit must not
# cut the country "Georgia" for the hundredth village of that name.
_ORDER = (
    "ORDER BY (p.fclass = 'A' OR p.source = 'sitrep-curated' OR p.fcode = 'CONT') DESC, "
    "n.alt ASC, p.population DESC, p.id ASC"
)


# How many answers of ``matches`` are kept in memory (a few MB).
MATCH_CACHE_SIZE = 20_000

# A town this big in another country makes a division's name ambiguous.
TOWN_SIGNAL_POPULATION = 10_000


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A place found for a name, and how it was found.

    ``how`` is "exact" (strict key) or "translit" (transliteration key); ``alternate``
    is True when the name matched only one of GeoNames' alternate names.
    """

    place_id: int
    place: Place
    how: str
    alternate: bool


def index_path(cache_dir: Path) -> Path:
    """Where the index for the installed data lives in ``cache_dir``."""
    return cache_dir / f"gazetteer-v{INDEX_FORMAT_VERSION}-{data_version()}.sqlite"


def _row_place(row: tuple[Any, ...]) -> Place:
    return Place(
        geonameid=row[1],
        name=row[2],
        lat=row[3],
        lon=row[4],
        country=row[5],
        admin1=row[6],
        feature_class=row[7],
        feature_code=row[8],
        population=row[9],
        source=row[10],
    )


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """An exclusive lock beside ``path`` while it is built (POSIX; a no-op elsewhere).

    Without it two processes would both spend the build time; with or without it the
    rename in ``build_index`` keeps the file whole.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    lock_path = path.with_name(path.name + ".lock")
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Gazetteer:
    """A read-only view of one index file.

    Not a dataclass: ``__init__`` opens a database connection.  Safe to share between
    threads (one connection, serialised by a lock); each process opens its own.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            row = self._db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.Error as err:
            raise GazetteerError(
                f"cannot open the gazetteer index {path}: {err}; delete it to rebuild"
            ) from err
        if row is None or row[0] != str(INDEX_FORMAT_VERSION):
            raise GazetteerError(
                f"gazetteer index {path} has format {row[0] if row else '?'}, "
                f"expected {INDEX_FORMAT_VERSION}; delete it to rebuild"
            )
        self._lock = threading.Lock()
        self._cached_matches = functools.lru_cache(maxsize=MATCH_CACHE_SIZE)(self._matches_uncached)
        self._fuzzy_keys: dict[str, list[str]] = {}
        self._country_names: dict[str, str] | None = None
        self._division_names: dict[str, tuple[str, str]] | None = None

    # -- opening and building ------------------------------------------------------

    @classmethod
    def open(cls, cache_dir: Path) -> Gazetteer:
        """The gazetteer for the installed data, building its index first if missing."""
        path = index_path(Path(cache_dir))
        if not path.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with _build_lock(path):
                    if not path.exists():  # another process may have built it meanwhile
                        started = time.perf_counter()
                        logger.info("gazetteer: building %s (once)", path)
                        build_index(path)
                        logger.info("gazetteer: built in %.1f s", time.perf_counter() - started)
                        _remove_stale(path)
            except OSError as err:
                raise GazetteerError(
                    f"cannot build the gazetteer in {path.parent}: {err.strerror or err}; "
                    "set cache_dir to a writable directory"
                ) from err
        return cls(path)

    @classmethod
    def from_entries(cls, path: Path, entries: Iterable[IndexEntry | Place]) -> Gazetteer:
        """Build a small index of ``entries`` at ``path`` and open it (tests, fixtures)."""
        build_index(path, entries)
        return cls(path)

    def close(self) -> None:
        self._db.close()

    # -- queries ---------------------------------------------------------------------

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as err:
                raise GazetteerError(f"gazetteer query failed on {self.path}: {err}") from err

    def _by_key(self, table: str, key: str, limit: int) -> list[tuple[Any, ...]]:
        cols = ", ".join(f"p.{c.strip()}" for c in _PLACE_COLUMNS.split(","))
        return self._query(
            f"SELECT {cols}, n.alt FROM {table} n JOIN places p ON p.id = n.place "
            f"WHERE n.key = ? {_ORDER} LIMIT ?",
            (key, limit),
        )

    def matches(self, name: str, limit: int = 25, *, translit: bool = True) -> list[NameMatch]:
        """Places whose strict key equals ``name``'s; if none, by transliteration key.

        Answers are kept in memory per (key, limit, translit), most recent
        ``MATCH_CACHE_SIZE``: news repeats its place names, and a cached answer costs
        about a microsecond where a query costs about a hundred and fifty.
        """
        key = name_key(name)
        if not key or limit <= 0:
            return []
        return list(self._cached_matches(name, limit, translit))

    def _matches_uncached(self, name: str, limit: int, translit: bool) -> tuple[NameMatch, ...]:
        key = name_key(name)
        rows = self._by_key("names", key, limit)
        how = "exact"
        if not rows and translit:
            tkey = translit_key(name)
            if len(tkey) >= 3:
                rows = self._by_key("tnames", tkey, limit)
                how = "translit"
        return tuple(NameMatch(row[0], _row_place(row), how, bool(row[-1])) for row in rows)

    def lookup(self, name: str, limit: int = 25) -> list[Place]:
        """Places called ``name``: exact key matches, else transliteration matches."""
        return [m.place for m in self.matches(name, limit)]

    def _keys_for(self, letter: str) -> list[str]:
        keys = self._fuzzy_keys.get(letter)
        if keys is None:
            upper = chr(ord(letter) + 1)
            rows = self._query(
                "SELECT key FROM fuzzy_keys WHERE key >= ? AND key < ?", (letter, upper)
            )
            keys = [row[0] for row in rows]
            self._fuzzy_keys[letter] = keys
        return keys

    def fuzzy(self, name: str, *, min_score: float, limit: int) -> list[tuple[Place, float]]:
        """Places whose key is like ``name``'s, best first, with a score from 0 to 100.

        The score is rapidfuzz's Jaro-Winkler similarity: it forgives one wrong letter in
        a short name ("Iblib" for "Idlib" scores 88, where the plain ratio gives 80) and
        rewards a shared beginning.  Only keys with the same first letter and a length
        within a third of the name's are compared: misspellings keep the first letter far
        more often than not, and the bounds keep a query to a few thousand comparisons.
        """
        key = name_key(name)
        if len(key) < 3 or limit <= 0:
            return []
        pool = self._keys_for(key[0])
        results = process.extract(
            key,
            pool,
            scorer=JaroWinkler.normalized_similarity,
            score_cutoff=min_score / 100.0,
            limit=limit * 4,
        )
        out: list[tuple[Place, float]] = []
        seen: set[int] = set()
        for candidate, score, _ in results:
            if abs(len(candidate) - len(key)) * 3 > max(len(key), 3):
                continue
            for row in self._by_key("names", candidate, limit):
                if row[0] not in seen:
                    seen.add(row[0])
                    out.append((_row_place(row), round(float(score) * 100.0, 1)))
        out.sort(key=lambda item: (-item[1], -item[0].population))
        return out[:limit]

    def country_names(self) -> dict[str, str]:
        """Strict keys of countries' names -> ISO2 ("syria", "britain"), where unambiguous.

        A name that is also a first-level division's elsewhere ("Georgia") is left out:
        it says nothing about which country a text is about.
        """
        if self._country_names is None:
            rows = self._query(
                "SELECT n.key, p.country FROM names n JOIN places p ON p.id = n.place "
                "WHERE p.fcode = 'PCLI' AND p.country IS NOT NULL",
                (),
            )
            divisions = self._division_countries()
            self._country_names = {
                key: country
                for key, country in rows
                if not ({c for c, _ in divisions.get(key, set())} - {country})
            }
        return self._country_names

    def _division_countries(self) -> dict[str, set[tuple[str, str]]]:
        rows = self._query(
            "SELECT n.key, p.country, p.admin1 FROM names n JOIN places p ON p.id = n.place "
            "WHERE p.fcode = 'ADM1' AND n.alt = 0 AND p.country IS NOT NULL",
            (),
        )
        found: dict[str, set[tuple[str, str]]] = {}
        for key, country, admin1 in rows:
            found.setdefault(key, set()).add((country, admin1 or ""))
        return found

    def division_names(self) -> dict[str, tuple[str, str]]:
        """Strict keys of first-level divisions' names -> (ISO2, admin1), where telling.

        Left out: a key that names divisions in two countries ("Punjab"), that is a
        country's name too, or that is also the name of a town of 10,000 people or more
        in another country ("Alexandria", "Dublin"): a text may mean that town.
        """
        if self._division_names is None:
            divisions = {
                key: next(iter(found))
                for key, found in self._division_countries().items()
                if len({country for country, _ in found}) == 1
            }
            rows = self._query(
                "SELECT n.key, p.country FROM names n JOIN places p ON p.id = n.place "
                "JOIN (SELECT DISTINCT n2.key AS key FROM names n2 JOIN places p2 "
                "ON p2.id = n2.place WHERE p2.fcode = 'ADM1' AND n2.alt = 0) d "
                "ON d.key = n.key WHERE p.fclass = 'P' AND p.population >= ?",
                (TOWN_SIGNAL_POPULATION,),
            )
            towns: dict[str, set[str]] = {}
            for key, country in rows:
                towns.setdefault(key, set()).add(country)
            country_keys = {
                row[0]
                for row in self._query(
                    "SELECT n.key FROM names n JOIN places p ON p.id = n.place "
                    "WHERE p.fcode = 'PCLI'",
                    (),
                )
            }
            self._division_names = {
                key: place
                for key, place in divisions.items()
                if key not in country_keys and not (towns.get(key, set()) - {place[0]})
            }
        return self._division_names

    def country(self, iso2: str) -> Place | None:
        """The country with ISO 3166-1 alpha-2 code ``iso2``."""
        return _first(
            self._query(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE country = ? AND fcode = 'PCLI' "
                "ORDER BY population DESC LIMIT 1",
                (iso2.upper(),),
            )
        )

    def admin1(self, country: str, name: str) -> Place | None:
        """The first-level division of ``country`` called ``name`` ("Hama", "Hama province")."""
        for text in dict.fromkeys((name, strip_division_suffix(name))):
            for match in self.matches(text, limit=200):
                place = match.place
                if place.country == country.upper() and place.feature_code == "ADM1":
                    return place
        return None

    def place_by_geonameid(self, geonameid: int) -> Place | None:
        return _first(
            self._query(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE geonameid = ? LIMIT 1", (geonameid,)
            )
        )

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"


def _first(rows: list[tuple[Any, ...]]) -> Place | None:
    return _row_place(rows[0]) if rows else None


def _remove_stale(current: Path) -> None:
    """Delete index files of other versions, and their lock files, in the same
    directory (best effort)."""
    keep = {current, current.with_name(current.name + ".lock")}
    for pattern in ("gazetteer-v*.sqlite", "gazetteer-v*.sqlite.lock"):
        for other in current.parent.glob(pattern):
            if other not in keep:
                with contextlib.suppress(OSError):
                    other.unlink()
