"""Safe YAML loading with positions.

The document is read as a stream of parser events (the C parser when it is available) and
built without recursion, so that:

* tags, anchors and aliases are refused where they appear (nothing is constructed, nothing is
  expanded, so no "billion laughs");
* nesting is bounded before it can grow (libyaml's own bound, 1,000 levels, stops a flow
  sequence it reads ahead; the events are refused past clarity's bound);
* duplicate keys are refused;
* every scalar stays text: ``no``, ``on``, ``12:30`` or ``012`` are never turned into
  booleans, times or numbers behind the user's back (the models decide what a field means);
* every value and key keeps its 1-based line and column for error messages and findings.
"""

from __future__ import annotations

from typing import Any

import yaml

from clarity.core.errors import ClarityError, Location
from clarity.core.limits import DEFAULT_LIMITS, Limits, input_too_large, raise_hint, text_too_long

# Reading files lives in clarity.core.reading.inputs; these names stay importable from here.
from clarity.core.reading.inputs import decode as decode
from clarity.core.reading.inputs import is_folder as is_folder
from clarity.core.reading.inputs import read_bytes as read_bytes
from clarity.core.reading.inputs import read_stream as read_stream
from clarity.core.reading.inputs import read_text as read_text
from clarity.core.text import lines_of, token
from clarity.core.values import Value

try:  # the C parser is much faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


PathKey = tuple[str | int, ...]
Pos = tuple[int, int]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class Document(Value):
    """Plain data (dicts, lists, str, None) and where each part of it came from."""

    __slots__ = ("data", "key_positions", "positions", "source")
    __match_args__ = ("data", "source", "positions", "key_positions")

    def __init__(
        self,
        data: Any,
        source: str,
        positions: dict[PathKey, Pos] | None = None,
        key_positions: dict[PathKey, Pos] | None = None,
    ) -> None:
        self.data = data
        self.source = source
        self.positions = {} if positions is None else positions
        self.key_positions = {} if key_positions is None else key_positions

    def where(self, path: PathKey) -> Location:
        """The location of the value at ``path``, or of its nearest enclosing part."""
        probe = tuple(path)
        while probe:
            pos = self.positions.get(probe) or self.key_positions.get(probe)
            if pos is not None:
                return Location(self.source, pos[0], pos[1])
            probe = probe[:-1]
        pos = self.positions.get(())
        if pos is not None:
            return Location(self.source, pos[0], pos[1])
        return Location(self.source, 1, 1)

    def key_where(self, path: PathKey) -> Location:
        """The location of the key of ``path`` (falls back to its value)."""
        pos = self.key_positions.get(tuple(path))
        if pos is not None:
            return Location(self.source, pos[0], pos[1])
        return self.where(path)


def _pos(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


#: Quotation marks that word processors put in place of straight ones: plain text to YAML.
_CURLY = ("\u201c", "\u201d", "\u2018", "\u2019")


def _error(source: str, mark: Any, message: str, hint: str | None = None) -> ClarityError:
    line, col = _pos(mark)
    return ClarityError(message, location=Location(source, line, col), hint=hint)


def _too_deep(source: str, mark: Any, limits: Limits) -> ClarityError:
    return _error(
        source,
        mark,
        f"nesting deeper than {limits.max_depth} levels",
        "flatten the document, or " + raise_hint("max_depth"),
    )


class _Mark:
    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


def _flow_bound(text: str, mark: Any, enclosing: int, limits: Limits) -> Any:
    """Where the flow brackets before libyaml's ``mark``, inside ``enclosing`` block levels
    (the flow levels are counted here, those handed out as events and those read ahead),
    first nest deeper than clarity's bound (quoted text skipped), or the mark itself. Only for
    text libyaml refused as nested beyond its own bound: PyYAML has no public way to lower that
    bound to clarity's."""
    depth = enclosing
    line = column = 0
    quote = ""
    for char in text[: mark.index + 1]:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > limits.max_depth:
                return _Mark(line, column)
        elif char in "]}":
            depth -= 1
        if char == "\n":
            line, column = line + 1, 0
        else:
            column += 1
    return mark


class _Frame:
    __slots__ = ("container", "flow", "key", "key_pos", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: PathKey, flow: bool) -> None:
        self.container = container
        self.path = path
        self.flow = flow
        self.key: str | None = None
        self.key_pos: Pos | None = None


def load_yaml(
    text: str, source: str, limits: Limits = DEFAULT_LIMITS, *, private: bool = False
) -> Document:
    """Parse one YAML document into plain data with positions, refusing anything unsafe.
    ``private``: the file is not a clarity input, and a duplicate key is quoted only when it
    is a word-like token (see ``text.token``)."""
    if len(text) > limits.max_file_bytes:
        raise input_too_large(limits, Location(source))
    doc = Document(data=None, source=source)
    positions = doc.positions
    key_positions = doc.key_positions
    stack: list[_Frame] = []
    root: Any = None
    have_root = False
    documents = 0
    loader = _Loader(text)
    try:
        while True:
            event: Any = loader.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _error(
                        source,
                        event.start_mark,
                        "a second YAML document ('---') in one file",
                        "keep one document per file",
                    )
                continue
            if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
                continue
            if kind is yaml.AliasEvent:
                raise _error(
                    source,
                    event.start_mark,
                    f"aliases (*{event.anchor}) are not allowed",
                    "write the value out in full",
                )
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                continue
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise _error(
                    source,
                    event.start_mark,
                    f"anchors (&{anchor}) are not allowed",
                    "write the value out in full",
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                raise _error(
                    source, event.start_mark, f"tags ({tag}) are not allowed", "remove the tag"
                )
            parent = stack[-1] if stack else None
            # A scalar that is a mapping key.
            if (
                kind is yaml.ScalarEvent
                and parent is not None
                and isinstance(parent.container, dict)
                and parent.key is None
            ):
                key = event.value
                if key in parent.container:
                    first = key_positions.get((*parent.path, key))
                    where = f" (first at line {first[0]})" if first else ""
                    shown = token(key) if private else f"'{key}'"
                    raise _error(
                        source,
                        event.start_mark,
                        f"duplicate key {shown}{where}",
                        "keep one of them",
                    )
                if len(key) > limits.max_text_chars:
                    raise _error(
                        source,
                        event.start_mark,
                        f"a key longer than {limits.max_text_chars} characters",
                        "shorten it",
                    )
                parent.key = key
                parent.key_pos = _pos(event.start_mark)
                continue
            if parent is not None and isinstance(parent.container, dict) and parent.key is None:
                raise _error(
                    source, event.start_mark, "a key must be plain text, not a list or mapping"
                )
            # Where this value goes.
            if parent is None:
                path: PathKey = ()
            elif isinstance(parent.container, dict):
                assert parent.key is not None
                path = (*parent.path, parent.key)
                assert parent.key_pos is not None
                key_positions[path] = parent.key_pos
            else:
                path = (*parent.path, len(parent.container))
            positions[path] = _pos(event.start_mark)
            value: Any
            if kind is yaml.ScalarEvent:
                text_value = event.value
                if len(text_value) > limits.max_text_chars:
                    raise text_too_long(limits, Location(source, *_pos(event.start_mark)))
                plain = event.style in (None, "")
                value = None if plain and text_value in _NULLS else text_value
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= limits.max_depth:
                    raise _too_deep(source, event.start_mark, limits)
                value = {} if kind is yaml.MappingStartEvent else []
            else:  # pragma: no cover - PyYAML emits no other events
                raise _error(source, event.start_mark, "unexpected YAML content")
            if parent is None:
                root = value
                have_root = True
            elif isinstance(parent.container, dict):
                assert parent.key is not None
                parent.container[parent.key] = value
                parent.key = None
            else:
                parent.container.append(value)
            if isinstance(value, (dict, list)):
                stack.append(_Frame(value, path, bool(event.flow_style)))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        if mark is not None and "maximum nesting depth" in problem:
            # libyaml's own bound (1,000 levels, in flow context, where it reads ahead before
            # it hands out the events): past clarity's bound too, which is where to point.
            blocks = sum(not frame.flow for frame in stack)
            raise _too_deep(source, _flow_bound(text, mark, blocks, limits), limits) from None
        opened = _unclosed(exc, text)
        if opened is not None:
            what, closer, where = opened
            raise _error(
                source,
                where,
                f"not valid YAML: the {what} opened here is never closed",
                f"close it with {closer}",
            ) from None
        hint = None
        if (
            mark is not None
            and _line(text, mark.line).startswith((" ", "\t"))
            and "\t" in _line(text, mark.line)
        ):
            hint = "indent with spaces, not tabs"
        elif mark is not None and any(q in _line(text, mark.line) for q in _CURLY):
            hint = (
                "curly quotes do not quote in YAML: put the text in straight quotes "
                "('...' or \"...\"), or write it after '>-' on the next lines"
            )
        if mark is None:
            raise ClarityError(f"not valid YAML: {problem}", location=Location(source)) from None
        raise _error(source, mark, f"not valid YAML: {problem}", hint) from None
    except yaml.YAMLError as exc:
        line = getattr(exc, "position", None)
        raise ClarityError(
            f"not valid YAML: {getattr(exc, 'reason', None) or exc}".splitlines()[0],
            location=Location(source, 1, 1)
            if line is None
            else _reader_location(text, source, line),
            hint="remove control characters, or write them as escapes in double quotes",
        ) from None
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose is not None:
            dispose()
    doc.data = root if have_root else None
    return doc


#: What libyaml was inside when it met the end of the text or the next key: a list or a
#: mapping in brackets, or a quoted text, opened at its context mark and never closed.
#: (What it is, what closes it, its brackets: none for a quote.)
_OPENERS = {
    "while parsing a flow sequence": ("list '['", "']'", "[]"),
    "while parsing a flow mapping": ("mapping '{'", "'}'", "{}"),
    "while scanning a quoted scalar": ("quote", "the same quote", ""),
}


def _unclosed(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, str, Any] | None:
    """The bracket or quote left open, when that is the error: where it was opened is the
    place to fix, not where libyaml noticed (the next key, or the end of the file). A list
    closed further on with something else wrong inside it, or a bad escape inside a closed
    quote, is not this error."""
    opener = _OPENERS.get(exc.context or "")
    start, found = exc.context_mark, exc.problem_mark
    if opener is None or start is None or found is None or found.line <= start.line:
        return None
    what, closer, pair = opener
    if not pair:
        return (what, closer, start) if "end of stream" in (exc.problem or "") else None
    upto = text.find("\n", found.index)
    depth = 0
    for char in text[start.index : len(text) if upto < 0 else upto]:
        depth += (char == pair[0]) - (char == pair[1])
        if depth == 0:
            return None  # (closed: the problem is something else inside it)
    return what, closer, start


def _line(text: str, index: int) -> str:
    lines = lines_of(text)
    return lines[index] if 0 <= index < len(lines) else ""


def _reader_location(text: str, source: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(source, line, col)
