"""`clarity rules show`, as text: a rule explained (what it finds, why it matters, examples
that fail and pass, the fix), every text of the pack made safe to print with ``visible()``."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from clarity.core.rules.pack import CompiledRule, Pack, Wording, say
from clarity.core.text import visible

WIDTH = 88
EXAMPLES_SHOWN = 2


def one_line(text: Any) -> str:
    """Pack text on one line, made safe to print."""
    return visible(str(text), newlines=False)


def wordings(text: Wording) -> dict[str, str]:
    """Both wordings of a text: the leader's and the report's (the same when not split)."""
    if isinstance(text, str):
        return {"leader": text, "report": text}
    return {"leader": text.leader, "report": text.report}


def _paragraphs(text: str, indent: str = "  ") -> list[str]:
    lines: list[str] = []
    for para in visible(text).split("\n"):
        if not para.strip():
            lines.append("")
            continue
        lines.extend(
            textwrap.wrap(
                para,
                WIDTH,
                initial_indent=indent,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return lines


def _worded(text: Wording) -> list[str]:
    """One paragraph, or the leader's and the report's when they differ."""
    both = wordings(text)
    if both["leader"] == both["report"]:
        return _paragraphs(both["leader"])
    return [
        *_paragraphs(f"To the leader: {both['leader']}"),
        *_paragraphs(f"To the report: {both['report']}"),
    ]


def as_yaml(data: Any) -> str:
    """An example (or condition) as the YAML a pack author writes."""
    import yaml

    text = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000
    )
    return visible(text.rstrip("\n"))


def _examples(cases: list[dict[str, Any]], limit: int | None) -> list[str]:
    lines: list[str] = []
    shown = cases if limit is None else cases[:limit]
    for n, case in enumerate(shown):
        if n:
            lines.append("  ---")
        body = as_yaml(case) if case else "{}  # the healthy example delegation as it is"
        lines.extend(f"  {line}" for line in body.splitlines())
    if len(cases) > len(shown):
        lines.append(f"  ... and {len(cases) - len(shown)} more (--verbose shows them all)")
    return lines


def render_rule(
    compiled: CompiledRule,
    pack: Pack,
    verbose: bool = False,
    judged: list[dict[str, Any]] | None = None,
) -> str:
    """A rule explained: what, why, examples that fail and pass, how its judges decide
    (``judged``: their settings, see ``Judge.settings``), the fix (and with ``verbose`` every
    example and the condition)."""
    rule = compiled.rule
    limit = None if verbose else EXAMPLES_SHOWN
    lines = [f"{rule.id} · {one_line(rule.name)} · {one_line(say(rule.title, 'leader'))}"]
    facts = f"dimension: {rule.dimension} · severity: {rule.severity}"
    if rule.trap:
        trap = pack.traps.get(rule.trap)
        facts += f" · trap: {one_line(trap.title if trap else rule.trap)}"
    lines.append(facts)
    lines += ["", "What it finds", *_worded(rule.message)]
    lines += ["", "Why it matters", *_worded(rule.why)]
    lines += [
        "",
        "Fails: the rule fires on",
        *_examples(rule.examples.fire, limit),
        "",
        "Passes: the rule does not fire on",
        *_examples(rule.examples.pass_, limit),
        "",
        *_paragraphs(
            "Each example shows only what it changes in the pack's healthy example delegation "
            "(clarity rules test runs them).",
            indent="",
        ),
    ]
    if judged:
        lines += ["", "How it is judged"]
        for n, settings in enumerate(judged):
            lines += [""] * bool(n) + _paragraphs(_judged(settings))
    lines += ["", "How to fix", *_worded(rule.fix)]
    if verbose:
        condition = rule.when
        lines += ["", "Condition", *(f"  {line}" for line in as_yaml(condition).splitlines())]
    lines += ["", f"Defined in {_defined_in(compiled)}"]
    if rule.source:
        lines.append(f"Based on: {one_line(SOURCES.get(rule.source, rule.source))}")
    return "\n".join(lines) + "\n"


def _judged(settings: dict[str, Any]) -> str:
    """One judge's settings in words (``Judge.settings``)."""
    count = settings["phrasings"]
    names = settings["fields"]
    if settings["every"]:
        which = f"every answer of {' and '.join(names)} is"
    else:
        which = f"an answer of {' or '.join(names)} is"
    borrowed = f", {count['borrowed']:,} borrowed from other banks" if count["borrowed"] else ""
    text = (
        f"By meaning: the condition holds when {which} judged so by a classifier trained on "
        f"the bank {_bank_file(settings['file'])} ({count['fire']:,} phrasings that fire, "
        f"{count['pass']:,} near-misses{borrowed}). It fires from a score of "
        f"{settings['threshold']:.2f}"
    )
    confirm, agree = settings.get("confirmed_by"), settings.get("agreed_by")
    if confirm:
        text += (
            f"; from {confirm['from']:.2f} when the answer holds one of the words "
            f"{_listed(confirm['words'])}{_unless(confirm['unless'])}"
        )
    if agree:
        judges = ", ".join(f"{name} reaches {at:.2f}" for name, at in agree["judges"].items())
        text += (
            f"; from {agree['from']:.2f} when, on the same answer, {judges}"
            f"{_unless(agree['unless'])}"
        )
    if settings["asked"]:
        text += f". Its follow-up question is asked from {settings['asks_from']:.2f}"
        parted = settings.get("ask_on_clause")
        if parted:
            text += (
                f", and from {parted['from']:.2f} when one clause of the answer, judged alone, "
                f"reaches {parted['score']:.2f}"
            )
    return text + "."


def _listed(words: list[str]) -> str:
    return ", ".join(f'"{one_line(w)}"' for w in words)


def _unless(words: list[str]) -> str:
    return f", unless it holds one of {_listed(words)}" if words else ""


def _bank_file(file: str) -> str:
    """A bank's file: by name in the built-in pack, by path in any other."""
    from clarity.core.rules.pack import builtin_pack_path

    path = Path(file)
    if path.parent.parent == builtin_pack_path():
        return f"banks/{one_line(path.name)} of the built-in pack"
    return one_line(file)


#: The texts the built-in rules are based on, by the id a rule's ``source`` gives.
SOURCES = {
    "000": "asking for more autonomy: its everyday signs and what helps",
    "001": "the law of autonomy and accountability, and autonomy used as a shield",
    "002": "a worked example of real autonomy",
    "003": "the clarity test, its three questions and its traps",
}


def _defined_in(compiled: CompiledRule) -> str:
    """Where a rule is defined: the built-in pack by file name, any other pack by path."""
    from clarity.core.rules.pack import builtin_pack_path

    where = compiled.where
    path = Path(where.source) if where.source else None
    builtin = builtin_pack_path()
    if path is not None and path.parent == builtin:
        spot = f"{path.name}:{where.line}" if where.line else path.name
        return f"the built-in pack ({one_line(spot)})"
    return one_line(where)
