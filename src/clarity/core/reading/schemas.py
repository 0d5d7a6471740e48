"""JSON Schemas generated from the models, for editors and for other tools.

They are generated here, committed under ``schemas/`` and shipped inside the package
(``clarity/schemas``), where ``clarity schema`` and ``clarity init`` read them. Each one's
``$id`` carries the clarity version that wrote it (``SCHEMA_BASE/VERSION/NAME.schema.json``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity import __version__
from clarity.core import models

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
    from clarity.core.rules.pack_models import PackFile
    from clarity.core.settings.config_models import Config
    from clarity.core.state.session import SessionFile

    return {"rules": PackFile, "config": Config, "session": SessionFile}


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one of clarity's file formats: the record types'
    from their own table (``models.json_schema``), the other files' from their pydantic
    models; a session's items are records."""
    records = {"answers": models.Answers, "delegation": models.Delegation}
    if name in records or name == "charter":
        schema = record_schema(records.get(name, models.Charter))
    else:
        schema = _models()[name].model_json_schema(by_alias=True)
    if name == "session":
        defs = {**schema.get("$defs", {}), **record_schema_defs(models.SessionItem)}
        defs["SessionItem"] = record_schema(models.SessionItem)
        defs["SessionItem"].pop("$defs", None)
        schema["$defs"] = dict(sorted(defs.items()))
        schema["properties"]["items"].update(items={"$ref": "#/$defs/SessionItem"}, minItems=1)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(name),
        **schema,
    }


# The record types' schemas, written from their table (``models.FIELDS``)


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


def _title(name: str) -> str:
    return " ".join(part.capitalize() for part in name.split("_"))


def _property(field: models.Field) -> dict[str, Any]:
    text = {"type": "string"}
    nothing = {"type": "null"}
    kind, about_only = field.kind, {"description": field.description}
    about = {**about_only, "title": _title(field.name)}
    if kind == "task":
        return {"minLength": 1, **about, "type": "string"}
    if kind in ("text", "team"):
        return {"anyOf": [text, nothing], "default": None, **about}
    if kind == "list":
        words = {"description": "items separated with ';'", "type": "string"}
        return {"anyOf": [{"items": text, "type": "array"}, words, nothing], **about}
    if kind == "yesno":
        from clarity.core.reading.records import YES_NO_WORDS

        pattern = r"^\s*(" + "|".join(_any_case(w) for w in YES_NO_WORDS) + r")?\s*$"
        choices = [{"type": "boolean"}, {"pattern": pattern, "type": "string"}, {"enum": [0, 1]}]
        return {"anyOf": [*choices, nothing], "default": None, **about}
    view = {"enum": list(models.PERSPECTIVES), "type": "string"}
    if kind == "perspective":
        return {"default": "leader", **about, **view}
    if kind == "perspective?":
        return {"anyOf": [view, nothing], "default": None, **about}
    symptoms = {"$ref": "#/$defs/Symptoms"}
    if kind == "symptoms":
        return {**symptoms, **about_only}
    if kind == "symptoms?":
        return {"anyOf": [symptoms, nothing], "default": None, **about_only}
    if kind == "level":
        return {"anyOf": [{"$ref": "#/$defs/Level"}, nothing], "default": None, **about_only}
    if kind == "unknown":
        return {**about, "items": text, "type": "array"}
    if kind == "clarified":
        return {"additionalProperties": {"type": "boolean"}, **about, "type": "object"}
    return {**about, "items": {"$ref": "#/$defs/Delegation"}, "type": "array"}


def _object(model: type) -> dict[str, Any]:
    fields = models.FIELDS[model]
    schema: dict[str, Any] = {
        "additionalProperties": False,
        "description": (model.__doc__ or "").strip(),
        "properties": {f.name: _property(f) for f in fields},
    }
    if any(f.kind == "task" for f in fields):
        schema["required"] = ["task"]
    return {**schema, "title": model.__name__, "type": "object"}


def record_schema(model: type) -> dict[str, Any]:
    """The JSON Schema of a record type, with the definitions it refers to under ``$defs``."""
    defs = record_schema_defs(model)
    body = _object(model)
    return {"$defs": defs, **body} if defs else body


def record_schema_defs(model: type) -> dict[str, Any]:
    """The definitions a record type's schema refers to (``$defs``), by name."""
    kinds = {f.kind for f in models.FIELDS[model]}
    defs: dict[str, Any] = {}
    if kinds & {"symptoms", "symptoms?"}:
        defs["Level"] = {
            "description": (models.Level.__doc__ or "").strip(),
            "enum": list(models.LEVELS),
            "title": "Level",
            "type": "string",
        }
        defs["Symptoms"] = _object(models.Symptoms)
    if "delegations" in kinds:
        defs["Delegation"] = _object(models.CharterDelegation)
    return defs
