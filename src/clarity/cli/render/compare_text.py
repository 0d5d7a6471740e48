"""The terminal comparison, drawn with rich. User text only ever enters as rich Text objects."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from clarity.cli.render.compare_words import bands_note, gap_text
from clarity.cli.render.text import _VERDICT_STYLE, user
from clarity.core.record import answer_text
from clarity.core.scoring import shown_score

_BAND_STYLE = {"aligned": "green", "moderate": "yellow", "high": "bold red"}


def _band(item: dict[str, Any]) -> Text:
    band = item["band"]
    return Text(band, style=_BAND_STYLE[band]) if band else Text("-", style="dim")


def _grid() -> Table:
    """Two columns, the second wrapping under itself (a hanging indent)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    return grid


def summary(data: dict[str, Any]) -> Text:
    """The last line of a comparison: both verdicts and scores, and how far apart they are."""
    line = Text("In short: ", style="bold")
    line.append("the verdicts agree (" if data["verdicts_agree"] else "the verdicts differ (")
    for n, side in enumerate((data["a"], data["b"])):
        line.append(f"{', ' if n else ''}{side['label']} ")
        line.append(side["verdict"], style=_VERDICT_STYLE.get(side["verdict"], "bold"))
    line.append(")")
    high = sum(1 for item in data["items"] if item.get("band") == "high")
    line.append(f" · {high} item{'' if high == 1 else 's'} far apart")
    return line


def build(data: dict[str, Any], *, detail: bool = False) -> Group:
    """The comparison: the verdicts and where the views disagree most (the first screen), and
    with ``detail`` the map, every graded item, the answers side by side and the findings;
    both end with the summary line."""
    from clarity.cli.render.markdown import map_legend, marker
    from clarity.cli.render.quadmap import Point, rich_map
    from clarity.core.scoring.quadrants import place

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
    verdicts = _grid()
    for side in (a, b):
        line = Text(side["verdict"], style=_VERDICT_STYLE.get(side["verdict"], "bold"))
        line.append(
            f" · {side['verdict_title']} · autonomy {shown_score(side['scores']['autonomy'])}"
        )
        line.append(f", accountability {shown_score(side['scores']['accountability'])} · ")
        line.append(place(side.get("map")))
        where = user(side["source"])
        if side.get("date"):
            where.append(" · saved ")
            where.append_text(user(side["date"]))
        where.stylize("dim")
        verdicts.add_row(Text(side["label"], style="bold"), Group(line, where))
    parts.extend([Padding(verdicts, (0, 0, 0, 2), expand=False), Text()])

    parts.append(Text("Where they disagree most", style="bold"))
    if not data["disagree_most"]:
        parts.append(Text("  Nowhere: every graded answer is the same."))
    most = _grid()
    for n, item in enumerate(data["disagree_most"], start=1):
        line = Text(f"{item['label']}: ", style="bold")
        line.append(f"{la} ")
        line.append_text(user(answer_text(item["a"])))
        line.append(f", {lb} ")
        line.append_text(user(answer_text(item["b"])))
        line.append(f" ({gap_text(item)}, {item['direction']})", style="dim")
        most.add_row(Text(f"{n}. {item['band']}", style=_BAND_STYLE[item["band"]]), line)
    parts.extend([Padding(most, (0, 0, 0, 2), expand=False), Text()])
    if not detail:
        hint = "The map, every item, the answers side by side and the findings: --detail"
        return Group(*parts, Text(hint, style="dim"), summary(data))

    parts.append(Text("Map", style="bold"))
    legend = f"  {map_legend(la, lb)}"
    parts.append(Text(legend, style="dim"))
    points = [Point(s["map"]["x"], s["map"]["y"], marker(s["label"])) for s in (a, b) if s["map"]]
    parts.append(rich_map(points))
    parts.append(Text())

    table = Table(box=None, show_edge=False, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("Scores, yes/no and everyday signs", style="bold")  # wraps first
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
            user(answer_text(item["a"])),
            user(answer_text(item["b"])),
            Text(gap_text(item) or "-"),
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
            line.append_text(user(answer_text(item["a"])))
            parts.append(Padding(line, (0, 0, 0, 2), expand=False))
            continue
        line.append(" · differs", style="yellow")
        parts.append(Padding(line, (0, 0, 0, 2), expand=False))
        for side, key in ((la, "a"), (lb, "b")):
            row = Text(f"{side}: ", style="dim")
            row.append_text(user(answer_text(item[key])))
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
    return Group(*parts, Text(), summary(data))


def render(
    data: dict[str, Any], *, color: bool, width: int | None = None, detail: bool = False
) -> str:
    from clarity.cli.render.console import to_text

    return to_text(build(data, detail=detail), color=color, width=width)
