"""Validation of well-formed records without the models: exactly what they give, or nothing.

Most charters are plain: texts, lists of texts, yes/no answers. For those, the delegation
records are built here, as ``record_of(Delegation.model_validate(raw))`` would
give them, without loading pydantic; anything unusual (a wrong type, an unknown key, an empty
task, a lone surrogate) makes the fast path step aside, and the models decide and explain.
Property tests hold the two to each other. Measured: importing pydantic and the models costs
about 0.13 s, as much as all of yamllint's start, so ``lint`` over cached charters stays clear
of it. (Answers go through the models alone: one answers file gains nothing here.)
"""

from __future__ import annotations

from typing import Any

from clarity.core.record import BOOL_FIELDS, DELEGATION_FIELDS, LIST_FIELDS, parse_bool, split_list

#: What pydantic's ``str_strip_whitespace`` strips: Unicode White_Space (Python's ``str.strip``
#: would also strip U+001C..U+001F).
_WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_FIELDS = frozenset(DELEGATION_FIELDS)
_CHARTER_KEYS = frozenset({"team", "delegations"})


class Refused(Exception):
    """The fast path does not take this input: the models decide (and explain)."""


def clean_text(value: str) -> str:
    """A text as ``str_strip_whitespace`` leaves it (a lone surrogate: the models refuse)."""
    if not value.isascii():
        for char in value:
            if "\ud800" <= char <= "\udfff":  # the models refuse these: let them say so
                raise Refused
    return value.strip(_WHITESPACE)


#: Each field after ``task``, with its kind: a text, a list of texts, or a yes/no answer.
_TEXT, _LIST, _BOOL = 0, 1, 2
_KINDS = tuple(
    (name, _LIST if name in LIST_FIELDS else _BOOL if name in BOOL_FIELDS else _TEXT)
    for name in DELEGATION_FIELDS[1:]
)


def fast_record(raw: Any, keys: frozenset[str] = _FIELDS) -> dict[str, Any]:
    """One delegation exactly as ``record_of(Delegation.model_validate(raw))`` gives it.
    ``keys`` are the keys ``raw`` may have: the delegation's fields, and any others the
    caller reads itself."""
    if type(raw) is not dict:
        raise Refused
    for key in raw:
        if key not in keys:
            raise Refused
    task = raw.get("task")
    if type(task) is not str:
        raise Refused
    task = clean_text(task)
    if not task:
        raise Refused
    record: dict[str, Any] = {"task": task}
    get = raw.get
    for name, kind in _KINDS:
        value = get(name)
        if kind == _TEXT:
            if value is None:
                record[name] = None
            elif type(value) is str:
                record[name] = clean_text(value) or None
            else:
                raise Refused
        elif kind == _LIST:
            if value is None:
                record[name] = []
                continue
            if type(value) is str:
                value = split_list(value)
            elif type(value) is not list:
                raise Refused
            items = []
            for item in value:
                if type(item) is not str:
                    raise Refused
                item = clean_text(item)
                if item:
                    items.append(item)
            record[name] = items
        else:
            value = parse_bool(value)
            if value is not None and type(value) is not bool:
                raise Refused
            record[name] = value
    return record


def fast_records(data: Any) -> tuple[str | None, list[dict[str, Any]]] | None:
    """The team and the delegation records of a well-formed charter without the models, or
    None when the models must decide. Equal to what ``validate_charter`` then ``record_of``
    give (a property test holds them to it)."""
    if type(data) is not dict:
        return None
    try:
        for key in data:
            if key not in _CHARTER_KEYS:
                raise Refused
        team = data.get("team")
        if team is not None:
            if type(team) is not str:
                raise Refused
            team = clean_text(team)
        delegations = data.get("delegations", [])
        if type(delegations) is not list:
            raise Refused
        return team, [fast_record(raw) for raw in delegations]
    except Refused:
        return None
