"""JSON Schemas generated from the models, for editors and for other tools."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

SCHEMA_NAMES: tuple[str, ...] = (
    "answers",
    "delegation",
    "charter",
    "rules",
    "config",
    "session",
)
_BASE = "https://clarity.invalid/schemas"


def _models() -> dict[str, type[BaseModel]]:
    from clarity.core.config import Config
    from clarity.core.models import Answers, Charter, Delegation
    from clarity.core.pack import PackFile
    from clarity.core.session import SessionFile

    return {
        "answers": Answers,
        "delegation": Delegation,
        "charter": Charter,
        "rules": PackFile,
        "config": Config,
        "session": SessionFile,
    }


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one of clarity's file formats."""
    model = _models()[name]
    schema = model.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{_BASE}/{name}.schema.json",
        **schema,
    }
