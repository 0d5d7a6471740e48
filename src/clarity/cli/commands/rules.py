"""clarity rules list|show|validate|test: the rule pack, explained and checked.

Every text that comes from a pack goes through `visible()` before it is printed (``one_line``
here, the explained rule in ``render.rule_text``): a pack is user data like any other.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from clarity.cli.render.rule_text import one_line, render_rule, wordings
from clarity.core.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, ClarityError
from clarity.core.limits import Limits
from clarity.core.rules.pack import CompiledRule, Pack, Rule, load_pack, say

RULES_JSON_VERSION = 1
_LOOKALIKES = str.maketrans({"o": "0", "i": "1", "l": "1"})


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def rule_summary(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "dimension": rule.dimension,
        "severity": rule.severity,
        "title": say(rule.title, "leader"),
        "trap": rule.trap,
        "source": rule.source,
    }


def rule_data(compiled: CompiledRule) -> dict[str, Any]:
    """Everything `rules show` says about a rule, as JSON-ready data."""
    rule = compiled.rule
    return {
        **rule_summary(rule),
        "defined_at": str(compiled.where),
        "message": wordings(rule.message),
        "why": wordings(rule.why),
        "fix": wordings(rule.fix),
        "examples": {"fire": rule.examples.fire, "pass": rule.examples.pass_},
        "when": rule.when,
        "judged_by": judged_settings(compiled),
    }


def judged_settings(compiled: CompiledRule) -> list[dict[str, Any]]:
    """How each judge the rule's condition reads decides (its bank's settings), in order, and
    whether the rule's follow-up question is asked from its unsure scores."""
    from clarity.core.rules.checks import judged_by

    asked = {m.bank for m in judged_by(compiled.ask) if m.unsure} if compiled.ask else set()
    return [
        {
            **means.judges.judge(means.bank).settings(),
            "fields": list(means.names),
            "every": means.every,
            "asked": means.bank in asked,
        }
        for means in judged_by(compiled.check)
    ]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def pack_in_use(rules: Sequence[Path], config: Path | None, no_config: bool) -> Pack:
    """The pack `clarity lint` would use here: the built-in one, the configuration's packs
    (the nearest .clarity.yaml, or --config), then any --rules."""
    from clarity.core.settings.config import load_config

    if config is not None and no_config:
        raise ClarityError(
            "--config and --no-config cannot be used together", hint="keep one of them"
        )
    loaded = load_config(config, no_config, Path.cwd())
    return load_pack([*loaded.packs, *rules], loaded.limits)


# ---------------------------------------------------------------------------------------------
# list


def list_rules(
    rules: Sequence[Path], fmt: str, config: Path | None = None, no_config: bool = False
) -> int:
    pack = pack_in_use(rules, config, no_config)
    rows = [rule_summary(c.rule) for c in pack.rules]
    if fmt == "json":
        from clarity.cli.render.json_ import dumps

        payload = {
            "version": RULES_JSON_VERSION,
            "pack": {"name": pack.name, "version": pack.version},
            "rules": rows,
        }
        sys.stdout.write(dumps(payload))
        return EXIT_OK
    columns = ("id", "name", "dimension", "severity", "title")
    table = [[c.upper() for c in columns]] + [[one_line(row[c]) for c in columns] for row in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(columns) - 1)]
    for r in table:
        cells = [cell.ljust(width) for cell, width in zip(r[:-1], widths, strict=True)]
        _out("  ".join([*cells, r[-1]]).rstrip())
    _out()
    _out(f"{_plural(len(rows), 'rule')} · clarity rules show ID explains one")
    return EXIT_OK


# ---------------------------------------------------------------------------------------------
# show


def find_rule(pack: Pack, wanted: str) -> CompiledRule:
    """A rule by id or name (any case), or an error with a did-you-mean."""
    key = wanted.strip().casefold()
    for compiled in pack.rules:
        if key in (compiled.rule.id.casefold(), compiled.rule.name.casefold()):
            return compiled
    names = [c.rule.id for c in pack.rules] + [c.rule.name for c in pack.rules]
    by_fold = {n.casefold(): n for n in names}
    lookalike = key.translate(_LOOKALIKES)  # C1O1 -> c101
    close = [lookalike] if lookalike in by_fold else []
    close = close or get_close_matches(key, list(by_fold), n=1, cutoff=0.6)
    hint = f"did you mean '{by_fold[close[0]]}'?" if close else "clarity rules list shows them all"
    raise ClarityError(f"unknown rule '{one_line(wanted)}'", hint=hint)


def show_rule(
    rule_id: str,
    rules: Sequence[Path],
    fmt: str,
    verbose: bool = False,
    config: Path | None = None,
    no_config: bool = False,
) -> int:
    pack = pack_in_use(rules, config, no_config)
    compiled = find_rule(pack, rule_id)
    if fmt == "json":
        from clarity.cli.render.json_ import dumps

        sys.stdout.write(dumps({"version": RULES_JSON_VERSION, "rule": rule_data(compiled)}))
    else:
        sys.stdout.write(render_rule(compiled, pack, verbose, judged_settings(compiled)))
    return EXIT_OK


# ---------------------------------------------------------------------------------------------
# validate and test


def _report_error(exc: ClarityError) -> None:
    from clarity.cli.guard import err

    err(f"clarity: error: {exc}")


def _limits() -> Limits:
    """The limits of the nearest configuration, then the environment."""
    from clarity.core.settings.config import load_config

    return load_config(None, False, Path.cwd()).limits


def validate_packs(paths: Sequence[Path]) -> int:
    """Load and build each pack over the built-in one; every example must be a valid record."""
    from clarity.core.rules.packtest import check_examples, load_layered

    code = EXIT_OK
    limits = _limits()
    for path in paths:
        try:
            layered = load_layered(path, limits)
            check_examples(layered.pack, layered.own)
        except ClarityError as exc:
            _report_error(exc)
            code = EXIT_USAGE
            continue
        _out(
            f"{one_line(path)}: {_plural(layered.rule_count, 'rule')}, "
            f"{_plural(layered.question_count, 'question')}: valid"
        )
    return code


def run_pack_tests(paths: Sequence[Path], verbose: bool = False) -> int:
    """Run each pack's own examples: exit 1 when one fails, 2 when a pack is invalid."""
    from clarity.core.rules.packtest import load_layered, run_examples

    code = EXIT_OK
    total = failed = 0
    limits = _limits()
    for path in paths:
        try:
            layered = load_layered(path, limits)
            results = run_examples(layered.pack, layered.own)
        except ClarityError as exc:
            _report_error(exc)
            code = EXIT_USAGE
            continue
        for result in results:
            problem = result.problem()
            if problem is None and not verbose:
                continue
            _out(f"{one_line(result.location)}: {result.rule} {result.key}: {problem or 'ok'}")
        total += len(results)
        failed += sum(1 for r in results if not r.ok)
    if code == EXIT_OK or total:
        _out(f"{_plural(total, 'example')}, {failed} failed")
    if code == EXIT_OK and failed:
        code = EXIT_FINDINGS
    return code


# ---------------------------------------------------------------------------------------------
# eval


def run_eval(
    corpus: Path,
    rules: Sequence[Path],
    fmt: str,
    minimums: tuple[float, float, float],
    verbose: bool = False,
) -> int:
    """Judge a labelled corpus; exit 1 when a figure is below its minimum."""
    import json

    from clarity.core.scoring.evaluation import evaluate_corpus

    pack = load_pack(list(rules), _limits())
    result = evaluate_corpus(pack, corpus)
    min_precision, min_recall, min_accuracy = minimums
    rows = [("rule", key, tally) for key, tally in result.rules.items()] + [
        ("trap", key, tally) for key, tally in result.traps.items() if tally.total
    ]
    below = [
        f"{kind} {key}"
        for kind, key, tally in rows
        if tally.tp + tally.fn and (tally.precision < min_precision or tally.recall < min_recall)
    ]
    if result.verdict_accuracy < min_accuracy:
        below.append("verdict accuracy")
    if result.healthy_flagged:
        below.append("findings on healthy delegations")
    if fmt == "json":
        data = {
            "version": RULES_JSON_VERSION,
            "rules": {k: _tally(t) for k, t in result.rules.items()},
            "traps": {k: _tally(t) for k, t in result.traps.items() if t.total},
            "delegations": {
                "total": len(result.delegations),
                "verdict_accuracy": round(result.verdict_accuracy, 4),
                "with_follow_ups": round(result.accuracy_with_follow_ups, 4),
                "follow_ups": result.follow_ups,
                "wrong": [
                    {"path": d.path, "expected": d.expected, "got": d.got}
                    for d in result.delegations
                    if d.expected != d.got
                ],
                "healthy_flagged": [
                    {"path": d.path, "rules": d.healthy_flagged} for d in result.healthy_flagged
                ],
            },
            "below_minimum": below,
        }
        _out(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _out(f"{'':5} {'':22} {'precision':>9} {'recall':>7} {'n':>5}")
        for kind, key, tally in rows:
            _out(
                f"{kind:5} {one_line(key):22} {tally.precision:9.0%} {tally.recall:7.0%}"
                f" {tally.total:5}"
            )
            if verbose:
                for expected, text in tally.misses:
                    _out(f"        should {expected}: {one_line(text)}")
        wrong = [d for d in result.delegations if d.expected != d.got]
        _out(
            f"verdicts: {len(result.delegations) - len(wrong)} of {len(result.delegations)}"
            f" right ({result.verdict_accuracy:.0%})"
        )
        for d in wrong:
            _out(f"  {one_line(d.path)}: expected {d.expected}, got {d.got}")
        _out(
            f"with the follow-ups answered as labelled ({result.follow_ups} questions): "
            f"{result.right_with_follow_ups} of {len(result.delegations)} right "
            f"({result.accuracy_with_follow_ups:.0%})"
        )
        for d in result.healthy_flagged:
            _out(f"  {one_line(d.path)}: healthy, but {', '.join(d.healthy_flagged)}")
        if below:
            _out("below the minimum: " + ", ".join(below))
    return EXIT_FINDINGS if below else EXIT_OK


def _tally(tally: Any) -> dict[str, Any]:
    return {
        "precision": round(tally.precision, 4),
        "recall": round(tally.recall, 4),
        "tp": tally.tp, "fp": tally.fp, "fn": tally.fn, "tn": tally.tn,
    }  # fmt: skip
