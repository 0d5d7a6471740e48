"""A validated condition (``conditions``) compiled into the check the engine calls (``checks``),
and the answers and rules it names.

``build`` compiles every condition of a pack once, here; the compiled pack then holds only the
checks, which import no pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clarity.core.rules import checks as _checks
from clarity.core.rules.checks import Check
from clarity.core.rules.conditions import kind_of
from clarity.core.rules.patterns import compile_patterns

if TYPE_CHECKING:
    from clarity.core.judge import Judges


def compile_condition(
    cond: Any, *, timeout: float, owner: str, judges: Judges | None = None
) -> Check:
    """Turn a validated condition model into a check: a picklable call returning its hits.

    ``judges`` are the banks beside the pack the condition comes from (for ``means``)."""
    kind = kind_of(cond)
    if kind == "missing":
        return _checks.Missing(cond.missing)
    if kind == "present":
        return _checks.Present(cond.present)
    if kind == "is":
        return _checks.Equals(cond.is_.field, cond.is_.value)
    if kind == "matches":
        patterns = compile_patterns(cond.matches.pattern_list(), timeout, owner)
        return _checks.Matches(tuple(cond.matches.field_list()), patterns)
    if kind == "means":
        if judges is None:
            raise ValueError("'means' needs a pack folder with a banks/ folder beside it")
        args = cond.means
        return _checks.Means(tuple(args.field_list()), judges, args.bank, args.unsure, args.every)
    if kind == "dated":
        return _checks.Dated(tuple(cond.dated.field_list()), cond.dated.reads)
    if kind in ("at_least", "at_most"):
        args = cond.at_least if kind == "at_least" else cond.at_most
        return _checks.Level(args.field, args.level, kind == "at_least")

    def parts(items: list[Any]) -> tuple[Check, ...]:
        return tuple(
            compile_condition(c, timeout=timeout, owner=owner, judges=judges) for c in items
        )

    if kind == "all":
        return _checks.AllOf(parts(cond.all))
    if kind == "any":
        return _checks.AnyOf(parts(cond.any))
    if kind == "not":
        return _checks.Not(
            compile_condition(cond.not_, timeout=timeout, owner=owner, judges=judges)
        )
    if kind == "count":
        return _checks.Count(parts(cond.count.of), cond.count.min)
    if kind == "fired":
        return _checks.Fired(cond.fired)
    raise AssertionError(f"unknown condition {cond!r}")  # pragma: no cover


def _children(cond: Any) -> list[Any]:
    """The conditions a combining condition (all, any, not, count) holds; none for a leaf."""
    kind = kind_of(cond)
    if kind in ("all", "any"):
        return list(getattr(cond, kind))
    if kind == "not":
        return [cond.not_]
    if kind == "count":
        return list(cond.count.of)
    return []


def referenced_rules(cond: Any) -> list[str]:
    """The rule ids a condition names with ``fired``."""
    if kind_of(cond) == "fired":
        return [cond.fired]
    return [r for c in _children(cond) for r in referenced_rules(c)]


def referenced_fields(cond: Any) -> list[str]:
    """The answer fields a condition reads."""
    kind = kind_of(cond)
    if kind == "missing":
        return [cond.missing]
    if kind == "present":
        return [cond.present]
    if kind == "is":
        return [cond.is_.field]
    if kind in ("matches", "means", "dated"):
        return list(getattr(cond, kind).field_list())
    if kind in ("at_least", "at_most"):
        return [getattr(cond, kind).field]
    return [f for c in _children(cond) for f in referenced_fields(c)]
