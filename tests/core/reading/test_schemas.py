"""The JSON Schemas: committed copies up to date, versioned ids, every answers key documented."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from clarity.core.reading.schemas import SCHEMA_NAMES, schema_for
from tests.conftest import EXAMPLES, ROOT


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_committed_schema_is_up_to_date(name: str) -> None:
    committed = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text())
    assert committed == schema_for(name), f"run: clarity schema {name} > schemas/{name}.schema.json"


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


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_each_schema_has_a_versioned_id(name: str) -> None:
    from clarity import __version__
    from clarity.core.reading.schemas import SCHEMA_BASE

    assert schema_for(name)["$id"] == f"{SCHEMA_BASE}/{__version__}/{name}.schema.json"
