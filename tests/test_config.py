from __future__ import annotations

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
