"""The one validator of a delegation record, an answers file, a session's item and a
charter: raw data read against the table of fields in ``models``.

Not pydantic, which clarity's other files (the configuration, rule packs, a session's own keys,
baselines) are read with, for one measured reason: ``clarity check --answers FILE`` took 170 ms
where yamllint takes 59 ms on the same file, and 86 ms of it went to importing pydantic (50 ms)
and building the four record models (36 ms). A record holds four kinds of value (text, a list
of texts, yes or no, a level), so its validator is short. What each kind accepts is what the
pydantic models accepted (tests/core/test_models.py), the errors keep pydantic's shape
(``type``, ``loc``, ``input``, ``ctx``, ``msg``) so ``validation`` words and locates them as it
does the other files' errors, and the JSON Schemas are written from the same table
(``schemas``).
"""

from __future__ import annotations

import re
from typing import Any

from clarity.core.models import FIELDS, CharterDelegation, Field, Level, Symptoms, field_names
from clarity.core.record import (
    LEVELS,
    PERSPECTIVES,
    RECORD_FIELDS,
    RULE_ID,
    parse_bool,
    split_list,
)

_RULE_ID = re.compile(RULE_ID)
_LEVEL = {level.value: level for level in Level}


class RecordError(ValueError):
    """Raw data that is not a valid record: every problem found, in pydantic's error shape."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        self._errors = errors
        super().__init__("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors))

    def errors(self) -> list[dict[str, Any]]:
        return self._errors


_Loc = tuple[Any, ...]
_BAD = object()  # (a value that failed: its error is recorded)
#: What pydantic's text strips (Rust's White_Space), which is not quite Python's str.strip().
_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
#: The words a yes/no answer may be, besides what ``record.parse_bool`` reads with spaces
#: around and in any case: pydantic's booleans, whose case only is ignored. The JSON Schema
#: lists them in this order (``schemas``).
YES_NO_WORDS = {
    **dict.fromkeys(("yes", "y", "true", "t", "on", "1"), True),
    **dict.fromkeys(("no", "n", "false", "f", "off", "0"), False),
}
_EXPECTED_LEVEL = ", ".join(f"'{v}'" for v in LEVELS[:-1]) + f" or '{LEVELS[-1]}'"
_EXPECTED_VIEW = " or ".join(f"'{v}'" for v in PERSPECTIVES)


def _fail(
    errors: list[dict[str, Any]], kind: str, loc: _Loc, value: Any, msg: str, **ctx: Any
) -> Any:
    error: dict[str, Any] = {"type": kind, "loc": loc, "msg": msg, "input": value}
    if ctx:
        error["ctx"] = ctx
    errors.append(error)
    return _BAD


def _text(value: Any, loc: _Loc, errors: list[dict[str, Any]]) -> Any:
    if isinstance(value, (bytes, bytearray)):
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return _fail(errors, "string_unicode", loc, value, "Input should be a valid string")
    if not isinstance(value, str):
        return _fail(errors, "string_type", loc, value, "Input should be a valid string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _fail(errors, "string_unicode", loc, value, "Input should be a valid string")
    return str(value).strip(_SPACE)


def _texts(value: Any, loc: _Loc, errors: list[dict[str, Any]]) -> Any:
    if not isinstance(value, (list, tuple)):
        return _fail(errors, "list_type", loc, value, "Input should be a valid list")
    items = [_text(item, (*loc, i), errors) for i, item in enumerate(value)]
    return _BAD if any(item is _BAD for item in items) else items


def _yes_no(value: Any, loc: _Loc, errors: list[dict[str, Any]]) -> Any:
    value = parse_bool(value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", "replace")
    if isinstance(value, str):
        if value.lower() in YES_NO_WORDS:
            return YES_NO_WORDS[value.lower()]
    elif isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    elif not isinstance(value, int) and not (isinstance(value, float) and value.is_integer()):
        return _fail(errors, "bool_type", loc, value, "Input should be a valid boolean")
    return _fail(errors, "bool_parsing", loc, value, "Input should be a valid boolean")


def _view(value: Any, loc: _Loc, errors: list[dict[str, Any]]) -> Any:
    if isinstance(value, str):
        value = value.strip().lower()
    if value in PERSPECTIVES:
        return value
    return _fail(
        errors, "literal_error", loc, value, f"Input should be {_EXPECTED_VIEW}",
        expected=_EXPECTED_VIEW,
    )  # fmt: skip


def _level(value: Any, loc: _Loc, errors: list[dict[str, Any]]) -> Any:
    if value is None:
        return None
    if isinstance(value, str) and value in _LEVEL:
        return _LEVEL[value]
    return _fail(
        errors, "enum", loc, value, f"Input should be {_EXPECTED_LEVEL}", expected=_EXPECTED_LEVEL
    )


def _value(field: Field, value: Any, loc: _Loc, errors: list[dict[str, Any]]) -> Any:
    """One key's value, read as its field says (pydantic's "before" steps, then the type)."""
    kind = field.kind
    if kind == "task":
        text = _text(value, loc, errors)
        if text is not _BAD and not text:
            return _fail(
                errors, "string_too_short", loc, text, "String should have at least 1 character",
                min_length=1,
            )  # fmt: skip
        return text
    if kind in ("text", "team"):
        if value is None:
            return None
        text = _text(value, loc, errors)
        return (text or None) if kind == "text" and text is not _BAD else text
    if kind == "list":
        if value is None:
            return []
        items = _texts(split_list(value) if isinstance(value, str) else value, loc, errors)
        return items if items is _BAD else [item for item in items if item]
    if kind == "yesno":
        return _yes_no(value, loc, errors)
    if kind in ("perspective", "perspective?"):
        return None if value is None and kind == "perspective?" else _view(value, loc, errors)
    if kind in ("symptoms", "symptoms?"):
        if value is None:
            return None if kind == "symptoms?" else Symptoms()
        if isinstance(value, dict):
            value = {k: (v.strip().lower() if isinstance(v, str) else v) for k, v in value.items()}
        return _record(Symptoms, value, loc, errors)
    if kind == "level":
        return _level(value, loc, errors)
    if kind == "unknown":
        names = _texts(value, loc, errors)
        if names is _BAD:
            return names
        for name in names:
            if name not in RECORD_FIELDS or name == "task":
                message = f"'{name}' is not a question that can be left unknown"
                return _fail(errors, "value_error", loc, value, f"Value error, {message}")
        return list(dict.fromkeys(names))
    if kind == "clarified":
        return _clarified(value, loc, errors)
    if kind == "delegations":
        if not isinstance(value, (list, tuple)):
            return _fail(errors, "list_type", loc, value, "Input should be a valid list")
        records = [
            _record(CharterDelegation, item, (*loc, i), errors) for i, item in enumerate(value)
        ]
        return _BAD if any(r is _BAD for r in records) else records
    raise AssertionError(kind)  # pragma: no cover - every kind of the table is read above


def _clarified(value: Any, loc: _Loc, errors: list[dict[str, Any]]) -> Any:
    if value is None:
        return {}
    if not isinstance(value, dict):
        return _fail(errors, "dict_type", loc, value, "Input should be a valid dictionary")
    out = {}
    for key, answer in value.items():
        if not isinstance(key, str) or not _RULE_ID.fullmatch(key):
            message = f"'{key}' is not a rule id (such as C104)"
            return _fail(errors, "value_error", loc, value, f"Value error, {message}")
        answer = parse_bool(answer)
        if not isinstance(answer, bool):
            message = f"the answer for {key} must be yes or no"
            return _fail(errors, "value_error", loc, value, f"Value error, {message}")
        out[key] = answer
    return out


def _record(model: type, data: Any, loc: _Loc, errors: list[dict[str, Any]]) -> Any:
    """A mapping read field by field, then its unknown keys refused (pydantic's order)."""
    if not isinstance(data, dict):
        return _fail(
            errors, "model_type", loc, data,
            f"Input should be a valid dictionary or instance of {model.__name__}",
            class_name=model.__name__,
        )  # fmt: skip
    fields = FIELDS[model]
    values = {}
    for field in fields:
        if field.name in data:
            values[field.name] = _value(field, data[field.name], (*loc, field.name), errors)
        elif field.kind == "task":
            _fail(errors, "missing", (*loc, field.name), data, "Field required")
    allowed = field_names(model)
    for key, value in data.items():
        if not isinstance(key, str):
            _fail(errors, "invalid_key", (*loc, key), key, "Keys should be strings")
        elif key not in allowed:
            _fail(errors, "extra_forbidden", (*loc, key), value, "Extra inputs are not permitted")
            errors[-1]["allowed"] = allowed  # (for "did you mean")
    if any(v is _BAD for v in values.values()) or (
        fields[0].kind == "task" and "task" not in values
    ):
        return _BAD
    return model(**values)


def validate(model: type, data: Any, loc: _Loc = ()) -> Any:
    """Raw data read as ``model`` (a record type of ``models``); a :class:`RecordError`
    lists every problem, in the order pydantic would (each key in the table's order, then the
    keys the table does not know)."""
    errors: list[dict[str, Any]] = []
    result = _record(model, data, loc, errors)
    if errors:
        raise RecordError(errors)
    return result
