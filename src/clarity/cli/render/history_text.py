"""The history in the terminal: a table of checks and a trend chart of both scores.

User text (tasks, rule ids from packs of one's own) only ever enters as rich Text objects.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from clarity.cli.render.text import user
from clarity.core.scoring import shown_score

_VERDICT_STYLE = {
    "in-harmony": "green",
    "boundaries": "yellow",
    "consequences": "yellow",
    "both": "red",
}
_MARK = {"autonomy": ("●", "cyan"), "accountability": ("■", "magenta")}
_BOTH = ("◆", "bold")
HEIGHT = 9  # rows of the chart, from 0 to 100
MAX_POINTS = 24  # the chart shows the latest this many checks of a view


def local_date(stamp: str) -> str:
    """A stored UTC time (ISO 8601) as local time to the minute; unknown forms as they are."""
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")


def _verdict(verdict: str) -> Text:
    return Text(verdict, style=_VERDICT_STYLE.get(verdict, ""))


def _view(perspective: str) -> str:
    return {"leader": "leader's view", "report": "report's view"}.get(perspective, perspective)


def _table() -> Table:
    return Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        header_style="bold",
        padding=(0, 1, 0, 0),
    )


def checks_table(data: dict[str, Any], *, latest: int | None = None) -> Table:
    """The checks, oldest first; only the ``latest`` few when given."""
    table = _table()
    table.add_column("#", justify="right")
    table.add_column("date", no_wrap=True)
    table.add_column("view")
    table.add_column("verdict", no_wrap=True)
    table.add_column("autonomy", justify="right", min_width=8)
    table.add_column("accountability", justify="right", min_width=14)
    table.add_column("findings", justify="right" if latest is not None else "left")
    entries = data["entries"] if latest is None else data["entries"][-latest:]
    for entry in entries:
        found = entry["findings"]
        rules = " ".join(str(f.get("rule", "?")) for f in found) or "none"
        if latest is not None:  # the first screen counts them; the detail names them
            rules = str(len(found))
        table.add_row(
            str(entry["id"]),
            local_date(entry["date"]),
            user(entry["perspective"]),
            _verdict(entry["verdict"]),
            shown_score(entry["scores"]["autonomy"]),
            shown_score(entry["scores"]["accountability"]),
            user(rules),
        )
    return table


def _row(value: int) -> int:
    return round(max(0, min(100, value)) / 100 * (HEIGHT - 1))


def trend_chart(series: dict[str, Any]) -> Group:
    """Both scores of one view over its checks: ● autonomy, ■ accountability, ◆ both."""
    points = series["points"][-MAX_POINTS:]
    width = max(3, max(len(str(p["id"])) for p in points) + 1)
    shown = len(points)
    total = len(series["points"])
    title = Text(f"Trend · {_view(series['perspective'])} ", style="bold")
    title.append(
        f"({total} check{'s' if total != 1 else ''}"
        + (f", the latest {shown} drawn)" if shown < total else ")"),
        style="dim",
    )
    lines: list[RenderableType] = [title]
    for level in range(HEIGHT - 1, -1, -1):
        label = {HEIGHT - 1: "100", (HEIGHT - 1) // 2: " 50", 0: "  0"}.get(level, "   ")
        line = Text(f"  {label} {'┤' if label.strip() else '│'}", style="dim")
        for point in points:
            hit = [
                axis
                for axis in ("autonomy", "accountability")
                if point[axis] is not None and _row(point[axis]) == level
            ]
            mark, style = _BOTH if len(hit) == 2 else _MARK[hit[0]] if hit else (" ", "")
            line.append(" " * (width - 1))
            line.append(mark, style=style)
        lines.append(line)
    lines.append(Text("      └" + "─" * (width * shown), style="dim"))
    axis = Text("       ")
    for point in points:
        axis.append(str(point["id"]).rjust(width), style="dim")
    axis.append("  check #", style="dim")
    lines.append(axis)
    legend = Text("  ")
    for name in ("autonomy", "accountability"):
        mark, style = _MARK[name]
        first, last, change = series["first"][name], series["last"][name], series["change"][name]
        legend.append(mark, style=style)
        if change is None:
            legend.append(f" {name} {shown_score(None)}   ")
        else:
            legend.append(f" {name} {first} → {last} ({change:+d})   ")
    legend.append(_BOTH[0], style=_BOTH[1])
    legend.append(" both")
    lines.append(legend)
    return Group(*lines)


#: The checks the first screen of a history lists (--detail lists them all).
SHORT_ROWS = 5


def summary(data: dict[str, Any]) -> Text:
    """The last line of a history: the latest check, and each view's change."""
    last = data["entries"][-1]
    line = Text("In short: ", style="bold")
    line.append(f"latest check #{last['id']}, {_view(last['perspective'])}: ")
    line.append_text(_verdict(last["verdict"]))
    line.append(f" · autonomy {shown_score(last['scores']['autonomy'])}")
    line.append(f" · accountability {shown_score(last['scores']['accountability'])}")
    return line


def history(data: dict[str, Any], *, detail: bool = False, one_trend: bool = False) -> Group:
    """The checks of a task and the trend of each view; ``one_trend``: only the trend of the
    latest check's view (for a short terminal), the others named."""
    count = data["checks"]
    head = Text("clarity history · ", style="bold")
    head.append_text(user(data["task"] or "(several tasks)"))
    head.append(f" · {count} check{'s' if count != 1 else ''}", style="dim")
    latest = None if detail else SHORT_ROWS
    parts: list[RenderableType] = [head, Text(), checks_table(data, latest=latest)]
    if latest is not None and count > latest:
        parts.append(Text(f"The latest {latest} of {count}; all of them: --detail", style="dim"))
    trends = data["trend"]
    if one_trend and len(trends) > 1 and data["entries"]:
        view = data["entries"][-1]["perspective"]
        trends = [s for s in trends if s["perspective"] == view] or trends[-1:]
        others = ", ".join(_view(s["perspective"]) for s in data["trend"] if s not in trends)
        parts.extend([Text(), Text(f"The trend of the {others}: --detail", style="dim")])
    for series in trends:
        parts.extend([Text(), trend_chart(series)])
    if data["entries"]:
        parts.extend([Text(), summary(data)])
    return Group(*parts)


def tasks(data: dict[str, Any], journal: Path | None) -> Group:
    rows = data["tasks"]
    if not rows:
        where = f" in {journal}" if journal is not None else ""
        return Group(
            user(f"No checks saved yet{where}."),
            Text("Save one with: clarity check --save"),
        )
    head = Text("clarity history", style="bold")
    head.append(f" · {len(rows)} task{'s' if len(rows) != 1 else ''} in the journal", style="dim")
    table = _table()
    table.add_column("task", ratio=1)
    table.add_column("checks", justify="right")
    table.add_column("latest", no_wrap=True)
    table.add_column("view")
    table.add_column("verdict", no_wrap=True)
    table.add_column("autonomy", justify="right", min_width=8)
    table.add_column("accountability", justify="right", min_width=14)
    for row in rows:
        latest = row["latest"]
        table.add_row(
            user(row["task"]),
            str(row["checks"]),
            local_date(latest["date"])[:10],  # the day: the table fits 80 columns
            user(latest["perspective"]),
            _verdict(latest["verdict"]),
            shown_score(latest["scores"]["autonomy"]),
            shown_score(latest["scores"]["accountability"]),
        )
    return Group(head, Text(), table, Text(), Text("One task over time: clarity history TASK"))


def render(
    data: dict[str, Any],
    *,
    color: bool,
    width: int | None = None,
    journal: Path | None = None,
    detail: bool = False,
    height: int | None = None,
) -> str:
    """The history as text. With ``height`` (a terminal's rows), a history of several views
    that does not fit shows the trend of the latest check's view only."""
    from clarity.cli.render.console import report_width, to_text

    width = width or report_width()
    if "tasks" in data:
        return to_text(tasks(data, journal), color=color, width=width)
    text = to_text(history(data, detail=detail), color=color, width=width)
    if height is not None and not detail and text.count("\n") >= height:
        text = to_text(history(data, one_trend=True), color=color, width=width)
    return text
