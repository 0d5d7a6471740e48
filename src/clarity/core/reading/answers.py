"""Answers from a file, from ``--set`` and from the interview: one validation path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clarity.core.errors import ClarityError, Location
from clarity.core.limits import DEFAULT_LIMITS, Limits, text_too_long
from clarity.core.models import (
    BOOL_FIELDS,
    LIST_FIELDS,
    RECORD_FIELDS,
    Answers,
    Symptoms,
    field_names,
    split_list,
)
from clarity.core.reading.records import RecordError
from clarity.core.reading.validation import located, unlocated
from clarity.core.reading.yamlsafe import Document, decode, load_yaml, read_bytes
from clarity.core.record import parse_bool, say
from clarity.core.rules.pack import CompiledRule, Question
from clarity.core.text import unify_newlines


def load_answers_text(text: str, source: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse an answers file (YAML, or JSON which is read the same way)."""
    try:
        doc = load_yaml(text, source, limits)
    except ClarityError:
        if not text.lstrip().startswith("{"):
            raise
        doc = _load_json(text, source, limits)
    if doc.data is None:
        raise ClarityError(
            "the answers file is empty",
            location=Location(source, 1, 1),
            hint="write the answers as 'key: value' lines (see clarity schema answers)",
        )
    if not isinstance(doc.data, dict):
        raise ClarityError(
            f"the answers must be a mapping of keys to answers, not {_kind(doc.data)}",
            location=doc.where(()),
            hint="write the answers as 'key: value' lines",
        )
    _check_keys(doc)
    return doc


def _check_keys(doc: Document) -> None:
    """Refuse an unknown key before anything else: a misspelt key would otherwise show up
    as the required answer it was meant to be, missing."""
    from difflib import get_close_matches

    data = doc.data
    tables: list[tuple[tuple[str, ...], dict[str, Any], list[str]]] = [
        ((), data, field_names(Answers))
    ]
    if isinstance(data.get("symptoms"), dict):
        tables.append((("symptoms",), data["symptoms"], field_names(Symptoms)))
    for prefix, table, known in tables:
        for key in table:
            if key in known:
                continue
            name = str(key)
            close = get_close_matches(name, known, n=1, cutoff=0.6)
            raise ClarityError(
                f"unknown key '{name}'",
                location=doc.key_where((*prefix, name)),
                key=".".join((*prefix, name)),
                hint=f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(known),
            )


def _kind(value: Any) -> str:
    return "a list" if isinstance(value, list) else "a single value"


def _load_json(text: str, source: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """JSON that YAML could not read, under the same limits; numbers stay text, like YAML's."""
    from clarity.core.reading.bounds import check_nesting, check_size, check_texts

    check_size(text, source, limits)
    check_nesting(text, source, limits.max_depth, "json")

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise ClarityError(f"duplicate key '{key}'", location=Location(source))
            out[key] = value
        return out

    try:
        data = json.loads(
            text, object_pairs_hook=pairs, parse_int=str, parse_float=str, parse_constant=str
        )
    except json.JSONDecodeError as exc:
        raise ClarityError(
            f"not valid JSON: {exc.msg}", location=Location(source, exc.lineno, exc.colno)
        ) from None
    doc = Document(data=data, source=source)
    check_texts(doc, limits)
    return doc


def read_answers(
    path: str, stdin_text: str | bytes | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """Read an answers file by path, or ``-`` for what was read from standard input (bytes
    are decoded as a file's would be: UTF-8, a byte-order mark allowed)."""
    if path == "-":
        if isinstance(stdin_text, bytes):
            stdin_text = decode(stdin_text, "<stdin>")
        return load_answers_text(unify_newlines(stdin_text or ""), "<stdin>", limits)
    raw = read_bytes(Path(path), path, limits)
    return load_answers_text(decode(raw, path), path, limits)


def check_option_text(value: str, option: str, limits: Limits, key: str | None = None) -> None:
    """A text given on the command line is bounded as a file's text is (``max_text_chars``)."""
    if len(value) > limits.max_text_chars:
        raise text_too_long(limits, Location(option), key)


def parse_sets(pairs: list[str], limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    """``--set KEY=VALUE`` pairs as answers (``symptoms.sign_offs=often``, ``constraints=a; b``)."""
    data: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        check_option_text(value, "--set", limits, key[:40] or None)
        if not sep or not key:
            raise ClarityError(
                f"'{pair}' is not KEY=VALUE",
                location=Location("--set"),
                hint="write it as --set outcome='the report is sent'",
            )
        if key not in RECORD_FIELDS and key != "perspective":
            from difflib import get_close_matches

            close = get_close_matches(key, [*RECORD_FIELDS, "perspective"], n=1)
            raise ClarityError(
                f"unknown key '{key}'",
                location=Location("--set"),
                hint=f"did you mean '{close[0]}'?" if close else "see clarity schema answers",
            )
        if key.startswith("symptoms."):
            data.setdefault("symptoms", {})[key.split(".", 1)[1]] = value
        elif key in LIST_FIELDS:
            data[key] = split_list(value)
        else:
            data[key] = value
    return data


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Later answers win; symptoms merge one by one."""
    out = dict(base)
    for key, value in override.items():
        if key == "symptoms" and isinstance(out.get("symptoms"), dict) and isinstance(value, dict):
            out["symptoms"] = {**out["symptoms"], **value}
        else:
            out[key] = value
    return out


def get_answer(data: dict[str, Any], field: str) -> tuple[bool, Any]:
    """Whether the field was answered at all, and the answer."""
    if field.startswith("symptoms."):
        symptoms = data.get("symptoms")
        name = field.split(".", 1)[1]
        if isinstance(symptoms, dict) and name in symptoms:
            return True, symptoms[name]
        return False, None
    if field in data:
        return True, data[field]
    return False, None


def set_answer(data: dict[str, Any], field: str, value: Any) -> None:
    if field.startswith("symptoms."):
        symptoms = data.setdefault("symptoms", {})
        if isinstance(symptoms, dict):
            symptoms[field.split(".", 1)[1]] = value
    else:
        data[field] = value


def flat(data: dict[str, Any]) -> dict[str, Any]:
    """Raw answers as the flat record conditions read (for deciding which questions apply)."""
    record = {k: v for k, v in data.items() if k != "symptoms"}
    for name in BOOL_FIELDS:
        if isinstance(record.get(name), str):
            parsed = parse_bool(record[name])
            record[name] = parsed if isinstance(parsed, bool) else record[name].strip().lower()
    symptoms = data.get("symptoms")
    if isinstance(symptoms, dict):
        for key, value in symptoms.items():
            record[f"symptoms.{key}"] = value.strip().lower() if isinstance(value, str) else value
    return record


def applies(question: Question, data: dict[str, Any]) -> bool:
    """Whether a question is asked, given the answers so far (follow-ups only when called for):
    its condition, compiled with the pack, holds."""
    check = question.check
    return check is None or check(flat(data), frozenset()) is not None


def _unanswered(data: dict[str, Any], questions: list[Question]) -> list[Question]:
    """The questions the answers do not answer, in order."""
    symptoms = data.get("symptoms")
    inner = symptoms if isinstance(symptoms, dict) else {}
    out = []
    for question in questions:
        name = question.field
        if name.startswith("symptoms."):
            if name[9:] not in inner:
                out.append(question)
        elif name not in data:
            out.append(question)
    return out


def complete(
    data: dict[str, Any], questions: list[Question], source: str, perspective: str = "leader"
) -> dict[str, Any]:
    """Settle the questions the answers leave out. A follow-up that does not apply takes its
    default (unless what decides that is itself unknown); any other question not asked is
    *unknown* (listed under ``unknown``), which the rules leave alone rather than count as a
    failure. Only the task must always be given."""
    out = merge({}, data)
    view = "report" if out.get("perspective", perspective) == "report" else "leader"
    given = out.get("unknown")
    unknown: list[str] = list(given) if isinstance(given, list) else []
    for question in _unanswered(out, questions):
        answered, _ = get_answer(out, question.field)  # (a default may have answered it)
        if answered or question.field in unknown:
            continue
        if not applies(question, out):
            if unknown and not set(unknown).isdisjoint(question.reads):
                # (its condition reads an answer nobody gave: whether it applies is unknown)
                unknown.append(question.field)
            elif question.default is not None:
                set_answer(out, question.field, question.default)
            continue
        if question.field == "task":
            raise ClarityError(
                f"missing required answer 'task' ({say(question.prompt, view)})",
                location=Location(source),
                hint="add 'task:' to the answers, or pass --set task=...",
            )
        unknown.append(question.field)
    if unknown or given is not None:
        out["unknown"] = unknown if given is None or isinstance(given, list) else given
    return out


def follow_ups(rules: list[CompiledRule], data: dict[str, Any], field: str) -> list[CompiledRule]:
    """The rules whose follow-up question the answer to ``field`` brings: the rule cannot tell
    from the answers so far (its ``ask.when`` holds) and the leader has not settled it yet."""
    told = data.get("clarified")
    settled = told if isinstance(told, dict) else {}
    record = flat(data)
    return [
        compiled
        for compiled in rules
        if compiled.ask is not None
        and field in compiled.ask_reads
        and compiled.rule.id not in settled
        and compiled.ask(record, frozenset()) is not None
    ]


def build_answers(
    data: dict[str, Any],
    doc: Document | None,
    source: str,
    set_keys: frozenset[str] = frozenset(),
) -> Answers:
    """Validate answers. Errors point into the file, or at ``--set`` for values given there."""
    try:
        return Answers.validate(data)
    except RecordError as exc:
        loc = exc.errors()[0]["loc"]
        top = (
            ".".join(str(p) for p in loc[:2])
            if loc and loc[0] == "symptoms"
            else (str(loc[0]) if loc else "")
        )
        if top in set_keys:
            raise unlocated(exc, Answers, "--set") from None
        if doc is not None:
            view = Document(data, doc.source, doc.positions, doc.key_positions)
            raise located(exc, view, Answers) from None
        raise unlocated(exc, Answers, source) from None
