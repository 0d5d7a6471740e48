"""The JSON Schemas are generated from the models, committed, and describe real files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.reading.schemas import SCHEMA_NAMES, schema_for
from tests.conftest import EXAMPLES, ROOT


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_committed_schema_is_up_to_date(name: str) -> None:
    committed = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text())
    assert committed == schema_for(name), f"run: clarity schema {name} > schemas/{name}.schema.json"


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_command_prints_it(name: str) -> None:
    result = CliRunner().invoke(app, ["schema", name])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schema_for(name)


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_validate_against_the_answers_schema(example) -> None:  # type: ignore[no-untyped-def]
    data = yaml.load(example.read_text(), Loader=yaml.BaseLoader)  # every scalar as text
    jsonschema.validate(data, schema_for("answers"))


def test_schema_refuses_unknown_keys() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"task": "x", "outcom": "y"}, schema_for("answers"))


def test_answers_schema_documents_every_key() -> None:
    props = schema_for("answers")["properties"]
    for key in (
        "task",
        "owner",
        "delegated_by",
        "outcome",
        "deadline",
        "quality",
        "constraints",
        "decides_alone",
        "escalate_when",
        "consequences",
        "agreed_upfront",
        "checkpoints",
        "can_fail_differently",
        "perspective",
        "symptoms",
    ):
        assert key in props
        assert props[key].get("description") or "$ref" in props[key] or "anyOf" in props[key]


def test_the_light_field_lists_match_the_models() -> None:
    from clarity.core import record
    from clarity.core.models import Answers, Delegation, Symptoms

    assert tuple(Delegation.model_fields) == record.DELEGATION_FIELDS
    assert tuple(Symptoms.model_fields) == record.SYMPTOMS
    assert set(Answers.model_fields) - set(Delegation.model_fields) == {
        "perspective",
        "symptoms",
        "unknown",
        "clarified",
    }


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_each_schema_has_a_versioned_id(name: str) -> None:
    from clarity import __version__
    from clarity.core.reading.schemas import SCHEMA_BASE

    assert schema_for(name)["$id"] == f"{SCHEMA_BASE}/{__version__}/{name}.schema.json"


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
