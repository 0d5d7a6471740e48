"""Two answer sets for one task, item by item: the gaps a coach works on.

Both sides are scored with the same pack. Graded items (the two scores, the yes/no answers and
the everyday signs) get a gap in bands and a direction; text answers are compared as text,
with the rules that fire on one side only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from clarity import __version__
from clarity.core.models import BOOL_FIELDS, LEVELS, LIST_FIELDS, record_of
from clarity.core.record import answer_value, say
from clarity.core.rules.pack import Pack
from clarity.core.scoring import shown_score
from clarity.core.scoring.engine import Finding, Report
from clarity.core.scoring.quadrants import map_point
from clarity.core.text import normalize

COMPARE_VERSION = 1

#: Gap bands on the five-step scale (never=0 ... always=4; yes/no count as 4/0): a gap of at
#: most ALIGNED_STEPS steps is "aligned", at most MODERATE_STEPS "moderate", more is "high".
ALIGNED_STEPS = 1
MODERATE_STEPS = 2
#: Gap bands for the two scores (0 to 100): at most ALIGNED_POINTS points apart is "aligned",
#: at most MODERATE_POINTS "moderate", more is "high".
ALIGNED_POINTS = 10
MODERATE_POINTS = 25
#: The bands, from agreement to the widest gap.
BANDS: tuple[str, ...] = ("aligned", "moderate", "high")
#: How many of the widest gaps "where they disagree most" lists.
TOP_GAPS = 5

LEVEL_STEPS: dict[str, int] = {level: step for step, level in enumerate(LEVELS)}
YES_STEPS, NO_STEPS = len(LEVELS) - 1, 0

FIELD_LABELS: dict[str, str] = {
    "task": "Task",
    "owner": "Owner",
    "delegated_by": "Delegated by",
    "can_fail_differently": "Can fail differently",
    "decides_alone": "Decides alone",
    "constraints": "Constraints",
    "escalate_when": "Escalate when",
    "outcome": "Outcome",
    "deadline": "Deadline",
    "quality": "Quality standard",
    "checkpoints": "Review dates",
    "consequences": "Consequences",
    "agreed_upfront": "Agreed upfront",
}
SYMPTOM_LABELS: dict[str, str] = {
    "sign_offs": "Sign-offs for routine decisions",
    "method_checkins": "Check-ins on methods, not outcomes",
    "procedure_redirects": "Redirected to standard procedure",
    "calendar_control_lost": "Meetings set without their input",
    "minor_change_permission": "Permission needed for minor changes",
    "no_resource_authority": "No authority over resources or priorities",
    "no_experiments": "No experiments without approval",
    "process_over_impact": "Feedback on process over impact",
    "suggestions_not_empowered": "Suggestions not empowered",
    "peers_more_latitude": "Peers get more latitude",
}
SCORE_LABELS: dict[str, str] = {
    "autonomy": "Autonomy score",
    "accountability": "Accountability score",
}


@dataclass(frozen=True)
class Side:
    """One answer set, scored: where it came from, and (for a journal entry) when."""

    source: str
    report: Report
    date: str | None = None


def band_of_steps(steps: int) -> str:
    if steps <= ALIGNED_STEPS:
        return "aligned"
    return "moderate" if steps <= MODERATE_STEPS else "high"


def band_of_points(points: int) -> str:
    if points <= ALIGNED_POINTS:
        return "aligned"
    return "moderate" if points <= MODERATE_POINTS else "high"


def side_labels(a: Report, b: Report) -> tuple[str, str]:
    """The sides' names: leader and report when the perspectives differ, else A and B."""
    if a.perspective != b.perspective:
        return a.perspective, b.perspective
    return "A", "B"


def _same_text(a: Any, b: Any) -> bool:
    def key(value: Any) -> Any:
        if isinstance(value, list):
            return sorted(normalize(str(v)).casefold() for v in value)
        if value is None:
            return None
        return normalize(str(value)).casefold()

    return bool(key(a) == key(b))


def _rules_by_field(findings: list[Finding]) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = {}
    for finding in findings:
        ids = out.setdefault(finding.field, [])
        if finding.rule.id not in ids:
            ids.append(finding.rule.id)
    return out


def _item(
    field: str, label: str, kind: str, a: str | None, b: str | None, same: bool
) -> dict[str, Any]:
    """One row of the comparison; every row has the same keys."""
    return {
        "field": field,
        "label": label,
        "kind": kind,
        "a": a,
        "b": b,
        "same": same,
        "scale": None,
        "a_value": None,
        "b_value": None,
        "gap": None,
        "band": None,
        "higher": None,
        "direction": None,
        "only_a": [],
        "only_b": [],
        "rules": {"only_a": [], "only_b": []},
    }


def _graded(
    item: dict[str, Any], a: int | None, b: int | None, scale: str, labels: tuple[str, str]
) -> dict[str, Any]:
    """Gap, band and direction of one graded item (none when a side did not answer)."""
    item.update(scale=scale, a_value=a, b_value=b)
    if a is None or b is None:
        return item
    gap = abs(a - b)
    item["gap"] = gap
    item["band"] = band_of_points(gap) if scale == "points" else band_of_steps(gap)
    if gap:
        higher = "a" if a > b else "b"
        item["higher"] = higher
        item["direction"] = f"{labels[0] if higher == 'a' else labels[1]} higher"
    else:
        item["direction"] = "same"
    return item


def _yes_no(value: Any) -> int | None:
    if value is None:
        return None
    return YES_STEPS if value else NO_STEPS


def _side(side: Side, label: str, pack: Pack) -> dict[str, Any]:
    report = side.report
    verdict = pack.verdicts[report.verdict]
    return {
        "label": label,
        "source": side.source,
        "date": side.date,
        "task": report.task,
        "perspective": report.perspective,
        "verdict": report.verdict,
        "verdict_title": verdict.title,
        "scores": {
            "autonomy": report.scores.autonomy,
            "accountability": report.scores.accountability,
            "autonomy_outruns_accountability": report.scores.autonomy_outruns_accountability,
        },
        "map": map_point(report.scores.autonomy, report.scores.accountability),
        "findings": [f.rule.id for f in report.findings],
    }


def _rule_ref(finding: Finding) -> dict[str, str]:
    rule = finding.rule
    return {
        "rule": rule.id,
        "name": rule.name,
        "title": say(rule.title, "leader"),
        "dimension": rule.dimension,
    }


def _finding_diff(a: Report, b: Report) -> dict[str, list[dict[str, str]]]:
    ids_a = {f.rule.id for f in a.findings}
    ids_b = {f.rule.id for f in b.findings}
    seen: set[str] = set()
    out: dict[str, list[dict[str, str]]] = {"only_a": [], "only_b": [], "both": []}
    for finding in [*a.findings, *b.findings]:
        rule_id = finding.rule.id
        if rule_id in seen:
            continue
        seen.add(rule_id)
        key = (
            "both"
            if rule_id in ids_a and rule_id in ids_b
            else ("only_a" if rule_id in ids_a else "only_b")
        )
        out[key].append(_rule_ref(finding))
    return out


def _severity(item: dict[str, Any]) -> tuple[int, float]:
    """How far apart: the band first, then the gap as a share of its scale."""
    full = 100 if item["scale"] == "points" else YES_STEPS
    return BANDS.index(item["band"]), item["gap"] / full


def compare(a: Side, b: Side, pack: Pack) -> dict[str, Any]:
    """The comparison as JSON-ready data: what every compare renderer draws."""
    ra, rb = a.report, b.report
    labels = side_labels(ra, rb)
    rec_a, rec_b = record_of(ra.answers), record_of(rb.answers)
    rules_a, rules_b = _rules_by_field(ra.findings), _rules_by_field(rb.findings)
    items: list[dict[str, Any]] = []

    for axis, label in SCORE_LABELS.items():
        score_a: int | None = getattr(ra.scores, axis)
        score_b: int | None = getattr(rb.scores, axis)
        shown = (shown_score(score_a), shown_score(score_b))
        item = _item(f"scores.{axis}", label, "score", *shown, score_a == score_b)
        items.append(_graded(item, score_a, score_b, "points", labels))

    for name, label in FIELD_LABELS.items():
        va, vb = rec_a.get(name), rec_b.get(name)
        kind = "yes-no" if name in BOOL_FIELDS else ("list" if name in LIST_FIELDS else "text")
        item = _item(name, label, kind, answer_value(va), answer_value(vb), _same_text(va, vb))
        if kind == "list":
            norm_b = {normalize(str(v)).casefold() for v in vb or []}
            norm_a = {normalize(str(v)).casefold() for v in va or []}
            item["only_a"] = [v for v in va or [] if normalize(str(v)).casefold() not in norm_b]
            item["only_b"] = [v for v in vb or [] if normalize(str(v)).casefold() not in norm_a]
        if kind == "yes-no":
            _graded(item, _yes_no(va), _yes_no(vb), "steps", labels)
        item["rules"] = _rule_split(rules_a.get(name, []), rules_b.get(name, []))
        items.append(item)

    for symptom, label in SYMPTOM_LABELS.items():
        field = f"symptoms.{symptom}"
        la, lb = rec_a.get(field), rec_b.get(field)
        # Not answered is unknown, as it is in the scores: no gap is read off it.
        step_a = LEVEL_STEPS[la] if la else None
        step_b = LEVEL_STEPS[lb] if lb else None
        item = _item(field, label, "symptom", la or None, lb or None, step_a == step_b)
        _graded(item, step_a, step_b, "steps", labels)
        item["rules"] = _rule_split(rules_a.get(field, []), rules_b.get(field, []))
        items.append(item)

    graded = [i for i in items if i.get("band") is not None]
    widest = sorted((i for i in graded if i["gap"]), key=lambda i: _severity(i), reverse=True)[
        :TOP_GAPS
    ]
    counts = {band: sum(1 for i in graded if i["band"] == band) for band in BANDS}
    return {
        "version": COMPARE_VERSION,
        "tool": {"name": "clarity", "version": __version__},
        "pack": {"name": pack.name, "version": pack.version},
        "task": ra.task,
        "same_task": _same_text(ra.task, rb.task),
        "labels": {"a": labels[0], "b": labels[1]},
        "a": _side(a, labels[0], pack),
        "b": _side(b, labels[1], pack),
        "verdicts_agree": ra.verdict == rb.verdict,
        "thresholds": {
            "steps": {"aligned": ALIGNED_STEPS, "moderate": MODERATE_STEPS},
            "points": {"aligned": ALIGNED_POINTS, "moderate": MODERATE_POINTS},
        },
        "summary": {
            **counts,
            "text_differs": sum(
                1 for i in items if i["kind"] in ("text", "list") and not i["same"]
            ),
        },
        "items": items,
        "disagree_most": [
            {
                key: i[key]
                for key in ("field", "label", "kind", "a", "b", "gap", "scale", "band", "direction")
            }
            for i in widest
        ],
        "findings": _finding_diff(ra, rb),
    }


def _rule_split(a: list[str], b: list[str]) -> dict[str, list[str]]:
    """The rules that fire on this answer for one side and not the other."""
    return {"only_a": [r for r in a if r not in b], "only_b": [r for r in b if r not in a]}
