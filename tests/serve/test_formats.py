from __future__ import annotations

import pytest

from sitrep.serve.formats import UnknownFormatError, choose_format


@pytest.mark.parametrize(
    ("format_param", "accept", "expected"),
    [
        (None, None, "json"),
        (None, "*/*", "json"),
        (None, "text/csv", "csv"),
        (None, "text/html, application/geo+json;q=0.9, */*;q=0.1", "geojson"),
        (None, "application/json;q=0.5, text/csv;q=0.8", "csv"),
        (None, "text/csv;q=0, application/x-ndjson", "jsonl"),
        (None, "application/jsonl", "jsonl"),
        (None, "text/csv;q=oops", "json"),
        ("CSV", "application/json", "csv"),
        ("geojson", None, "geojson"),
    ],
)
def test_formats_by_parameter_then_accept(format_param, accept, expected):
    assert choose_format(format_param, accept).name == expected


def test_formats_unknown_parameter_names_the_choices():
    with pytest.raises(UnknownFormatError, match="csv, geojson, json, jsonl"):
        choose_format("xlsx", None)
