"""The report as plain data: what every renderer draws, and the versioned JSON."""

from __future__ import annotations

from typing import Any

from clarity import __version__
from clarity.core.models import record_of
from clarity.core.record import answer_value, say
from clarity.core.rules.pack import Pack
from clarity.core.scoring.engine import REPORT_VERSION, Finding, Report
from clarity.core.scoring.quadrants import map_point


def field_label(finding: Finding) -> str | None:
    if finding.field is None:
        return None
    if finding.index is not None:
        return f"{finding.field}[{finding.index + 1}]"
    return finding.field


def _view(perspective: str) -> str:
    return "report" if perspective == "report" else "leader"


def _rule_data(finding: Finding, view: str) -> dict[str, Any]:
    """Which rule a finding (or an open question) is of."""
    rule = finding.rule
    return {
        "rule": rule.id,
        "name": rule.name,
        "title": say(rule.title, view),
        "dimension": rule.dimension,
    }


def _answer_data(finding: Finding) -> dict[str, Any]:
    """The answer a finding (or an open question) is about: its field, item and text."""
    return {
        "field": finding.field,
        "item": None if finding.index is None else finding.index + 1,
        "answer": answer_value(finding.answer),
    }


def finding_data(finding: Finding, perspective: str) -> dict[str, Any]:
    rule, view = finding.rule, _view(perspective)
    return {
        **_rule_data(finding, view),
        "severity": rule.severity,
        "message": say(rule.message, view),
        **_answer_data(finding),
        "also": [{"item": index + 1, "answer": answer_value(item)} for index, item in finding.also],
        "why": say(rule.why, view),
        "fix": say(rule.fix, view),
        "trap": rule.trap,
    }


def report_data(report: Report, pack: Pack) -> dict[str, Any]:
    """Everything a report says, as JSON-ready data (the JSON format is this, versioned)."""
    view = report.perspective
    verdict = pack.verdicts[report.verdict]
    record = record_of(report.answers)
    prompts = {q.field: q.prompt for q in pack.questions}
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "clarity", "version": __version__},
        "pack": {"name": report.pack_name, "version": report.pack_version},
        "task": report.task,
        "perspective": view,
        "verdict": report.verdict,
        "verdict_title": verdict.title,
        "verdict_meaning": say(verdict.meaning, view),
        "next_step": say(verdict.next_step, view),
        "scores": {
            "autonomy": report.scores.autonomy,
            "accountability": report.scores.accountability,
            "autonomy_outruns_accountability": report.scores.autonomy_outruns_accountability,
            "outrun_margin": report.scores.outrun_margin,
            "details": {
                axis: [{"label": label, "points": points} for label, points in items]
                for axis, items in report.score_details.items()
            },
        },
        "map": map_point(report.scores.autonomy, report.scores.accountability),
        "findings": [finding_data(f, view) for f in report.findings],
        "traps": [
            {
                "id": t.id,
                "title": t.title,
                "meaning": say(t.meaning, view),
                # (which findings sprang it: a trap of two halves says which one is here)
                "rules": [
                    {"rule": f.rule.id, "title": say(f.rule.title, view)}
                    for f in report.findings
                    if f.rule.trap == t.id
                ],
            }
            for t in report.traps
        ],
        "advice": [{"id": a.id, "title": a.title, "text": a.text} for a in report.advice],
        "answers": {key: value for key, value in record.items() if value not in (None, [], "")},
        "unknown": [
            {"field": name, "question": say(prompts[name], view) if name in prompts else name}
            for name in report.unknown
        ],
        "questions": [question_data(f, view) for f in report.questions],
    }


def sprung_by(trap: dict[str, Any]) -> str:
    """The findings that sprang a trap, as a report names them ("B107 Standards left to their
    discretion"): empty when the data does not say."""
    return "; ".join(f"{r['rule']} {r['title']}" for r in trap.get("rules") or [])


def named_answers(finding: dict[str, Any]) -> list[tuple[str, Any]]:
    """The answers a finding's data names, each with where it is ("decides_alone item 2"): the
    one that made its rule fire, then the other items of the same list (``also``); none when
    the finding is about no answer. Every renderer shows these."""
    field = finding.get("field")
    if not field:
        return []
    others = [(o["item"], o["answer"]) for o in finding.get("also") or []]
    return [
        (f"{field} item {item}" if item else field, answer)
        for item, answer in [(finding.get("item"), finding.get("answer")), *others]
    ]


#: What the open questions of a report are, for every renderer.
QUESTIONS_NOTE = (
    "clarity could not tell from these answers, so they are not counted: answer each yes or no "
    "in the interview, or under clarified in the answers file (for example clarified: {B107: yes})"
)


def question_data(finding: Finding, perspective: str) -> dict[str, Any]:
    """A rule that could not tell (``engine.open_questions``): its follow-up question, the
    answer it is about, and the yes or no that would say the flaw is there."""
    rule, view = finding.rule, _view(perspective)
    assert rule.ask is not None  # (open questions are of rules that ask)
    return {
        **_rule_data(finding, view),
        **_answer_data(finding),
        "question": say(rule.ask.prompt, view),
        "flaw": "yes" if rule.ask.flaw else "no",
    }


LAW = (
    "The autonomy you can grant is proportional to the rigor of your accountability: "
    "measure the outcome before widening the freedom."
)
#: The law in the voice of the person asking for autonomy.
LAW_REPORT = (
    "The autonomy you can be given is proportional to how rigorously your results are "
    "followed up: show the outcome before asking for more freedom."
)


def law(perspective: str) -> str:
    """The law that autonomy may not outrun accountability, in the reader's voice."""
    return LAW_REPORT if perspective == "report" else LAW


def law_in_short(perspective: str) -> str:
    """The law's advice in a few words, for the first screen."""
    return "show the outcome first" if perspective == "report" else "measure the outcome first"
