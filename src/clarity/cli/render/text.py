"""The terminal report, drawn with rich. User text only ever enters as rich Text objects."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from clarity.core.record import answer_text
from clarity.core.scoring import partial_verdict, shown_score
from clarity.core.scoring.present import law, law_in_short, named_answers, sprung_by
from clarity.core.text import visible, visible_data

_VERDICT_STYLE = {
    "in-harmony": "bold green",
    "boundaries": "bold yellow",
    "consequences": "bold yellow",
    "both": "bold red",
}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
UNKNOWN_NONE = "None in what was answered; the questions not asked are not judged."


def user(text: Any) -> Text:
    """User-supplied text: never markup, controls shown as escapes."""
    return Text(visible(str(text), newlines=False))


def bar(value: int, width: int = 30) -> Text:
    filled = round(value / 100 * width)
    out = Text()
    out.append("█" * filled, style="bold")
    out.append("░" * (width - filled), style="dim")
    return out


def map_block(point: dict[str, Any]) -> Group:
    """The delegation on the autonomy × accountability map, with its quadrant."""
    from clarity.cli.render.quadmap import Point, rich_map
    from clarity.core.scoring.quadrants import QUADRANT_BY_ID

    quadrant = QUADRANT_BY_ID[point["quadrant"]]
    head = Text("Map: ", style="bold")
    head.append(quadrant.title, style="bold")
    head.append(f" (autonomy {point['x']}, accountability {point['y']})", style="dim")
    return Group(
        head,
        Padding(Text(quadrant.meaning), (0, 0, 0, 2), expand=False),
        rich_map([Point(point["x"], point["y"], "●")]),
    )


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
DETAIL_HINT = "Why and how, the map and the advice: --detail"


def _head(data: dict[str, Any]) -> list[Any]:
    """The task, the verdict with its meaning, and the two scores."""
    view = "leader's view" if data["perspective"] == "leader" else "report's view"
    head = Text("clarity check · ", style="bold")
    head.append_text(user(data["task"]))
    head.append(f" · {view}", style="dim")
    verdict = Text("Verdict: ", style="bold")
    verdict.append(data["verdict"], style=_VERDICT_STYLE[data["verdict"]])
    verdict.append(f" · {data['verdict_title']}")
    parts: list[Any] = [head, Text(), verdict]
    parts.append(Padding(Text(data["verdict_meaning"]), (0, 0, 0, 2), expand=False))
    partial = partial_verdict(data["scores"])
    if partial:
        parts.append(Padding(Text(partial, style="yellow"), (0, 0, 0, 2), expand=False))
    parts.append(Text())
    scores = data["scores"]
    for label, key in (("Autonomy      ", "autonomy"), ("Accountability", "accountability")):
        line = Text(f"{label}  ")
        if scores[key] is None:
            line.append("not judged: none of its questions was answered", style="dim")
        else:
            line.append_text(bar(scores[key]))
            line.append(f" {scores[key]:3d}")
        parts.append(line)
    return parts


def _outrun(data: dict[str, Any], *, detail: bool) -> list[Any]:
    scores = data["scores"]
    if not scores["autonomy_outruns_accountability"]:
        return []
    gap = scores["autonomy"] - scores["accountability"]
    view = data["perspective"]
    said = f"Autonomy outruns accountability by {gap} points"
    said += f". {law(view)}" if detail else f": {law_in_short(view)}."
    return [Text(said, style="yellow")]


def summary(data: dict[str, Any]) -> Text:
    """The last line of a check: the verdict and the scores, what the leader sees last."""
    findings = data["findings"]
    line = Text("In short: ", style="bold")
    line.append(data["verdict"], style=_VERDICT_STYLE[data["verdict"]])
    line.append(f" · autonomy {shown_score(data['scores']['autonomy'])}")
    line.append(f", accountability {shown_score(data['scores']['accountability'])}")
    errors = sum(1 for f in findings if f["severity"] == "error")
    count = f"{len(findings)} finding{'' if len(findings) == 1 else 's'}"
    if errors:
        count += f" ({errors} error{'' if errors == 1 else 's'})"
    line.append(f" · {count}")
    questions = len(data.get("questions") or [])
    if questions:
        line.append(f" · {questions} open question{'' if questions == 1 else 's'}")
    return line


def ranked(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings by severity, errors first, in the pack's order within one severity."""
    return sorted(findings, key=lambda f: _SEVERITY_ORDER.get(f["severity"], 3))


def _finding_line(f: dict[str, Any], *, detail: bool) -> Text:
    line = Text("  ")
    line.append(f"{f['severity']:<7}", style=_SEVERITY_STYLE[f["severity"]])
    line.append(f" {f['rule']} ", style="bold")
    if detail:
        line.append(f"{f['name']} ")
        line.append(f"[{f['dimension']}]", style="dim")
    else:
        line.append(f["title"])
    return line


def _questions(data: dict[str, Any], *, detail: bool, compact: bool = False) -> list[Any]:
    """The rules that could not tell: the answer each is about and its follow-up question
    (with ``detail``, also what these questions are; ``compact``: their rules on one line)."""
    from clarity.core.scoring.present import QUESTIONS_NOTE

    questions = data.get("questions") or []
    if not questions:
        return []
    head = f"Open questions ({len(questions)})"
    if compact:
        line = Text(f"{head}: ", style="bold")
        line.append(", ".join(dict.fromkeys(q["rule"] for q in questions)))
        return [line, Text()]
    parts: list[Any] = [Text(head, style="bold")]
    if detail:
        parts.append(Padding(Text(QUESTIONS_NOTE, style="dim"), (0, 0, 0, 2), expand=False))
    for q in questions:
        line = Text(f"{q['rule']} ", style="bold")
        if q["field"]:
            item = f"[{q['item']}]" if q["item"] else ""
            line.append(f"{q['field']}{item}: {answer_text(q['answer'])}", style="dim")
        parts.append(Padding(line, (0, 0, 0, 2), expand=False))
        parts.append(Padding(Text(q["question"]), (0, 0, 0, 4), expand=False))
    return [*parts, Text()]


def _unknown(data: dict[str, Any], *, detail: bool) -> list[Any]:
    unknown = data.get("unknown") or []
    if not unknown:
        return []
    head = f"Not asked ({len(unknown)}): unknown, not counted"
    signs = [item for item in unknown if item["field"].startswith("symptoms.")]
    if not detail:
        named = [item["field"] for item in unknown if item not in signs]
        if signs:
            named.append(f"{len(signs)} everyday sign{'' if len(signs) == 1 else 's'}")
        line = Text(f"{head}: ", style="bold")
        line.append(", ".join(named), style="dim")
        return [line, Text()]
    parts: list[Any] = [Text(head, style="bold")]
    for item in unknown:
        if item in signs and len(signs) > 1:
            continue
        line = Text(f"{item['field']}: {item['question']}", style="dim")
        parts.append(Padding(line, (0, 0, 0, 2), expand=False))
    if len(signs) > 1:
        line = Text(f"symptoms: {len(signs)} questions on the everyday signs", style="dim")
        parts.append(Padding(line, (0, 0, 0, 2), expand=False))
    return [*parts, Text()]


def _finding_body(f: dict[str, Any], traps: dict[str, str]) -> Padding:
    body = [Text(f["message"])]
    if f.get("trap") in traps:  # the trap is named where its reason is given, said once
        trap = Text("Trap: ", style="bold")
        trap.append(traps[f["trap"]])
        body.append(trap)
    for where, value in named_answers(f):
        answer = Text(f"Answer ({where}): ", style="dim")
        answer.append_text(user(answer_text(value)))
        body.append(answer)
    why = Text("Why: ", style="bold")
    why.append(f["why"])
    fix = Text("Do: ", style="bold")
    fix.append(f["fix"])
    body.extend([why, fix])
    return Padding(Group(*body), (0, 0, 1, 11), expand=False)


def _traps(data: dict[str, Any], *, brief: bool = False) -> list[Any]:
    """The traps the answers spring, with their meaning (``brief``: their titles, one line)."""
    if not data["traps"]:
        return []
    heading = "Trap" if len(data["traps"]) == 1 else "Traps"
    if brief:
        line = Text(f"{heading}: ", style="bold")
        line.append("; ".join(trap["title"] for trap in data["traps"]))
        return [line, Text()]
    parts: list[Any] = [Text(heading, style="bold")]
    for trap in data["traps"]:
        parts.append(Text(f"  • {trap['title']}", style="bold"))
        parts.append(Padding(Text(trap["meaning"]), (0, 0, 0, 4), expand=False))
        here = sprung_by(trap)
        if here:
            parts.append(Padding(Text(f"Here: {here}", style="dim"), (0, 0, 0, 4), expand=False))
    return [*parts, Text()]


def _next(data: dict[str, Any], fixes: int) -> list[Any]:
    """The one or two things to do next: the fixes of the gravest findings, or else the
    verdict's next step."""
    parts: list[Any] = [Text("Do next", style="bold")]
    first = ranked(data["findings"])[:fixes]
    if not first:
        return [*parts, Padding(Text(data["next_step"]), (0, 0, 0, 2), expand=False)]
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column()  # the fix wraps under itself
    for f in first:
        grid.add_row(Text(f["rule"], style="bold"), Text(f["fix"]))
    return [*parts, Padding(grid, (0, 0, 0, 2), expand=False)]


def _by_severity(findings: list[dict[str, Any]]) -> list[Any]:
    """The findings' rule ids, one line per severity (the tightest first screen)."""
    lines: list[Any] = []
    for severity in _SEVERITY_ORDER:
        ids = [f["rule"] for f in findings if f["severity"] == severity]
        if ids:
            line = Text("  ")
            line.append(f"{severity:<7}", style=_SEVERITY_STYLE[severity])
            line.append(" " + ", ".join(ids), style="bold")
            lines.append(line)
    return lines


def build(
    data: dict[str, Any],
    *,
    detail: bool = False,
    fixes: int = 2,
    grouped: bool = False,
    hint: bool = True,
    brief: bool = False,
) -> Group:
    """The check report. Short (the first screen: verdict, scores, findings one line each, the
    trap, the ``fixes`` things to do next; with ``grouped``, the findings' ids one line per
    severity; without ``hint``, no line on --detail; ``brief``: the traps by title) unless
    ``detail``; both end with the summary."""
    data = visible_data(data)  # pack texts too: no control sequence reaches the terminal
    parts: list[Any] = [*_head(data), *_outrun(data, detail=detail), Text()]
    if detail and data.get("map"):
        parts.extend([map_block(data["map"]), Text()])
    parts.extend(_unknown(data, detail=detail))
    findings = data["findings"]
    parts.append(Text(f"Findings ({len(findings)})", style="bold"))
    if not findings:
        none = UNKNOWN_NONE if data.get("unknown") else "None: both sides are clearly defined."
        parts.append(Padding(Text(none), (0, 0, 0, 2), expand=False))
    if grouped and not detail:
        parts.extend(_by_severity(findings))
    for f in [] if grouped and not detail else findings if detail else ranked(findings):
        parts.append(_finding_line(f, detail=detail))
        if detail:
            parts.append(_finding_body(f, {t["id"]: t["title"] for t in data["traps"]}))
    if not detail or not findings:
        parts.append(Text())
    if detail or not brief:  # (the briefest form counts them on its last line)
        parts.extend(_questions(data, detail=detail, compact=grouped and not detail))
    if not detail:  # (the detail names each trap on the finding whose why explains it)
        parts.extend(_traps(data, brief=brief))
    if detail:
        parts.append(Text("What to do next", style="bold"))
        parts.append(Padding(Text(data["next_step"]), (0, 0, 0, 2), expand=False))
        if data["advice"]:
            parts.extend([Text(), Text("Advice", style="bold")])
        for item in data["advice"]:
            parts.append(Text(f"  • {item['title']}", style="bold"))
            parts.append(Padding(Text(item["text"]), (0, 0, 0, 4), expand=False))
    else:
        parts.extend(_next(data, fixes))
    parts.append(Text())
    if not detail and hint:
        parts.append(Text(DETAIL_HINT, style="dim"))
    parts.append(summary(data))
    return Group(*parts)


#: The first screens to try, fullest first, when the report must fit a terminal's height:
#: (fixes shown, findings grouped by severity, the line on --detail, traps by title only).
_FITS = (
    (2, False, True, False),
    (1, False, True, False),
    (1, True, True, False),
    (1, True, False, False),
    (1, True, False, True),
)


def render(
    data: dict[str, Any],
    *,
    color: bool,
    width: int | None = None,
    detail: bool = False,
    height: int | None = None,
) -> str:
    """The report as text. With ``height`` (a terminal's rows), the first screen takes the
    fullest form that fits above the prompt that follows it."""
    from clarity.cli.render.console import report_width, to_text

    width = width or report_width()
    if detail:
        return to_text(build(data, detail=True), color=color, width=width)
    text = ""
    for fixes, grouped, hint, brief in _FITS:
        drawn = build(data, fixes=fixes, grouped=grouped, hint=hint, brief=brief)
        text = to_text(drawn, color=color, width=width)
        if height is None or text.count("\n") < height:
            break
    return text
