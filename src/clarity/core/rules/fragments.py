"""Named fragments of a pack's patterns: written once, used by name.

A pack file may hold a ``fragments:`` section, a mapping of names to pieces of a regular
expression. Any ``pattern`` or ``patterns`` of the same pack (a file, or a folder of files)
says ``{{name}}`` where a fragment belongs, and a fragment may use others. Each use is put in as
a group of its own, ``(?:...)``, so an alternation in a fragment never leaks into the pattern
around it. The fragments are put in before the pack is validated: what is validated, compiled,
shown and matched is the whole pattern.
"""

from __future__ import annotations

import re
from typing import Any

from clarity.core.errors import ClarityError
from clarity.core.reading.yamlsafe import Document, PathKey

#: ``{{name}}`` in a pattern or a fragment.
REFERENCE = re.compile(r"\{\{\s*([A-Za-z0-9_-]*)\s*\}\}")
NAME = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
_HINT = "define it under 'fragments:' in a file of the same pack, or write the pattern out"


def _collect(docs: list[Document]) -> tuple[dict[str, str], dict[str, tuple[Document, PathKey]]]:
    fragments: dict[str, str] = {}
    where: dict[str, tuple[Document, PathKey]] = {}
    for doc in docs:
        section = doc.data.get("fragments") if isinstance(doc.data, dict) else None
        if section is None:
            continue
        if not isinstance(section, dict):
            raise ClarityError(
                "'fragments' must be a mapping of names to pieces of a pattern",
                location=doc.where(("fragments",)), key="fragments",
            )  # fmt: skip
        for name, text in section.items():
            path = ("fragments", name)
            if not isinstance(name, str) or not NAME.match(name):
                raise ClarityError(
                    f"a fragment's name must be lower-case words joined by '-', not {name!r}",
                    location=doc.where(path), key="fragments",
                )  # fmt: skip
            if not isinstance(text, str) or not text:
                raise ClarityError(
                    f"the fragment '{name}' must be a piece of a pattern (a string)",
                    location=doc.where(path), key=f"fragments.{name}",
                )  # fmt: skip
            if name in where:
                first = where[name][0].where(where[name][1])
                raise ClarityError(
                    f"the fragment '{name}' is defined twice (first at {first})",
                    location=doc.where(path), key=f"fragments.{name}",
                    hint="give one of them another name",
                )  # fmt: skip
            fragments[name] = text
            where[name] = (doc, path)
    return fragments, where


def _resolved(
    fragments: dict[str, str], where: dict[str, tuple[Document, PathKey]]
) -> dict[str, str]:
    """Every fragment with the fragments it uses put in (a cycle is an error)."""
    done: dict[str, str] = {}

    def resolve(name: str, stack: tuple[str, ...]) -> str:
        if name in done:
            return done[name]
        doc, path = where[name]
        if name in stack:
            cycle = " -> ".join((*stack[stack.index(name) :], name))
            raise ClarityError(
                f"the fragments use each other in a circle ({cycle})",
                location=doc.where(path), key=f"fragments.{name}",
            )  # fmt: skip

        def put_in(match: re.Match[str]) -> str:
            used = match.group(1)
            if used not in fragments:
                raise ClarityError(
                    f"the fragment '{name}' uses an unknown fragment '{{{{{used}}}}}'",
                    location=doc.where(path), key=f"fragments.{name}", hint=_HINT,
                )  # fmt: skip
            return f"(?:{resolve(used, (*stack, name))})"

        done[name] = REFERENCE.sub(put_in, fragments[name])
        return done[name]

    for name in fragments:
        resolve(name, ())
    return done


def _expand(doc: Document, path: PathKey, text: str, fragments: dict[str, str]) -> str:
    def put_in(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fragments:
            raise ClarityError(
                f"the pattern uses an unknown fragment '{{{{{name}}}}}'",
                location=doc.where(path), key=str(path[-1]), hint=_HINT,
            )  # fmt: skip
        return f"(?:{fragments[name]})"

    return REFERENCE.sub(put_in, text)


def _walk(doc: Document, node: Any, path: PathKey, fragments: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            here = (*path, key)
            if key == "pattern" and isinstance(value, str):
                node[key] = _expand(doc, here, value, fragments)
            elif key == "patterns" and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        value[i] = _expand(doc, (*here, i), item, fragments)
            elif key != "fragments":
                _walk(doc, value, here, fragments)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            _walk(doc, item, (*path, i), fragments)


def put_in_fragments(docs: list[Document]) -> None:
    """Put each pack file's ``{{name}}`` references to the pack's fragments in (in place)."""
    fragments, where = _collect(docs)
    resolved = _resolved(fragments, where)
    for doc in docs:
        _walk(doc, doc.data, (), resolved)
