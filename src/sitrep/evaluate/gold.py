"""Read gold and prediction JSONL files (the shapes of ``shared/eval/README.md``).

    >>> gold = read_records(Path("../shared/eval/lgl/dev.jsonl"), limit=20)
    >>> gold[0]["id"], len(gold[0]["toponyms"])

Both files hold one JSON object per line with at least an ``id``; a gold line also needs
``text``.  Unlike ``sitrep process``, which skips a bad article and carries on, a bad gold
line stops the evaluation: a figure computed over a silently shortened gold set would be
wrong without anyone noticing.  Errors name ``file:line`` and what to fix.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sitrep.errors import SitrepError

__all__ = ["GoldFileError", "align_predictions", "read_records"]

Record = dict[str, Any]


class GoldFileError(SitrepError, ValueError):
    """A gold or prediction file that cannot be read, or a line that breaks its shape."""


def read_records(path: Path, *, limit: int | None = None, gold: bool = True) -> list[Record]:
    """The JSON objects of ``path``, one per non-blank line, at most ``limit`` of them.

    ``gold`` requires ``text`` on every line (the pipeline needs it); predictions need
    only ``id``.  Ids must be unique, since predictions are joined to gold by id.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise GoldFileError(f"{path}: cannot read it ({err})") from err
    records: list[Record] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if limit is not None and len(records) >= limit:
            break
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise GoldFileError(
                f"{where}: invalid JSON at column {err.colno}: {err.msg}; "
                "each line must be one JSON object"
            ) from err
        if not isinstance(record, dict):
            raise GoldFileError(f"{where}: expected a JSON object, got {type(record).__name__}")
        identifier = record.get("id")
        if not isinstance(identifier, str) or not identifier:
            raise GoldFileError(f"{where}: missing the string key 'id'")
        if identifier in seen:
            raise GoldFileError(
                f"{where}: id {identifier!r} repeats line {seen[identifier]}; ids must be unique"
            )
        seen[identifier] = number
        if gold and not isinstance(record.get("text"), str):
            raise GoldFileError(f"{where}: a gold line needs a string 'text'")
        _check_lists(record, where)
        records.append(record)
    return records


_LIST_KEYS = ("toponyms", "timexes", "events", "displacement", "templates", "entities")
_DICT_KEYS = ("casualties", "labels")


def _check_lists(record: Record, where: str) -> None:
    """Keys the metrics iterate must have the documented container type (or be null)."""
    for key in _LIST_KEYS:
        value = record.get(key)
        if value is not None and not isinstance(value, list):
            raise GoldFileError(f"{where}: {key!r} must be a list, got {type(value).__name__}")
        for index, item in enumerate(value or []):
            if not isinstance(item, dict):
                raise GoldFileError(f"{where}: {key}[{index}] must be an object")
    for key in _DICT_KEYS:
        value = record.get(key)
        if value is not None and not isinstance(value, dict):
            raise GoldFileError(f"{where}: {key!r} must be an object, got {type(value).__name__}")


def align_predictions(
    gold: Sequence[Record], predictions: Sequence[Record], *, source: str
) -> list[Record]:
    """One prediction per gold document, in gold order; a missing one becomes ``{"id": ...}``.

    A document sitrep produced nothing for is scored as an empty prediction rather than
    dropped, so recall counts it.  Predictions for ids not in the gold are an error: they
    usually mean the wrong pair of files.
    """
    by_id = {p["id"]: p for p in predictions}
    gold_ids = {g["id"] for g in gold}
    stray = [i for i in by_id if i not in gold_ids]
    if stray and len(stray) == len(by_id):
        raise GoldFileError(
            f"{source}: none of its ids are in the gold file (first: {stray[0]!r}); "
            "are the files a matching pair?"
        )
    return [by_id.get(g["id"], {"id": g["id"]}) for g in gold]
