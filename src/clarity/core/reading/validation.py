"""Turning validation errors into clarity's one-line, located errors: pydantic's, and the
record validator's (``records.RecordError``), which have the same shape."""

from __future__ import annotations

from difflib import get_close_matches
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from clarity.core.errors import ClarityError, Location
from clarity.core.reading.yamlsafe import Document, PathKey
from clarity.core.text import is_token, token

if TYPE_CHECKING:
    from pydantic import BaseModel

    M = TypeVar("M", bound=BaseModel)


class Errors(Protocol):
    """A validation error that lists its problems: pydantic's ``ValidationError`` or
    ``records.RecordError``."""

    def errors(self) -> Any: ...


def data_path(data: Any, loc: tuple[Any, ...]) -> PathKey:
    """The path in the data that a pydantic ``loc`` points at (union tags are skipped)."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            path.append(part)
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str) and part.endswith("_"):
            alias = part[:-1]
            if alias in current:
                path.append(alias)
                current = current[alias]
    return tuple(path)


def _allowed(model: type, loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed where an unknown key was found: the record validator names them in
    its error, a pydantic model has them in its fields."""
    target: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(target, "model_fields", None)
        if fields is None or part not in fields:
            return []
        annotation = fields[part].annotation
        target = _model_in(annotation)
        if target is None:
            return []
    fields = getattr(target, "model_fields", {})
    return [info.alias or name for name, info in fields.items()]


def _model_in(annotation: Any) -> Any:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def describe(error: Any, allowed: list[str], *, private: bool = False) -> tuple[str, str | None]:
    """A short message and a hint for one pydantic error. ``private``: the file is not a
    clarity input, and only word-like tokens of it are quoted (see ``text.token``)."""
    kind = error["type"]
    loc = error["loc"]
    name = str(loc[-1]) if loc else ""
    value = error.get("input")
    if private:
        return _describe(kind, error, allowed, token(name), _private(value), private)
    return _describe(kind, error, allowed, f"'{name}'", _show(value), private)


def _private(value: Any) -> str:
    return token(value) if isinstance(value, str) and value else _show(value)


def _describe(
    kind: str, error: Any, allowed: list[str], key: str, shown: str, private: bool
) -> tuple[str, str | None]:
    loc = error["loc"]
    name = str(loc[-1]) if loc else ""
    value = error.get("input")
    if kind == "extra_forbidden":
        close = get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else None
        if hint is None and allowed:
            hint = "known keys: " + ", ".join(allowed)
        return f"unknown key {key}", hint
    if kind == "missing":
        return "a required key is missing", f"add '{name}'"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected yes or no, got {shown}", "answer yes or no"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"unexpected value {shown}", f"use one of {expected}".replace("'", "")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"unexpected value {shown}", f"use one of {expected}".replace("'", "")
    if kind in ("string_type",):
        return f"expected text, got {_kind_of(value)}", "write it as text"
    if kind in ("list_type",):
        return f"expected a list, got {_kind_of(value)}", "write one item per '- ' line"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping, got {_kind_of(value)}", "write 'key: value' lines"
    ctx = error.get("ctx") or {}
    if kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        return f"{_number(value, private)} is too large", f"give at most {_bound(bound)}"
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        return f"{_number(value, private)} is too small", f"give at least {_bound(bound)}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number, got {shown}", None
    if kind in ("float_parsing", "float_type"):
        return f"expected a number, got {shown}", None
    if kind == "string_unicode":
        return "the text holds bytes that are not UTF-8", "give it as UTF-8 text"
    if kind == "string_too_short":
        return "must not be empty", None
    message = str(error.get("msg", "invalid value"))
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    hint = None
    if "; did you mean" in message:
        message, _, rest = message.partition("; ")
        hint = rest
    return message, hint


def _number(value: Any, private: bool = False) -> str:
    text = str(value)
    if private and not is_token(text):
        return "the value"
    return text if len(text) <= 40 else text[:37] + "..."


def _bound(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _show(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return repr(text)
    return _kind_of(value)


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def key_label(path: PathKey, *, private: bool = False) -> str:
    label = ""
    for part in path:
        if isinstance(part, int):
            label += f"[{part}]"
        else:
            name = str(part)
            if private and not is_token(name):
                name = "<key>"
            label = f"{label}.{name}" if label else name
    return label


def _allowed_for(error: Any, model: type) -> list[str]:
    if error["type"] != "extra_forbidden":
        return []
    return list(error.get("allowed") or _allowed(model, tuple(error["loc"])))


def first_error(exc: Errors) -> Any:
    """The error to report: the first, except that a misspelt key explains a missing one
    beside it, so an unknown key is named before a missing key of the same mapping."""
    errors = exc.errors()
    first = errors[0]
    if first["type"] == "missing":
        parent = tuple(first["loc"][:-1])
        for error in errors:
            if error["type"] == "extra_forbidden" and tuple(error["loc"][:-1]) == parent:
                return error
    return first


def located(exc: Errors, doc: Document, model: type, *, private: bool = False) -> ClarityError:
    """The first validation error as a ClarityError naming file:line:col and the key
    (``private``: the file is not a clarity input, see ``describe``)."""
    error = first_error(exc)
    loc = tuple(error["loc"])
    if error["type"] == "extra_forbidden" or error["type"] == "missing":
        parent = data_path(doc.data, loc[:-1])
        path = (*parent, loc[-1]) if loc else parent
    else:
        path = data_path(doc.data, loc)
    message, hint = describe(error, _allowed_for(error, model), private=private)
    if error["type"] == "missing":
        where = doc.where(path[:-1])
    elif error["type"] == "extra_forbidden":
        where = doc.key_where(path)
    else:
        where = doc.where(path)
    label = key_label(path, private=private) or None
    return ClarityError(message, location=where, key=label, hint=hint)


def validate(
    model: type[M],
    doc: Document,
    *,
    context: dict[str, Any] | None = None,
    private: bool = False,
) -> M:
    """Validate a loaded document against a model (a pydantic model, or a record type of
    ``models``, read by ``records``), or raise a located ClarityError. ``private``: the file is
    not a clarity input (configuration, rule pack, session, baseline), and its error quotes no
    more of it than a word-like token."""
    if not hasattr(model, "model_validate"):
        from clarity.core.reading import records

        try:
            result: M = records.validate(model, doc.data)
            return result
        except records.RecordError as exc:
            raise located(exc, doc, model, private=private) from None
    from pydantic import ValidationError

    try:
        return model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        raise located(exc, doc, model, private=private) from None


def unlocated(exc: Errors, model: type, source: str) -> ClarityError:
    """A validation error for data that has no document positions (``--set``, prompts)."""
    error = first_error(exc)
    loc = tuple(error["loc"])
    message, hint = describe(error, _allowed_for(error, model))
    label = ".".join(str(p) for p in loc if not isinstance(p, int)) or None
    return ClarityError(message, location=Location(source), key=label, hint=hint)
