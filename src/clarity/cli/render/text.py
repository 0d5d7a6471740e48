"""The terminal report, drawn with rich. User text only ever enters as rich Text objects."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.padding import Padding
from rich.text import Text

from clarity.core.present import LAW
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
    from clarity.core.quadrants import QUADRANT_BY_ID

    quadrant = QUADRANT_BY_ID[point["quadrant"]]
    head = Text("Map: ", style="bold")
    head.append(quadrant.title, style="bold")
    head.append(f" (autonomy {point['x']}, accountability {point['y']})", style="dim")
    return Group(
        head,
        Padding(Text(quadrant.meaning), (0, 0, 0, 2), expand=False),
        rich_map([Point(point["x"], point["y"], "●")]),
    )


def build(data: dict[str, Any]) -> Group:
    data = visible_data(data)  # pack texts too: no control sequence reaches the terminal
    parts: list[Any] = []
    view = "leader's view" if data["perspective"] == "leader" else "report's view"
    head = Text("clarity check · ", style="bold")
    head.append_text(user(data["task"]))
    head.append(f" · {view}", style="dim")
    parts.append(head)
    parts.append(Text())
    verdict = Text("Verdict: ", style="bold")
    verdict.append(data["verdict"], style=_VERDICT_STYLE[data["verdict"]])
    verdict.append(f" · {data['verdict_title']}")
    parts.append(verdict)
    parts.append(Padding(Text(data["verdict_meaning"]), (0, 0, 0, 2), expand=False))
    parts.append(Text())
    scores = data["scores"]
    for label, key in (("Autonomy      ", "autonomy"), ("Accountability", "accountability")):
        line = Text(f"{label}  ")
        line.append_text(bar(scores[key]))
        line.append(f" {scores[key]:3d}")
        parts.append(line)
    if scores["autonomy_outruns_accountability"]:
        parts.append(Text(f"Autonomy outruns accountability. {LAW}", style="yellow"))
    parts.append(Text())
    if "map" in data:
        parts.append(map_block(data["map"]))
        parts.append(Text())
    findings = data["findings"]
    unknown = data.get("unknown") or []
    if unknown:
        parts.append(Text(f"Not asked ({len(unknown)}): unknown, not counted", style="bold"))
        signs = [item for item in unknown if item["field"].startswith("symptoms.")]
        for item in unknown:
            if item in signs and len(signs) > 1:
                continue
            line = Text(f"{item['field']}: {item['question']}", style="dim")
            parts.append(Padding(line, (0, 0, 0, 2), expand=False))
        if len(signs) > 1:
            line = Text(f"symptoms: {len(signs)} questions on the everyday signs", style="dim")
            parts.append(Padding(line, (0, 0, 0, 2), expand=False))
        parts.append(Text())
    parts.append(Text(f"Findings ({len(findings)})", style="bold"))
    if not findings:
        none = UNKNOWN_NONE if unknown else "None: both sides are clearly defined."
        parts.append(Padding(Text(none), (0, 0, 0, 2), expand=False))
    for f in findings:
        line = Text("  ")
        line.append(f"{f['severity']:<7}", style=_SEVERITY_STYLE[f["severity"]])
        line.append(f" {f['rule']} ", style="bold")
        line.append(f"{f['name']} ")
        line.append(f"[{f['dimension']}]", style="dim")
        parts.append(line)
        body = [Text(f["message"])]
        if f["field"]:
            answer = Text("Answer ", style="dim")
            item = f" item {f['item']}" if f["item"] else ""
            answer.append(f"({f['field']}{item}): ", style="dim")
            answer.append_text(user(f["answer"]))
            body.append(answer)
        why = Text("Why: ", style="bold")
        why.append(f["why"])
        fix = Text("Do: ", style="bold")
        fix.append(f["fix"])
        body.extend([why, fix])
        parts.append(Padding(Group(*body), (0, 0, 1, 11), expand=False))
    if data["traps"]:
        parts.append(Text("Traps found", style="bold"))
        for trap in data["traps"]:
            parts.append(Text(f"  • {trap['title']}", style="bold"))
            parts.append(Padding(Text(trap["meaning"]), (0, 0, 0, 4), expand=False))
    if not findings or data["traps"]:
        parts.append(Text())
    parts.append(Text("What to do next", style="bold"))
    parts.append(Padding(Text(data["next_step"]), (0, 0, 0, 2), expand=False))
    if data["advice"]:
        parts.append(Text())
        parts.append(Text("Advice", style="bold"))
        for item in data["advice"]:
            parts.append(Text(f"  • {item['title']}", style="bold"))
            parts.append(Padding(Text(item["text"]), (0, 0, 0, 4), expand=False))
    return Group(*parts)


def render(data: dict[str, Any], *, color: bool, width: int | None = None) -> str:
    from clarity.cli.render.console import to_text

    return to_text(build(data), color=color, width=width)
