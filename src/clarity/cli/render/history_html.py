"""``clarity history --format html``: the trend chart, each check on the map, the table."""

from __future__ import annotations

from typing import Any

from clarity.cli.render.history_entries import (
    day,
    entry_scores,
    finding_count,
    on_map,
    place,
    trend_sentences,
)
from clarity.cli.render.html import h, page, verdict_span
from clarity.core.scoring import shown_score


def render_history_html(data: dict[str, Any]) -> str:
    """The checks of a task over time: the trend chart, each check on the map, the table.

    Given the task list of ``clarity history`` without a task, the latest check of each task.
    """
    from clarity.cli.render.history_svg import history_svg

    if "tasks" in data:
        return _tasks_html(data)
    entries = list(data.get("entries") or [])
    task = data.get("task") or "several tasks"
    add: list[str] = [f"<h1>Clarity history: {h(task)}</h1>"]
    count = len(entries)
    add.append(f'<p class="meta">{count} check{"" if count == 1 else "s"}</p>')
    for sentence in trend_sentences(data):
        add.append(f"<p>{h(sentence)}</p>")
    add.append(f"<figure>{history_svg(data, inline=True, ident='history')}</figure>")
    add.append('<section id="checks">')
    add.append("<h2>Checks</h2>")
    if not entries:
        add.append("<p>No checks saved yet.</p>")
    else:
        add.append(
            '<table><tr><th class="num">#</th><th>date</th><th>perspective</th><th>verdict</th>'
            '<th class="num">autonomy</th><th class="num">accountability</th><th>map</th>'
            '<th class="num">findings</th><th class="num">check</th></tr>'
        )
        for i, entry in enumerate(entries, start=1):
            autonomy, accountability = map(shown_score, entry_scores(entry))
            add.append(
                f'<tr><td class="num">{i}</td><td>{h(day(entry))}</td>'
                f"<td>{h(entry.get('perspective') or '')}</td>"
                f"<td>{verdict_span(str(entry['verdict']))}</td>"
                f'<td class="num">{h(autonomy)}</td><td class="num">{h(accountability)}</td>'
                f"<td>{h(place(entry))}</td>"
                f'<td class="num">{h(finding_count(entry))}</td>'
                f'<td class="num">{h(entry.get("id", ""))}</td></tr>'
            )
        add.append("</table>")
        add.append(
            '<p class="muted">Compare two checks with <code>clarity compare journal:ID '
            "journal:ID</code>.</p>"
        )
    add.append("</section>")
    return page(f"Clarity history: {task}", add)


def _tasks_html(data: dict[str, Any]) -> str:
    from clarity.cli.render.svg import MapPoint, map_svg

    rows = list(data.get("tasks") or [])
    add = ["<h1>Clarity history: every task</h1>"]
    add.append(f'<p class="meta">{len(rows)} task{"" if len(rows) == 1 else "s"}</p>')
    if not rows:
        add.append("<p>No checks saved yet.</p>")
        return page("Clarity history", add)
    points = [
        MapPoint(*point, str(n), f"{n}. {row['task']}")
        for n, row in enumerate(rows, start=1)
        if (point := on_map(row["latest"]))
    ]
    picture = map_svg(points, "The latest check of each task on the map", inline=True)
    add.append(f"<figure>{picture}</figure>")
    add.append(
        '<table><tr><th class="num">#</th><th>task</th><th class="num">checks</th>'
        "<th>latest</th><th>perspective</th><th>verdict</th>"
        '<th class="num">autonomy</th><th class="num">accountability</th></tr>'
    )
    for n, row in enumerate(rows, start=1):
        latest = row["latest"]
        autonomy, accountability = map(shown_score, entry_scores(latest))
        add.append(
            f'<tr><td class="num">{n}</td><td>{h(row["task"])}</td>'
            f'<td class="num">{h(row["checks"])}</td><td>{h(day(latest))}</td>'
            f"<td>{h(latest.get('perspective') or '')}</td>"
            f"<td>{verdict_span(str(latest['verdict']))}</td>"
            f'<td class="num">{h(autonomy)}</td><td class="num">{h(accountability)}</td></tr>'
        )
    add.append("</table>")
    return page("Clarity history", add)
