"""Who fights beside whom: the sides of the main conflicts (``data/actor_sides.csv``).

A report whose two actors are allies on the date and in the country of the event
("Russian air strikes backed Syrian troops") has the wrong actor2: ``allied`` says so, and
the report builder then looks in the sentence for an opponent, keeping the ally as an
associated actor (ACLED's ``assoc_actor_1``).  Two state forces of one country (army and
police) are always one side.

    >>> sides = load_sides()
    >>> sides.allied("Military Forces of Russia", "Military Forces of Syria",
    ...              on=date(2018, 1, 2), country="SY")
    True
    >>> sides.allied("Military Forces of Russia", "Hayat Tahrir al-Sham",
    ...              on=date(2018, 1, 2), country="SY")
    False
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources

from sitrep.errors import ModelError

__all__ = ["SideRow", "Sides", "load_sides", "parse_side_rows"]


@dataclass(frozen=True, slots=True)
class SideRow:
    conflict: str
    country: str
    side: str
    actor: str
    start: date | None
    end: date | None

    def holds(self, on: date | None, country: str | None) -> bool:
        if country is not None and self.country and country != self.country:
            return False
        if on is None:
            return True
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


def _date(text: str, where: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) == 4:
            return date(int(text), 1, 1)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ModelError(f"{where}: {text!r} is not a date (YYYY or YYYY-MM-DD)") from exc


@dataclass(frozen=True, slots=True)
class Sides:
    by_actor: Mapping[str, tuple[SideRow, ...]]

    def allied(self, a: str, b: str, *, on: date | None, country: str | None) -> bool:
        """True when ``a`` and ``b`` are on one side of a conflict on ``on`` in
        ``country`` (either unknown: any date, any country).  When neither actor fights
        in ``country`` (the report's place is a soldier's home town, say), any country
        counts: an alliance does not end at a border."""
        if a == b:
            return True
        state = _state_of(a)
        if state is not None and state == _state_of(b):
            return True
        rows_a, rows_b = self.by_actor.get(a, ()), self.by_actor.get(b, ())
        if country is not None and not any(r.country == country for r in (*rows_a, *rows_b)):
            country = None
        return any(
            ra.conflict == rb.conflict and ra.side == rb.side and ra.country == rb.country
            for ra in rows_a
            if ra.holds(on, country)
            for rb in rows_b
            if rb.holds(on, country)
        )


_STATE_PREFIXES = ("Military Forces of ", "Police Forces of ", "Government of ")


def _state_of(name: str) -> str | None:
    """The country a generic state force serves ("Police Forces of Syria" -> "Syria")."""
    for prefix in _STATE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :].split(" (", maxsplit=1)[0]
    return None


def parse_side_rows(rows: Sequence[Mapping[str, str]], *, source: str) -> Sides:
    by_actor: dict[str, list[SideRow]] = defaultdict(list)
    for number, row in enumerate(rows, start=2):
        where = f"{source} row {number}"
        try:
            side = SideRow(
                conflict=row["conflict"].strip(),
                country=(row.get("country") or "").strip().upper(),
                side=row["side"].strip(),
                actor=row["actor"].strip(),
                start=_date(row.get("from") or "", where),
                end=_date(row.get("to") or "", where),
            )
        except KeyError as exc:
            raise ModelError(f"{where}: missing column {exc}") from exc
        by_actor[side.actor].append(side)
    return Sides({k: tuple(v) for k, v in by_actor.items()})


@functools.cache
def load_sides() -> Sides:
    """The sides table shipped in the package."""
    name = "data/actor_sides.csv"
    text = resources.files("sitrep").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return parse_side_rows(list(csv.DictReader(lines)), source=f"sitrep/{name}")
