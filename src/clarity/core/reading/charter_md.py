"""Markdown charters: one ``##`` section per delegation, fields as ``- **Label:** value`` items.

* The heading is the task; an optional ``# Title`` (or a ``Team:`` line before the first
  section) names the team.
* A field is a list item whose text starts with a bold label: the field name with spaces
  (``Delegated by``, ``Decides alone``, ``Escalate when``, ``Agreed upfront``, ``Can fail
  differently``, ...), in any case, with the colon inside or outside the bold.
* List fields take nested bullets, or items separated with ``;`` on the label's line; a value
  may wrap onto the following lines. The yes/no fields take ``yes`` or ``no``.
* Everything else (prose, other list items, deeper headings, code blocks, HTML comments) is
  ignored; an unknown label is an error with a "did you mean".

The reader works line by line with the plain string operations of ``markdown_lines`` (no
regular expression ever runs on the user's text), so its time is linear in the size of the
file. The result goes through the same ``Charter`` model, and the same located errors, as a
YAML charter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Any

from clarity.core.errors import ClarityError, Location
from clarity.core.limits import Limits, text_too_long
from clarity.core.reading.bounds import check_size
from clarity.core.reading.charters import (
    CharterEntry,
    FieldPositions,
    ParsedCharter,
    join_path,
    trim_blank,
    validate_records,
)
from clarity.core.reading.markdown_lines import (
    blank_comments,
    bold_label,
    bullet_of,
    fence_of,
    heading_of,
    heading_text,
    indent_of,
)
from clarity.core.reading.yamlsafe import Document, PathKey, Pos
from clarity.core.record import BOOL_FIELDS, DELEGATION_FIELDS, LIST_FIELDS

#: The Markdown label of each field: the field name with spaces ("Decides alone").
LABELS: dict[str, str] = {
    name: name.replace("_", " ").capitalize()
    for name in (*DELEGATION_FIELDS, "clarified")
    if name != "task"
}
_BY_LABEL: dict[str, str] = {label.lower(): name for name, label in LABELS.items()}


@dataclass
class _Chunk:
    line: int
    column: int
    text: str


@dataclass
class _Field:
    name: str
    label: str
    indent: int
    key: Pos
    inline: list[_Chunk] = field(default_factory=list)
    nested: list[list[_Chunk]] = field(default_factory=list)


@dataclass
class _Section:
    task: str
    heading: Pos
    task_pos: Pos
    first_line: int
    last_line: int = 0
    fields: dict[str, _Field] = field(default_factory=dict)


def _label_key(label: str) -> str:
    return " ".join(label.lower().replace("_", " ").replace("-", " ").split())


def _chunk(line: int, start: int, text: str) -> _Chunk | None:
    """Text starting at 0-based index ``start`` of a line, stripped, with its 1-based column."""
    stripped = text.lstrip()
    if not stripped.strip():
        return None
    return _Chunk(line, start + (len(text) - len(stripped)) + 1, stripped.rstrip())


class _MarkdownReader:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
        self.title: str | None = None
        self.team: str | None = None
        self.sections: list[_Section] = []
        self.section: _Section | None = None
        self.open: _Field | None = None
        self.target: list[_Chunk] | None = None
        self.blank_before = False

    def error(self, line: int, column: int, message: str, *, key: str, hint: str) -> ClarityError:
        return ClarityError(
            message, location=Location(self.source, line, column), key=key, hint=hint
        )

    def read(self) -> None:
        fence: str | None = None
        in_comment = False
        for number, raw in enumerate(self.lines, 1):
            if fence is not None:
                width, first = indent_of(raw)
                closing = raw[first:].rstrip()
                if closing.startswith(fence) and not closing.strip(fence[0]):
                    fence = None
                continue
            line, in_comment = blank_comments(raw, in_comment)
            width, first = indent_of(line)
            content = line[first:]
            if not content.strip():
                if not raw.strip():  # a line holding only a comment is not a blank line
                    self.blank_before = True
                continue
            opened = fence_of(content) if width <= 3 else None
            if opened is not None:
                fence = opened
                self.close_field()
                continue
            heading = heading_of(content) if width <= 3 else None
            if heading is not None:
                self.on_heading(number, first, content, heading)
            else:
                self.on_text(number, first, width, content)
            self.blank_before = False
        self.end_section(len(self.lines))

    def close_field(self) -> None:
        self.open = None
        self.target = None

    def end_section(self, last: int) -> None:
        if self.section is not None:
            self.section.last_line = trim_blank(self.lines, self.section.first_line, last)
            self.section = None
        self.close_field()

    def on_heading(self, number: int, first: int, content: str, heading: tuple[int, int]) -> None:
        level, at = heading
        self.close_field()
        if level > 2:
            return
        self.end_section(number - 1)
        text = heading_text(content[at:])
        if level == 1:
            if self.title is None and not self.sections:
                self.title = text
            return
        column = first + at + 1 if text else first + 1
        self.section = _Section(
            task=text, heading=(number, first + 1), task_pos=(number, column), first_line=number
        )
        self.sections.append(self.section)

    def on_text(self, number: int, first: int, width: int, content: str) -> None:
        item = bullet_of(content)
        current = self.open
        if item is not None and current is not None and width > current.indent:
            self.nested_item(number, first + item, content[item:], current)
            return
        if item is not None:
            label = bold_label(content[item:])
            if label is not None:
                self.new_field(number, first + item, width, content[item:], label)
                return
            self.close_field()
            return
        if self.section is None and self.team is None:
            self.preamble(number, first, content)
        if (
            self.target is not None
            and current is not None
            and (not self.blank_before or width > current.indent)
        ):
            chunk = _chunk(number, first, content)
            if chunk is not None:
                self.target.append(chunk)
            return
        self.close_field()

    def preamble(self, number: int, first: int, content: str) -> None:
        label = bold_label(content)
        if label is not None and _label_key(label[0]) == "team":
            self.team = content[label[2] :].strip() or None
        elif content[:5].lower() == "team:":
            self.team = content[5:].strip() or None

    def nested_item(self, number: int, start: int, text: str, current: _Field) -> None:
        chunk = _chunk(number, start, text)
        if current.name not in LIST_FIELDS:
            raise self.error(
                number,
                start + 1,
                f"'{current.label}' takes one value, not a list",
                key=current.label,
                hint="write the value on the same line as the label",
            )
        item = [chunk] if chunk is not None else []
        current.nested.append(item)
        self.target = item

    def new_field(
        self, number: int, start: int, width: int, text: str, label: tuple[str, bool, int]
    ) -> None:
        self.close_field()
        written, colon, rest = label
        key = _label_key(written)
        name = _BY_LABEL.get(key)
        where = (number, start + 1)
        if self.section is None:
            if key == "team":
                self.team = text[rest:].strip() or None
            elif name is not None:
                raise self.error(
                    *where,
                    f"'{written}' is outside any delegation",
                    key=written,
                    hint="put it under a '## ' heading naming the task",
                )
            return
        if name is None:
            if key == "task":
                raise self.error(
                    *where,
                    "the task is the '## ' heading, not a field",
                    key=written,
                    hint="write the task as the section's heading",
                )
            if not colon:
                return  # bold text that is not a field: ignored like any other text
            close = get_close_matches(key, list(_BY_LABEL), n=1, cutoff=0.6)
            hint = (
                f"did you mean '{LABELS[_BY_LABEL[close[0]]]}'?"
                if close
                else "known fields: " + ", ".join(LABELS.values())
            )
            raise self.error(*where, f"unknown field '{written}'", key=written, hint=hint)
        earlier = self.section.fields.get(name)
        if earlier is not None:
            raise self.error(
                *where,
                f"'{written}' is given twice in this delegation (first at line {earlier.key[0]})",
                key=written,
                hint="keep one of them",
            )
        current = _Field(name, written, width, where)
        chunk = _chunk(number, start + rest, text[rest:])
        if chunk is not None:
            current.inline.append(chunk)
        self.section.fields[name] = current
        self.open = current
        self.target = current.inline


def _split_items(chunks: list[_Chunk]) -> list[tuple[str, Pos]]:
    """Items written on one line (or wrapped over several) and separated with ';'."""
    items: list[tuple[str, Pos]] = []
    parts: list[str] = []
    start: Pos | None = None
    for chunk in chunks:
        offset = 0
        for k, piece in enumerate(chunk.text.split(";")):
            if k > 0 and parts and start is not None:
                items.append((" ".join(parts), start))
                parts, start = [], None
            stripped = piece.strip()
            if stripped:
                if start is None:
                    start = (chunk.line, chunk.column + offset + len(piece) - len(piece.lstrip()))
                parts.append(stripped)
            offset += len(piece) + 1
    if parts and start is not None:
        items.append((" ".join(parts), start))
    return items


def _items(written: Any) -> list[tuple[str, Pos]]:
    """A list field's items and where each starts: on its line (';' between them), then its
    nested bullets."""
    items = _split_items(written.inline)
    for chunks in written.nested:
        value, pos = _joined(chunks)
        if value and pos is not None:
            items.append((value, pos))
    return items


def _clarified(written: Any, source: str) -> dict[str, str]:
    """The follow-ups a charter answers, ``RULE: yes`` or ``RULE: no`` items (as a list
    field's), as the mapping an answers file gives (validated with it)."""
    answers: dict[str, str] = {}
    for value, pos in _items(written):
        rule, colon, answer = value.partition(":")
        if not colon or not rule.strip() or not answer.strip():
            raise ClarityError(
                f"'{value}' is not a follow-up answer",
                location=Location(source, *pos),
                key=written.label,
                hint="write the rule and yes or no, such as 'B107: no'",
            )
        answers[rule.strip()] = answer.strip()
    return answers


def _joined(chunks: list[_Chunk]) -> tuple[str, Pos | None]:
    text = " ".join(chunk.text for chunk in chunks)
    return text, ((chunks[0].line, chunks[0].column) if chunks else None)


def _check_length(value: str, pos: Pos, label: str, source: str, limits: Limits) -> None:
    if len(value) > limits.max_text_chars:
        raise text_too_long(limits, Location(source, *pos), label)


def parse_markdown(text: str, source: str, limits: Limits) -> ParsedCharter:
    check_size(text, source, limits)
    reader = _MarkdownReader(text, source)
    reader.read()
    if len(reader.sections) > limits.max_delegations:
        from clarity.core.reading.bounds import check_delegations

        extra = reader.sections[limits.max_delegations].heading
        check_delegations(len(reader.sections), Location(source, *extra), limits)
    delegations: list[dict[str, Any]] = []
    doc = Document(data=None, source=source)
    labels: dict[tuple[int, str], str] = {}
    positions: list[dict[str, FieldPositions]] = []
    for i, section in enumerate(reader.sections):
        prefix: PathKey = ("delegations", i)
        doc.positions[prefix] = section.heading
        doc.positions[join_path(prefix, "task")] = section.task_pos
        record: dict[str, Any] = {"task": section.task}
        where = {"task": FieldPositions(section.heading, section.task_pos)}
        for name, written in section.fields.items():
            labels[(i, name)] = written.label
            doc.key_positions[join_path(prefix, name)] = written.key
            if name == "clarified":  # (items "B107: no", as a mapping of an answers file)
                record[name] = _clarified(written, source)
            elif name in LIST_FIELDS:
                items = _items(written)
                for value, pos in items:
                    _check_length(value, pos, written.label, source, limits)
                record[name] = [value for value, _ in items]
                for j, (_, pos) in enumerate(items):
                    doc.positions[join_path(prefix, name, j)] = pos
                first = items[0][1] if items else None
                where[name] = FieldPositions(written.key, first, tuple(p for _, p in items))
            else:
                value, at = _joined(written.inline)
                _check_length(value, at or written.key, written.label, source, limits)
                record[name] = value if value or name in BOOL_FIELDS else None
                where[name] = FieldPositions(written.key, at)
            placed = where.get(name)  # (none for the follow-up answers)
            doc.positions[join_path(prefix, name)] = (placed and placed.value) or written.key
        delegations.append(record)
        positions.append(where)
    doc.data = {"team": reader.team or reader.title, "delegations": delegations}
    team, records, told = validate_records(doc, labels)
    entries = [
        CharterEntry(
            record["task"],
            record,
            section.heading,
            (section.first_line, section.last_line),
            where,
            clarified,
        )
        for record, section, where, clarified in zip(
            records, reader.sections, positions, told, strict=True
        )
    ]
    return ParsedCharter(source, "markdown", text, team, entries)
