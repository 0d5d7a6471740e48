"""The terminal comparison, drawn with rich. User text only ever enters as rich Text objects."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from clarity.cli.render.text import _VERDICT_STYLE, user

_BAND_STYLE = {"aligned": "green", "moderate": "yellow", "high": "bold red"}


def _gap(item: dict[str, Any]) -> str:
    from clarity.cli.render.html import _gap as gap

    return gap(item)


def _band(item: dict[str, Any]) -> Text:
    band = item["band"]
    return Text(band, style=_BAND_STYLE[band]) if band else Text("-", style="dim")


def build(data: dict[str, Any]) -> Group:
    from clarity.cli.render.html import bands_note
    from clarity.cli.render.markdown import map_legend, marker
    from clarity.cli.render.quadmap import Point, rich_map
    from clarity.core.quadrants import QUADRANT_BY_ID

    a, b = data["a"], data["b"]
    la, lb = a["label"], b["label"]
    parts: list[Any] = []
    head = Text("clarity compare · ", style="bold")
    head.append_text(user(data["task"]))
    parts.append(head)
    if not data["same_task"]:
        line = Text("Different tasks: ", style="yellow")
        line.append_text(user(b["task"]))
        line.append(f" ({lb})", style="dim")
        parts.append(line)
    parts.append(Text())

    parts.append(Text("Verdicts", style="bold"))
    for side in (a, b):
        line = Text("  ")
        line.append(f"{side['label']:<7}", style="bold")
        line.append(side["verdict"], style=_VERDICT_STYLE.get(side["verdict"], "bold"))
        line.append(f" · {side['verdict_title']} · autonomy {side['scores']['autonomy']}")
        line.append(f", accountability {side['scores']['accountability']} · ")
        line.append(QUADRANT_BY_ID[side["map"]["quadrant"]].title)
        parts.append(line)
        where = user(side["source"])
        if side.get("date"):
            where.append(" · saved ")
            where.append_text(user(side["date"]))
        where.stylize("dim")
        parts.append(Padding(where, (0, 0, 0, 9), expand=False))
    verdicts = "The verdicts agree." if data["verdicts_agree"] else "The verdicts differ."
    parts.append(Padding(Text(verdicts), (0, 0, 0, 2), expand=False))
    parts.append(Text())

    parts.append(Text("Where they disagree most", style="bold"))
    if not data["disagree_most"]:
        parts.append(Text("  Nowhere: every graded answer is the same."))
    for n, item in enumerate(data["disagree_most"], start=1):
        line = Text(f"{n}. ")
        line.append(f"{item['band']:<9}", style=_BAND_STYLE[item["band"]])
        line.append(f"{item['label']}: ", style="bold")
        line.append(f"{la} ")
        line.append_text(user(item["a"]))
        line.append(f", {lb} ")
        line.append_text(user(item["b"]))
        line.append(f" ({_gap(item)}, {item['direction']})", style="dim")
        parts.append(Padding(line, (0, 0, 0, 2), expand=False))
    parts.append(Text())

    parts.append(Text("Map", style="bold"))
    legend = f"  {map_legend(la, lb)}"
    parts.append(Text(legend, style="dim"))
    points = [Point(s["map"]["x"], s["map"]["y"], marker(s["label"])) for s in (a, b)]
    parts.append(rich_map(points))
    parts.append(Text())

    table = Table(box=None, show_edge=False, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("Scores, yes/no and everyday signs", style="bold", no_wrap=True)
    table.add_column(la, no_wrap=True)
    table.add_column(lb, no_wrap=True)
    table.add_column("gap", justify="right", no_wrap=True)
    table.add_column("band", no_wrap=True)
    table.add_column("direction", no_wrap=True)
    for item in data["items"]:
        if item["scale"] is None:
            continue
        table.add_row(
            Text(item["label"]),
            user(item["a"]),
            user(item["b"]),
            Text(_gap(item) or "-"),
            _band(item),
            Text(item["direction"] or "not comparable", style="dim"),
        )
    parts.append(table)
    parts.append(Padding(Text(bands_note(data), style="dim"), (0, 0, 0, 2), expand=False))
    parts.append(Text())

    parts.append(Text("Answers side by side", style="bold"))
    for item in data["items"]:
        if item["kind"] not in ("text", "list", "yes-no"):
            continue
        line = Text(item["label"], style="bold")
        if item["same"]:
            line.append(" · same: ", style="green")
            line.append_text(user(item["a"]))
            parts.append(Padding(line, (0, 0, 0, 2), expand=False))
            continue
        line.append(" · differs", style="yellow")
        parts.append(Padding(line, (0, 0, 0, 2), expand=False))
        for side, key in ((la, "a"), (lb, "b")):
            row = Text(f"{side}: ", style="dim")
            row.append_text(user(item[key]))
            only = item["rules"][f"only_{key}"]
            if only:
                row.append(f"  (only {side}: {', '.join(only)})", style="yellow")
            parts.append(Padding(row, (0, 0, 0, 4), expand=False))
    parts.append(Text())

    parts.append(Text("Findings", style="bold"))
    for key, who in (("only_a", f"only {la}"), ("only_b", f"only {lb}"), ("both", "both")):
        line = Text(f"{who}: ", style="bold")
        rules = data["findings"][key]
        line.append(", ".join(f"{r['rule']} {r['name']}" for r in rules) or "none", style="")
        parts.append(Padding(line, (0, 0, 0, 2), expand=False))
    return Group(*parts)


def render(data: dict[str, Any], *, color: bool, width: int | None = None) -> str:
    from clarity.cli.render.console import to_text

    return to_text(build(data), color=color, width=width)
