"""Saved checks named ``journal:ID``: the one reader for every command that takes them
(``check --answers``, ``compare``, ``history``), and their answers as an answers file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.core.errors import ClarityError, Location

if TYPE_CHECKING:
    from clarity.core.state.journal import Entry, Journal

#: A saved check is written ``journal:12`` (check 12 of the journal).
JOURNAL_PREFIX = "journal:"


def is_saved(spec: str | None) -> bool:
    """Whether an answers source names a saved check."""
    return spec is not None and spec.startswith(JOURNAL_PREFIX)


def check_id(spec: str) -> int:
    """The number in ``journal:ID``, or one clear error."""
    number = spec[len(JOURNAL_PREFIX) :].strip()
    if not (number.isascii() and number.isdigit()) or len(number) > 18:
        raise ClarityError(
            f"'{spec}' does not name a saved check",
            location=Location(spec),
            hint="write journal:ID with the check's number, e.g. journal:12 "
            "('clarity history TASK' lists them)",
        )
    return int(number)


def saved_check(spec: str, journal: Journal) -> Entry:
    """The check ``journal:ID`` names, from an open journal."""
    return journal.get(check_id(spec))


def read_saved(spec: str, journal: Path | None) -> Entry:
    """The check ``journal:ID`` names, from the journal at ``journal`` (else the default)."""
    from clarity.core.state.journal import journal_path, open_journal

    number = check_id(spec)  # a bad name is told before the journal is opened
    with open_journal(journal_path(journal), create=False) as book:
        return book.get(number)


def saved_answers(entry: Entry) -> dict[str, Any]:
    """A saved check's answers as an answers file holds them, so that reading them back gives
    the same check: a question that was not asked is left out (it is unknown again), a text
    answer given empty is written empty (an answer, not unknown)."""
    from clarity.core.record import OPTIONAL_TEXT_FIELDS

    answers = entry.answers
    unknown = set(answers.get("unknown") or [])
    out: dict[str, Any] = {}
    for key, value in answers.items():
        if key == "unknown" or key in unknown or (key == "clarified" and not value):
            continue
        if key == "symptoms" and isinstance(value, dict):
            value = {
                name: level
                for name, level in value.items()
                if level is not None and f"symptoms.{name}" not in unknown
            }
        if value is None and key in OPTIONAL_TEXT_FIELDS:
            value = ""
        if value is not None:
            out[key] = value
    return out


def answers_yaml(entry: Entry) -> str:
    """A saved check's answers as YAML that ``clarity check --answers`` reads."""
    import yaml

    head = (
        f"# Answers of check {entry.id} ({entry.created_at}, {entry.perspective}'s view: "
        f"{entry.verdict}); run again with: clarity check --answers FILE\n"
    )
    body = yaml.safe_dump(
        saved_answers(entry), sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    return head + body


#: What the interview is told when it asks a task checked before: a line to show, and the
#: answers to offer as defaults (by answer field, ``symptoms.NAME`` for the signs).
Recalled = tuple[str, dict[str, Any]]


def recall(task: str, journal: Path | None, perspective: str) -> Recalled | None:
    """The answers of the latest saved check of ``task`` (in this perspective if there is
    one), to offer as the interview's defaults; None when there is none or the journal
    cannot be read (defaults are a convenience, never a reason for a check to fail)."""
    from clarity.core.state.history import find_task
    from clarity.core.state.journal import journal_path, open_journal

    try:
        with open_journal(journal_path(journal), create=False) as book:
            found = find_task(task, book.tasks())
            entries = book.entries(found) if found is not None else []
    except ClarityError:
        return None
    if not entries:
        return None
    mine = [e for e in entries if e.perspective == perspective]
    entry = (mine or entries)[-1]
    answers = saved_answers(entry)
    fields: dict[str, Any] = {}
    for key, value in answers.items():
        if key == "symptoms" and isinstance(value, dict):
            fields.update({f"symptoms.{name}": level for name, level in value.items()})
        elif key not in ("task", "perspective", "unknown", "clarified"):
            fields[key] = value
    when = entry.created_at[:10]
    note = f"Your answers from check {entry.id} of this task ({when}) are offered: Enter keeps one."
    return note, fields
