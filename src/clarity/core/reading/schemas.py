"""JSON Schemas generated from the models, for editors and for other tools.

They are generated here, committed under ``schemas/`` and shipped inside the package
(``clarity/schemas``), where ``clarity schema`` and ``clarity init`` read them. Each one's
``$id`` carries the clarity version that wrote it (``SCHEMA_BASE/VERSION/NAME.schema.json``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity import __version__

if TYPE_CHECKING:
    from pydantic import BaseModel

SCHEMA_NAMES: tuple[str, ...] = (
    "answers",
    "delegation",
    "charter",
    "rules",
    "config",
    "session",
)
#: Where the schemas are published, one folder per clarity version (the one place to change).
SCHEMA_BASE = "https://clarity.invalid/schemas"


def schema_id(name: str) -> str:
    """The versioned ``$id`` of one schema."""
    return f"{SCHEMA_BASE}/{__version__}/{name}.schema.json"


def shipped_schemas() -> Path:
    """The folder of the shipped schemas: inside the installed package, or the source tree's
    schemas/."""
    from clarity.core.places import shipped

    return shipped("schemas")


def shipped_text(name: str) -> str:
    """The shipped schema's text, exactly as committed (no model is loaded)."""
    from clarity.core.errors import ClarityError, Location

    path = shipped_schemas() / f"{name}.schema.json"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ClarityError(
            f"cannot read the shipped schema: {exc.strerror or exc}",
            location=Location(path.name),
            hint="reinstall clarity (pip install --force-reinstall clarity-test)",
        ) from None


def _models() -> dict[str, type[BaseModel]]:
    from clarity.core.models import Answers, Charter, Delegation
    from clarity.core.rules.pack_models import PackFile
    from clarity.core.settings.config import Config
    from clarity.core.state.session import SessionFile

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
        "$id": schema_id(name),
        **schema,
    }
