"""How well the pack judges a labelled corpus: precision and recall per rule and per trap, and
verdict accuracy on whole delegations.

A corpus folder holds ``phrasings/<RULE>.yaml`` (one field's answers that must fire the rule
and near-misses that must not, as in ``corpus/SPEC.md``) and ``delegations/`` (answers files
and charters whose first comment lines give the expected ``verdict`` and ``traps``). Each
phrasing is laid over the pack's healthy ``example_base`` (and the file's ``over:`` mapping,
if any) and the whole pack is run on it, so a phrasing is judged by the same path as a
leader's answer.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from clarity.core.errors import ClarityError, Location
from clarity.core.reading.yamlsafe import load_yaml, read_text
from clarity.core.rules.build import example_record
from clarity.core.rules.pack import Pack
from clarity.core.scoring.engine import Finding, evaluate, open_questions, verdict_of
from clarity.core.values import FrozenValue

TRAPS = ("micromanaging", "abandonment", "outcome-confusion", "shield")
_EXPECT = re.compile(r"^\s*(?:#|<!--)\s*(verdict|traps)\s*:\s*([^>]*?)\s*(?:-->)?\s*$", re.M)


class Tally:
    """Counts of one rule or trap: true and false positives, false negatives, true negatives
    (a plain, mutable class: it is filled in as the corpus is judged)."""

    __slots__ = ("fn", "fp", "misses", "tn", "tp")

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.tn = 0
        self.misses: list[tuple[str, str]] = []  # (expected, text)

    def add(self, expected: bool, got: bool, text: str) -> None:
        if expected and got:
            self.tp += 1
        elif got:
            self.fp += 1
            self.misses.append(("pass", text))
        elif expected:
            self.fn += 1
            self.misses.append(("fire", text))
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


class Delegation(FrozenValue):
    __slots__ = (
        "asked", "expected", "got", "healthy_flagged", "path", "traps_expected", "traps_got",
        "with_follow_ups",
    )  # fmt: skip
    __match_args__ = (
        "path", "expected", "got", "traps_expected", "traps_got", "healthy_flagged", "asked",
        "with_follow_ups",
    )  # fmt: skip

    def __init__(
        self,
        path: str,
        expected: str,
        got: str,
        traps_expected: list[str],
        traps_got: list[str],
        healthy_flagged: list[str],
        asked: list[str] | None = None,
        with_follow_ups: str | None = None,
    ) -> None:
        self.path = path
        self.expected = expected
        self.got = got
        self.traps_expected = traps_expected
        self.traps_got = traps_got
        self.healthy_flagged = healthy_flagged
        #: The rules whose follow-up the interview would ask (``engine.open_questions``).
        self.asked = [] if asked is None else asked
        #: The verdict once those are answered as the labels say (see ``_as_labelled``).
        self.with_follow_ups = got if with_follow_ups is None else with_follow_ups


class Evaluation(FrozenValue):
    __slots__ = ("delegations", "rules", "traps")
    __match_args__ = ("rules", "traps", "delegations")

    def __init__(
        self, rules: dict[str, Tally], traps: dict[str, Tally], delegations: list[Delegation]
    ) -> None:
        self.rules = rules
        self.traps = traps
        self.delegations = delegations

    @property
    def verdict_accuracy(self) -> float:
        if not self.delegations:
            return 1.0
        right = sum(d.expected == d.got for d in self.delegations)
        return right / len(self.delegations)

    @property
    def right_with_follow_ups(self) -> int:
        """The delegations right when every open follow-up is answered as the labels say: what
        the interview reaches with honest answers."""
        return sum(d.expected == d.with_follow_ups for d in self.delegations)

    @property
    def accuracy_with_follow_ups(self) -> float:
        if not self.delegations:
            return 1.0
        return self.right_with_follow_ups / len(self.delegations)

    @property
    def follow_ups(self) -> int:
        """How many follow-up questions the delegations bring."""
        return sum(len(d.asked) for d in self.delegations)

    @property
    def healthy_flagged(self) -> list[Delegation]:
        return [d for d in self.delegations if d.healthy_flagged]


def _load(path: Path) -> Any:
    source = str(path)
    return load_yaml(read_text(path, source), source).data


def _traps(findings: list[Finding]) -> list[str]:
    return sorted({f.rule.trap for f in findings if f.rule.trap})


def evaluate_corpus(pack: Pack, folder: Path) -> Evaluation:
    """Judge every phrasing and delegation of a corpus folder with the pack."""
    if not folder.is_dir():
        raise ClarityError(
            "no such corpus folder", location=Location(str(folder)),
            hint="give a folder with phrasings/ and delegations/ (see corpus/SPEC.md)",
        )  # fmt: skip
    rules: dict[str, Tally] = {}
    traps: dict[str, Tally] = {t: Tally() for t in TRAPS}
    for path in sorted((folder / "phrasings").glob("*.yaml")):
        data = _load(path)
        if not isinstance(data, dict) or "rule" not in data or "field" not in data:
            raise ClarityError(
                "a phrasings file needs 'rule', 'field', 'fire' and 'pass'",
                location=Location(str(path), 1, 1),
            )
        rule_id, field = str(data["rule"]), str(data["field"])
        compiled = pack.rule(rule_id)
        if compiled is None:
            raise ClarityError(f"unknown rule '{rule_id}'", location=Location(str(path), 1, 1))
        trap = compiled.rule.trap
        tally = rules.setdefault(rule_id, Tally())
        over = data.get("over") or {}
        for expected, key in ((True, "fire"), (False, "pass")):
            for text in data.get(key) or []:
                record = _record(pack, field, str(text), over)
                findings = evaluate(record, pack.rules)
                got = any(f.rule.id == rule_id for f in findings)
                tally.add(expected, got, str(text))
                if trap:
                    traps[trap].add(expected, trap in _traps(findings), str(text))
    return Evaluation(rules, traps, evaluate_delegations(pack, folder, traps))


def evaluate_delegations(
    pack: Pack, folder: Path, traps: dict[str, Tally] | None = None
) -> list[Delegation]:
    """Judge every delegation of a corpus folder (``folder/delegations``) with the pack,
    counting their traps into ``traps`` when given."""
    traps = traps if traps is not None else {t: Tally() for t in TRAPS}
    found = folder / "delegations"
    paths = sorted(found.iterdir()) if found.is_dir() else []
    return [_delegation(pack, p, traps) for p in paths if p.suffix in (".yaml", ".yml", ".md")]


def _record(pack: Pack, field: str, text: str, over: dict[str, Any]) -> dict[str, Any]:
    from clarity.core.record import LIST_FIELDS

    value: Any = [text] if field in LIST_FIELDS else text
    return example_record(pack, {**over, field: value})


def delegation_record(path: Path) -> dict[str, Any]:
    """The record of a corpus delegation: an answers file, or a charter's one delegation."""
    if path.suffix == ".md":
        from clarity.core.reading.charters import read_charter

        return read_charter(path, str(path)).entries[0].record
    from clarity.core.models import record_of
    from clarity.core.reading.answers import build_answers, read_answers

    doc = read_answers(str(path))
    return record_of(build_answers(doc.data, doc, str(path)))


def _delegation(pack: Pack, path: Path, traps: dict[str, Tally]) -> Delegation:
    text = read_text(path, str(path))
    expect = {key: value.strip() for key, value in _EXPECT.findall(text)}
    if "verdict" not in expect:
        raise ClarityError(
            "a corpus delegation must say its expected verdict",
            location=Location(str(path), 1, 1), hint="start it with '# verdict: ...'",
        )  # fmt: skip
    expected_traps = [
        t.strip() for t in expect.get("traps", "none").split(",") if t.strip() not in ("", "none")
    ]
    record = delegation_record(path)
    findings = evaluate(record, pack.rules)
    got_traps = _traps(findings)
    for trap in TRAPS:
        traps[trap].add(trap in expected_traps, trap in got_traps, path.name)
    verdict = verdict_of(findings)
    flagged = [f.rule.id for f in findings if f.counts] if expect["verdict"] == "in-harmony" else []
    questions = open_questions(record, pack.rules, findings)
    told = [q for q in questions if _as_labelled(q, expect["verdict"], expected_traps)]
    return Delegation(
        str(path), expect["verdict"], verdict, expected_traps, got_traps, flagged,
        [q.rule.id for q in questions], verdict_of(findings + told),
    )  # fmt: skip


def _as_labelled(question: Finding, verdict: str, traps: list[str]) -> bool:
    """How a leader who knows what the labels say answers a rule's follow-up: the flaw is there
    when its element broke down (the verdict) and, for a rule of a trap, the trap is there."""
    broke = {"both": ("boundaries", "consequences")}.get(verdict, (verdict,))
    rule = question.rule
    return rule.dimension in broke and (rule.trap is None or rule.trap in traps)
