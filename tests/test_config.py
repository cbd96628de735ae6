from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitrep.config import SETTINGS, load_settings
from sitrep.errors import ConfigError


def test_config_defaults_load():
    settings = load_settings(environ={})
    assert settings.model == "auto"
    assert settings.db_path.name == "sitrep.db"


def test_config_precedence_file_env_overrides(tmp_path):
    user = tmp_path / "s.toml"
    user.write_text('fetch_timeout = 5.0\nmodel = "from-file"\n')
    settings = load_settings(
        config_file=user,
        environ={"SITREP_FETCH_TIMEOUT": "7"},
        overrides={"model": "from-flag"},
    )
    assert settings.fetch_timeout == 7.0
    assert settings.model == "from-flag"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("nonsense = 1\n", "unknown setting 'nonsense'"),
        ("fetch_timeout = 'soon'\n", "setting 'fetch_timeout'"),
        ("allow_fetch = 'perhaps'\n", "setting 'allow_fetch'"),
        ("fetch_timeout = = 1\n", "not valid TOML"),
    ],
)
def test_config_bad_file_names_the_problem(tmp_path, content, message):
    user = tmp_path / "bad.toml"
    user.write_text(content)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(config_file=user, environ={})


def test_config_every_setting_is_documented():
    docs = Path(__file__).parents[1] / "docs" / "settings.md"
    text = docs.read_text(encoding="utf-8")
    for spec in SETTINGS:
        assert f"`{spec.name}`" in text, spec.name


def test_config_outlet_homes_is_checked_when_the_settings_load(tmp_path):
    assert load_settings(environ={}).outlet_homes == ""
    assert load_settings(environ={"SITREP_OUTLET_HOMES": "off"}).outlet_homes == "off"
    with pytest.raises(ConfigError, match="setting 'outlet_homes': no such file"):
        load_settings(environ={"SITREP_OUTLET_HOMES": str(tmp_path / "missing.csv")})
    # A bad row is one clear error when the settings load, not every article failing later.
    table = tmp_path / "outlets.csv"
    table.write_text("host,country\nbad host,US\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(environ={"SITREP_OUTLET_HOMES": str(table)})
    assert str(table) in str(caught.value) and "data row 1" in str(caught.value)
    table.write_text("host,country\nexample.org,FR\n", encoding="utf-8")
    assert load_settings(environ={"SITREP_OUTLET_HOMES": str(table)}).outlet_homes == str(table)


def test_config_role_filler_is_learned_or_rules():
    assert load_settings(environ={}).role_filler == "learned"
    assert load_settings(environ={"SITREP_ROLE_FILLER": "Rules"}).role_filler == "rules"
    with pytest.raises(ConfigError, match="setting 'role_filler': 'neural' is not one of"):
        load_settings(environ={"SITREP_ROLE_FILLER": "neural"})


def test_config_serve_tokens_parse_and_never_echo_a_token():
    settings = load_settings(
        environ={"SITREP_SERVE_TOKENS": "alice:aaaaaaaaaaaaaaaa, bob:bbbbbbbbbbbbbbbb"}
    )
    assert settings.serve_tokens == (("alice", "a" * 16), ("bob", "b" * 16))
    assert load_settings(environ={}).serve_tokens == ()
    for bad, message in [
        ("alice", "entry 1 is not name:token"),
        ("alice:secretshort", "shorter than 12"),
        ("alice:cccccccccccccccc,alice:dddddddddddddddd", "given twice"),
    ]:
        with pytest.raises(ConfigError, match=message) as caught:
            load_settings(environ={"SITREP_SERVE_TOKENS": bad})
        assert "secretshort" not in str(caught.value)
        assert "cccccccc" not in str(caught.value)


def test_config_tiles_url_must_be_a_template():
    assert load_settings(environ={}).tiles_url == ""
    good = "https://tiles.example.org/{z}/{x}/{y}.png"
    assert load_settings(environ={"SITREP_TILES_URL": good}).tiles_url == good
    with pytest.raises(ConfigError, match="tiles_url"):
        load_settings(environ={"SITREP_TILES_URL": "javascript:alert(1)//{z}"})


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://ana:s3cret@db.example:5433/events",
        "postgres:///events?host=/run/postgresql",
        "  PostgreSQL://ana@db/events  ",
    ],
)
def test_config_db_path_may_be_a_postgres_url_kept_whole(url):
    import os

    from sitrep.pipeline import _settings_record

    for settings in (
        load_settings(overrides={"db_path": url}, environ={}),
        load_settings(environ={"SITREP_DB_PATH": url}),
    ):
        # no Path folding "//" into "/"; the scheme in lower case, as libpq wants it
        assert settings.db_url == url.strip().replace("PostgreSQL", "postgresql")
        assert settings.db_path == Path(os.devnull)
        assert "s3cret" not in settings.database
        assert "s3cret" not in json.dumps(_settings_record(settings))
    plain = load_settings(overrides={"db_path": "events.db"}, environ={})
    assert plain.db_url is None and plain.database == "events.db"
