"""`clarity schema` prints each schema, and the charter schema and lint agree on yes/no.

The schemas themselves are tested in tests/core/reading/test_schemas.py."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.reading.schemas import SCHEMA_NAMES, schema_for


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_command_prints_it(name: str) -> None:
    result = CliRunner().invoke(app, ["schema", name])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schema_for(name)


YES_NO = ["Yes", "NO", " y ", "true", "On", "0", "", "maybe", "yess", "2", "oui"]


@pytest.mark.parametrize("value", YES_NO)
def test_the_charter_schema_and_lint_agree_on_yes_no_answers(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What an editor checks with the schema is what lint accepts: the value as an editor's
    YAML 1.2 reads it (a string), once with a schema check, once through clarity lint."""
    monkeypatch.chdir(tmp_path)
    text = (
        "team: Platform\ndelegations:\n  - task: Migrate the billing database\n"
        f"    agreed_upfront: '{value}'\n"
    )
    (tmp_path / "a.charter.yaml").write_text(text, encoding="utf-8")
    data = yaml.safe_load(text)
    try:
        jsonschema.validate(data, schema_for("charter"))
        schema_accepts = True
    except jsonschema.ValidationError:
        schema_accepts = False
    result = CliRunner().invoke(app, ["lint", "--no-config", "--format", "json"])
    lint_accepts = result.exit_code != 2
    assert schema_accepts == lint_accepts, result.output
