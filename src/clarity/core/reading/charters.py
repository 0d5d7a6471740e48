"""Team charters, in YAML or Markdown, read into delegation records that keep their positions.

Both formats go through the same models (``Charter``, ``Delegation``) and the same validation
path as an answers file, so a charter means exactly what an answers file with the same values
means. Every delegation keeps where each of its values came from (1-based line and column), so
a finding can be put on the line a reviewer sees.

YAML::

    team: Client services
    delegations:
      - task: Weekly client report
        outcome: The client receives the report with all twelve KPIs
        decides_alone: [Which tools to use, When in the week to do the work]

Markdown (one ``##`` section per delegation; the heading is the task)::

    # Client services

    ## Weekly client report

    - **Outcome:** The client receives the report with all twelve KPIs
    - **Decides alone:**
      - Which tools to use
      - When in the week to do the work
    - **Agreed upfront:** yes

The Markdown reader is in ``charter_md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from clarity.core.errors import ClarityError
from clarity.core.limits import DEFAULT_LIMITS, Limits
from clarity.core.reading.yamlsafe import Document, PathKey, Pos, load_yaml, read_text
from clarity.core.record import DELEGATION_FIELDS, LIST_FIELDS
from clarity.core.rules.checks import is_empty
from clarity.core.values import FrozenValue

if TYPE_CHECKING:
    from clarity.core.models import Charter

CharterKind = Literal["yaml", "markdown"]


class FieldPositions(FrozenValue):
    """Where one field of a delegation is: its key (or label), its value, its list items."""

    __slots__ = ("items", "key", "value")
    __match_args__ = ("key", "value", "items")

    def __init__(self, key: Pos, value: Pos | None = None, items: tuple[Pos, ...] = ()) -> None:
        self.key = key
        self.value = value
        self.items = items


class CharterEntry(FrozenValue):
    """One delegation of a charter: its record for the engine, and where each value is."""

    __slots__ = ("anchor", "clarified", "fields", "record", "span", "task")
    __match_args__ = ("task", "record", "anchor", "span", "fields", "clarified")

    def __init__(
        self,
        task: str,
        record: dict[str, Any],
        anchor: Pos,
        span: tuple[int, int],
        fields: dict[str, FieldPositions] | None = None,
        clarified: dict[str, bool] | None = None,
    ) -> None:
        self.task = task
        self.record = record
        self.anchor = anchor
        self.span = span
        self.fields = {} if fields is None else fields
        #: The follow-up questions the charter answers (``clarified``), by rule id.
        self.clarified = {} if clarified is None else clarified

    def locate(self, name: str | None, index: int | None = None) -> Pos:
        """The (line, column) of a field's value (or list item: the first one unless
        ``index`` says which), or of the delegation's heading / ``task`` line when the field
        is not there. A field that is written but left empty is located at its key (label).
        """
        if name is None:
            return self.anchor
        where = self.fields.get(name)
        if where is None:
            return self.anchor
        if is_empty(self.record.get(name)):
            return where.key
        if where.items:
            return where.items[index if index is not None and 0 <= index < len(where.items) else 0]
        return where.value or where.key


class ParsedCharter(FrozenValue):
    """A charter read from one file."""

    __slots__ = ("entries", "kind", "path", "team", "text")
    __match_args__ = ("path", "kind", "text", "team", "entries")

    def __init__(
        self,
        path: str,
        kind: CharterKind,
        text: str,
        team: str | None,
        entries: list[CharterEntry],
    ) -> None:
        self.path = path
        self.kind = kind
        self.text = text
        self.team = team
        self.entries = entries

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The first and last line of each delegation, in file order."""
        return [entry.span for entry in self.entries]


def charter_kind(path: str) -> CharterKind:
    """Markdown for ``.md`` / ``.markdown`` files, YAML for everything else."""
    return "markdown" if path.lower().endswith((".md", ".markdown")) else "yaml"


def read_charter(
    path: Path, source: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> ParsedCharter:
    """Read and parse one charter file; any problem is a located ClarityError."""
    name = source if source is not None else str(path)
    return parse_charter(read_text(path, name, limits), name, charter_kind(name), limits)


def parse_charter(
    text: str, source: str, kind: CharterKind, limits: Limits = DEFAULT_LIMITS
) -> ParsedCharter:
    """Parse a charter's text (YAML or Markdown) into delegations with positions."""
    if kind == "markdown":
        from clarity.core.reading.charter_md import parse_markdown

        return parse_markdown(text, source, limits)
    return _parse_yaml(text, source, limits)


# ---------------------------------------------------------------------------------------------
# YAML


def _parse_yaml(text: str, source: str, limits: Limits) -> ParsedCharter:
    doc = load_yaml(text, source, limits)
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        raise ClarityError(
            "a charter must be a mapping with 'team:' and 'delegations:'",
            location=doc.where(()),
            hint="start the file with 'delegations:' and a list of delegation records",
        )
    listed = doc.data.get("delegations")
    if isinstance(listed, list) and len(listed) > limits.max_delegations:
        from clarity.core.reading.bounds import check_delegations

        check_delegations(len(listed), doc.where(("delegations", limits.max_delegations)), limits)
    team, records, told = validate_records(doc, None)
    lines = text.split("\n")
    starts = [_yaml_start(doc, i) for i in range(len(records))]
    entries = []
    for i, record in enumerate(records):
        prefix: PathKey = ("delegations", i)
        fields: dict[str, FieldPositions] = {}
        raw = doc.data["delegations"][i]
        for name in DELEGATION_FIELDS:
            if name not in raw:
                continue
            key = doc.key_positions.get((*prefix, name)) or doc.positions[prefix]
            value = doc.positions.get((*prefix, name))
            items: tuple[Pos, ...] = ()
            if name in LIST_FIELDS:
                items = _yaml_items(doc, (*prefix, name), raw[name], lines)
            fields[name] = FieldPositions(key, value, items)
        anchor = doc.key_positions.get((*prefix, "task")) or doc.positions[prefix]
        following = starts[i + 1] if i + 1 < len(starts) else None
        last = following - 1 if following else _yaml_last_line(doc, prefix, lines)
        span = (starts[i], trim_blank(lines, starts[i], last))
        entries.append(CharterEntry(record["task"], record, anchor, span, fields, told[i]))
    return ParsedCharter(source, "yaml", text, team, entries)


def join_path(path: PathKey, *more: str | int) -> PathKey:
    """A longer document path (written as a call: mypy for 3.10 refuses `d[(*p, k)]`)."""
    return (*path, *more)


def _yaml_start(doc: Document, index: int) -> int:
    """The first line of a delegation: its ``- task:`` line (or wherever its mapping starts)."""
    return doc.positions[("delegations", index)][0]


def _yaml_last_line(doc: Document, prefix: PathKey, lines: list[str]) -> int:
    """The last line of the last delegation: its values, and lines indented like its keys."""
    inner = [pos[0] for path, pos in doc.positions.items() if path[: len(prefix)] == prefix]
    last = max(inner)
    column = doc.positions[prefix][1]
    while last < len(lines):
        following = lines[last]
        stripped = following.lstrip(" ")
        if stripped and len(following) - len(stripped) < column - 1:
            break
        last += 1
    return last


def trim_blank(lines: list[str], first: int, last: int) -> int:
    """``last`` moved up past blank lines (never above ``first``); lines are 1-based."""
    while last > first and not lines[last - 1].strip():
        last -= 1
    return last


def _yaml_items(doc: Document, path: PathKey, raw: Any, lines: list[str]) -> tuple[Pos, ...]:
    """The positions of the list items the model keeps (empty items are dropped)."""
    if isinstance(raw, list):
        return tuple(
            doc.positions[join_path(path, j)]
            for j, item in enumerate(raw)
            if isinstance(item, str) and item.strip()
        )
    if isinstance(raw, str):
        start = doc.positions.get(path)
        if start is None:
            return ()
        source_line = lines[start[0] - 1] if start[0] - 1 < len(lines) else ""
        cursor = start[1] - 1
        found = []
        for part in raw.split(";"):
            piece = part.strip()
            if not piece:
                continue
            at = source_line.find(piece, cursor)
            if at == -1:
                found.append(start)
            else:
                found.append((start[0], at + 1))
                cursor = at + len(piece)
        return tuple(found)
    return ()


# ---------------------------------------------------------------------------------------------
# Validation: the models, the one validator of a charter


def validate_records(
    doc: Document, labels: dict[tuple[int, str], str] | None
) -> tuple[str | None, list[dict[str, Any]], list[dict[str, bool]]]:
    """The team, the delegation records of a charter document and the follow-up questions
    each answers (``clarified``), validated by the models (which also make the located
    error)."""
    from clarity.core.models import record_of

    charter = validate_charter(doc, labels)
    records = [record_of(delegation) for delegation in charter.delegations]
    _refuse_duplicate_tasks(records, doc, markdown=labels is not None)
    return charter.team, records, [d.clarified for d in charter.delegations]


def validate_charter(doc: Document, labels: dict[tuple[int, str], str] | None) -> Charter:
    """Validate a charter document; errors name file:line:col (and the Markdown label)."""
    from clarity.core.models import Charter
    from clarity.core.reading.records import RecordError
    from clarity.core.reading.validation import first_error, located

    try:
        charter = Charter.validate(doc.data)
    except RecordError as exc:
        error = located(exc, doc, Charter)
        loc = tuple(first_error(exc)["loc"])
        if labels is not None and len(loc) >= 3 and loc[0] == "delegations":
            index, name = loc[1], loc[2]
            if isinstance(index, int) and isinstance(name, str):
                key = "the heading" if name == "task" else labels.get((index, name), name)
                raise ClarityError(
                    error.message, location=error.location, key=key, hint=error.hint
                ) from None
        raise error from None
    return charter


def _refuse_duplicate_tasks(
    records: list[dict[str, Any]], doc: Document, *, markdown: bool
) -> None:
    """A delegation is known by its task (in findings, suppressions, baselines and SARIF
    fingerprints), so two with the same task would be mixed up: refuse the second."""
    first: dict[str, int] = {}
    for i, record in enumerate(records):
        task = " ".join(str(record["task"]).casefold().split())
        if task not in first:
            first[task] = i
            continue
        where = doc.where(("delegations", i, "task"))
        earlier = doc.where(("delegations", first[task], "task"))
        raise ClarityError(
            f"the delegation '{record['task']}' is given twice (first at line {earlier.line})",
            location=where,
            key="the heading" if markdown else f"delegations[{i}].task",
            hint="give each delegation its own task, or merge the two",
        )
