"""Geocode given toponym spans: resolution alone, as geoparsers are usually compared.

``sitrep geocode IN.jsonl --output OUT.jsonl`` reads lines of the evaluation shape (see
``docs/formats.md``), drops whatever coordinates the input toponyms carry, resolves each
span against the gazetteer with the whole text as context (and the line's ``url``, else
``outlet``, as the publisher: its country-code domain is a cue, and so is the outlet's
home in the ``outlet_homes`` table), and writes the line back
with ``geonameid``, ``lat``, ``lon``, ``country``, ``admin1`` and ``geo_precision``
filled.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.config import Settings
from sitrep.errors import UnreadableInputError
from sitrep.extract.places import geocode_spans
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.outlets import load_outlet_homes
from sitrep.types import PlaceMention, Span

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class GeocodeTally:
    documents: int = 0
    toponyms: int = 0
    resolved: int = 0
    rejected: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.documents} documents, {self.toponyms} toponyms, {self.resolved} resolved, "
            f"{len(self.rejected)} rejected lines"
        )


def _spans(record: dict[str, Any], text: str, where: str) -> list[Span]:
    spans: list[Span] = []
    for index, toponym in enumerate(record.get("toponyms") or []):
        try:
            start, end = int(toponym["start"]), int(toponym["end"])
        except (KeyError, TypeError, ValueError) as err:
            raise ValueError(f"{where}: toponym {index} lacks integer start/end") from err
        if not 0 <= start < end <= len(text):
            raise ValueError(f"{where}: toponym {index} span {start}:{end} is outside the text")
        spans.append(Span(start, end, text[start:end]))
    return spans


def _fill(toponym: dict[str, Any], mention: PlaceMention) -> dict[str, Any]:
    filled = {k: v for k, v in toponym.items() if k not in ("lat", "lon", "geonameid")}
    place = mention.place
    filled.update(
        geonameid=place.geonameid if place else None,
        lat=round(place.lat, 5) if place else None,
        lon=round(place.lon, 5) if place else None,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        geo_precision=int(mention.geo_precision) if mention.geo_precision else None,
        reason=mention.reason,
    )
    return filled


def geocode_record(
    record: dict[str, Any], gazetteer: Gazetteer, settings: Settings, where: str
) -> tuple[dict[str, Any], int]:
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError(f"{where}: no 'text' string")
    spans = _spans(record, text, where)
    publisher = record.get("url") or record.get("outlet")
    mentions = geocode_spans(
        text,
        spans,
        gazetteer,
        fuzzy_min_score=settings.fuzzy_min_score,
        publisher=publisher if isinstance(publisher, str) else None,
        outlets=load_outlet_homes(settings.outlet_homes),
    )
    toponyms = [_fill(t, m) for t, m in zip(record.get("toponyms") or [], mentions, strict=True)]
    resolved = sum(1 for m in mentions if m.place is not None)
    return {**record, "toponyms": toponyms}, resolved


def geocode_jsonl(source: Path, target: Path, settings: Settings) -> GeocodeTally:
    """Geocode every line of ``source`` into ``target``; bad lines are named and skipped."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise UnreadableInputError(str(source), f"cannot read it ({err})") from err
    gazetteer = Gazetteer.open(settings.cache_dir)
    tally = GeocodeTally()
    with target.open("w", encoding="utf-8") as sink:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{source}:{number}"
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError(f"{where}: not a JSON object")
                filled, resolved = geocode_record(record, gazetteer, settings, where)
            except (json.JSONDecodeError, ValueError) as err:
                message = str(err) if str(err).startswith(where) else f"{where}: {err}"
                logger.warning("%s", message)
                tally.rejected.append(message)
                continue
            tally.documents += 1
            tally.toponyms += len(filled["toponyms"])
            tally.resolved += resolved
            sink.write(json.dumps(filled, ensure_ascii=False) + "\n")
    return tally
