"""Reading gold and prediction files: clear errors that name file:line."""

from __future__ import annotations

import json

import pytest

from sitrep.evaluate.gold import GoldFileError, align_predictions, read_records


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_gold_reads_records_and_limit(tmp_path):
    path = _write(
        tmp_path / "g.jsonl",
        [json.dumps({"id": f"d{i}", "text": "x"}) for i in range(5)] + [""],
    )
    assert [r["id"] for r in read_records(path)] == ["d0", "d1", "d2", "d3", "d4"]
    assert len(read_records(path, limit=2)) == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "a", "text": ', "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"text": "x"}', "missing the string key 'id'"),
        ('{"id": "a"}', "needs a string 'text'"),
        ('{"id": "a", "text": "x", "toponyms": {}}', "'toponyms' must be a list"),
        ('{"id": "a", "text": "x", "labels": []}', "'labels' must be an object"),
    ],
)
def test_gold_bad_line_names_file_and_line(tmp_path, line, message):
    path = _write(tmp_path / "g.jsonl", [json.dumps({"id": "ok", "text": "x"}), line])
    with pytest.raises(GoldFileError, match=message) as info:
        read_records(path)
    assert f"{path}:2" in str(info.value)


def test_gold_repeated_id_is_an_error(tmp_path):
    path = _write(tmp_path / "g.jsonl", [json.dumps({"id": "a", "text": "x"})] * 2)
    with pytest.raises(GoldFileError, match="repeats line 1"):
        read_records(path)


def test_gold_missing_file_is_an_error(tmp_path):
    with pytest.raises(GoldFileError, match="cannot read"):
        read_records(tmp_path / "absent.jsonl")


def test_gold_predictions_need_only_an_id(tmp_path):
    path = _write(tmp_path / "p.jsonl", [json.dumps({"id": "a"})])
    assert read_records(path, gold=False) == [{"id": "a"}]


def test_gold_align_fills_missing_predictions():
    gold = [{"id": "a"}, {"id": "b"}]
    aligned = align_predictions(gold, [{"id": "b", "x": 1}], source="p")
    assert aligned == [{"id": "a"}, {"id": "b", "x": 1}]


def test_gold_align_rejects_unrelated_files():
    with pytest.raises(GoldFileError, match="none of its ids"):
        align_predictions([{"id": "a"}], [{"id": "z"}], source="p.jsonl")
