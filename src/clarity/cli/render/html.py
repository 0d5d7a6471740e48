"""Reports as one self-contained HTML file: inline CSS, inline SVG, no scripts, no links out.

Every text (answers, task names, file names, even the rule pack's wording, which may come from
a pack of one's own) goes through :func:`h`: control and bidi characters made visible, then
HTML-escaped. A Content-Security-Policy forbids loading anything, as a second line of defence.
"""

from __future__ import annotations

from html import escape
from typing import Any

from clarity import __version__
from clarity.core.scoring.present import LAW, law
from clarity.core.scoring.quadrants import QUADRANT_BY_ID, quadrant_of
from clarity.core.text import visible

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  color: #202124; background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
  line-height: 1.5; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #dadce0; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; }
.meta, .muted { color: #5f6368; font-size: .9rem; }
.verdict { font-weight: 700; }
.v-in-harmony { color: #188038; } .v-boundaries, .v-consequences { color: #b06000; }
.v-both { color: #c5221f; }
.sev-error { color: #c5221f; } .sev-warning { color: #b06000; } .sev-info { color: #1967d2; }
.band-aligned { color: #188038; } .band-moderate { color: #b06000; }
.band-high { color: #c5221f; font-weight: 700; }
.warn { background: #fef7e0; border-left: 4px solid #f9ab00; padding: .5rem .8rem; }
.bar { background: #e8eaed; height: .8rem; width: 16rem; border-radius: 2px;
  display: inline-block; vertical-align: middle; }
.bar span { display: block; height: 100%; border-radius: 2px; }
.autonomy { background: #1a73e8; } .accountability { background: #c26401; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #e8eaed;
  vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.finding { border-left: 3px solid #dadce0; padding-left: .8rem; margin: 1rem 0; }
.answer { background: #f8f9fa; padding: .1rem .3rem; border-radius: 3px;
  white-space: pre-wrap; overflow-wrap: anywhere; }
figure { margin: 1rem 0; } svg { max-width: 100%; height: auto; }
footer { margin-top: 3rem; color: #5f6368; font-size: .85rem; }
@media print { body { margin: 0; } h2 { break-after: avoid; } .finding { break-inside: avoid; } }
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def h(text: Any) -> str:
    """Any text as inert HTML: controls and bidi marks made visible, specials escaped."""
    return escape(visible(str(text), newlines=False), quote=True)


def page(title: str, body: list[str]) -> str:
    """One complete HTML document."""
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="clarity {h(__version__)}">',
        f"<title>{h(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
    ]
    tail = [
        f"<footer>Made with clarity {h(__version__)}. {h(LAW)}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join([*head, *body, *tail]) + "\n"


def view_of(perspective: str) -> str:
    return "the leader's view" if perspective == "leader" else "the report's view"


def bar(kind: str, value: int) -> str:
    width = max(0, min(100, int(value)))
    return f'<span class="bar"><span class="{kind}" style="width: {width}%"></span></span>'


def verdict_span(verdict: str) -> str:
    return f'<span class="verdict v-{h(verdict)}">{h(verdict)}</span>'


# -- clarity check ----------------------------------------------------------------------


def render_check_html(data: dict[str, Any]) -> str:
    """The check report: verdict, scores, the map, findings with why and fix, traps, advice."""
    from clarity.cli.render.svg import MapPoint, map_svg

    add: list[str] = []
    scores = data["scores"]
    point = data.get("map") or {"x": scores["autonomy"], "y": scores["accountability"]}
    quadrant = quadrant_of(point["x"], point["y"])
    add.append(f"<h1>Clarity check: {h(data['task'])}</h1>")
    add.append(
        f'<p class="meta">{h(view_of(data["perspective"]))}; rule pack '
        f"{h(data['pack']['name'])} {h(data['pack']['version'])}</p>"
    )
    add.append('<section id="verdict">')
    add.append(f"<h2>Verdict: {verdict_span(data['verdict'])} · {h(data['verdict_title'])}</h2>")
    add.append(f"<p>{h(data['verdict_meaning'])}</p>")
    add.append(f"<p><strong>Next step:</strong> {h(data['next_step'])}</p>")
    add.append("</section>")
    add.append('<section id="scores">')
    add.append("<h2>Scores</h2>")
    add.append("<table>")
    for label, key in (("Autonomy", "autonomy"), ("Accountability", "accountability")):
        add.append(
            f'<tr><th>{label}</th><td>{bar(key, scores[key])}</td><td class="num">'
            f"{h(scores[key])}</td></tr>"
        )
    add.append("</table>")
    if scores.get("autonomy_outruns_accountability"):
        add.append(
            '<p class="warn"><strong>Autonomy outruns accountability.</strong> '
            f"{h(law(data['perspective']))}</p>"
        )
    else:
        add.append("<p>Autonomy does not outrun accountability.</p>")
    add.append("</section>")
    add.append('<section id="map">')
    add.append(f"<h2>Map: {h(quadrant.title)}</h2>")
    add.append(f"<p>{h(quadrant.meaning)}</p>")
    tooltip = f"autonomy {point['x']}, accountability {point['y']}"
    picture = map_svg(
        [MapPoint(point["x"], point["y"], "", tooltip)],
        f"The delegation on the map: {quadrant.title} ({tooltip})",
        inline=True,
        ident="check-map",
    )
    add.append(f"<figure>{picture}</figure>")
    add.append("</section>")
    findings = data["findings"]
    unknown = data.get("unknown") or []
    if unknown:
        add.append('<section id="unknown">')
        add.append(f"<h2>Not asked ({len(unknown)})</h2>")
        add.append("<p>Unknown, not counted: the verdict covers only what was answered.</p><ul>")
        for item in unknown:
            add.append(f"<li><code>{h(item['field'])}</code>: {h(item['question'])}</li>")
        add.append("</ul></section>")
    add.append('<section id="findings">')
    add.append(f"<h2>Findings ({len(findings)})</h2>")
    if not findings:
        add.append(
            "<p>No findings in what was answered.</p>"
            if unknown
            else "<p>No findings: both sides of the delegation are clearly defined.</p>"
        )
    for f in findings:
        add.append('<article class="finding">')
        add.append(
            f'<h3><span class="sev-{h(f["severity"])}">{h(f["severity"])}</span> '
            f'{h(f["rule"])} {h(f["name"])} <span class="muted">({h(f["dimension"])})</span></h3>'
        )
        add.append(f"<p>{h(f['message'])}</p>")
        if f.get("field"):
            item = f" item {f['item']}" if f.get("item") else ""
            add.append(
                f"<p><strong>Answer</strong> ({h(f['field'])}{h(item)}): "
                f'<span class="answer">{h(f["answer"])}</span></p>'
            )
        add.append(f"<p><strong>Why it matters:</strong> {h(f['why'])}</p>")
        add.append(f"<p><strong>What to do:</strong> {h(f['fix'])}</p>")
        add.append("</article>")
    add.append("</section>")
    if data.get("traps"):
        add.append('<section id="traps">')
        add.append("<h2>Traps found</h2>")
        add.append("<ul>")
        for trap in data["traps"]:
            add.append(f"<li><strong>{h(trap['title'])}.</strong> {h(trap['meaning'])}</li>")
        add.append("</ul>")
        add.append("</section>")
    if data.get("advice"):
        add.append('<section id="advice">')
        add.append("<h2>Advice</h2>")
        add.append("<ul>")
        for item in data["advice"]:
            add.append(f"<li><strong>{h(item['title'])}.</strong> {h(item['text'])}</li>")
        add.append("</ul>")
        add.append("</section>")
    return page(f"Clarity check: {data['task']}", add)


# -- clarity compare --------------------------------------------------------------------


def _rules(ids: list[str]) -> str:
    return ", ".join(h(r) for r in ids) or "—"


def render_compare_html(data: dict[str, Any]) -> str:
    """Two answer sets side by side: verdicts, the map, the widest gaps, every answer."""
    from clarity.cli.render.svg import SIDE_COLORS, MapPoint, map_svg

    a, b = data["a"], data["b"]
    la, lb = h(a["label"]), h(b["label"])
    add: list[str] = [f"<h1>Clarity compare: {h(data['task'])}</h1>"]
    add.append(
        f'<p class="meta">{la} and {lb}; rule pack {h(data["pack"]["name"])} '
        f"{h(data['pack']['version'])}</p>"
    )
    if not data["same_task"]:
        add.append(
            f'<p class="warn">These answers are about different tasks: {la} '
            f"“{h(a['task'])}”, {lb} “{h(b['task'])}”.</p>"
        )
    add.append('<section id="sides">')
    add.append("<h2>Verdicts</h2>")
    add.append(
        '<table><tr><th></th><th>answers</th><th>verdict</th><th class="num">autonomy</th>'
        '<th class="num">accountability</th><th>map</th></tr>'
    )
    for side in (a, b):
        date = f' <span class="muted">{h(side["date"])}</span>' if side.get("date") else ""
        quadrant = QUADRANT_BY_ID[side["map"]["quadrant"]]
        add.append(
            f"<tr><th>{h(side['label'])}</th><td>{h(side['source'])}{date}</td>"
            f"<td>{verdict_span(side['verdict'])} · {h(side['verdict_title'])}</td>"
            f'<td class="num">{h(side["scores"]["autonomy"])}</td>'
            f'<td class="num">{h(side["scores"]["accountability"])}</td>'
            f"<td>{h(quadrant.title)}</td></tr>"
        )
    add.append("</table>")
    agree = "The verdicts agree." if data["verdicts_agree"] else "The verdicts differ."
    add.append(f"<p>{agree}</p>")
    add.append("</section>")
    points = [
        MapPoint(
            s["map"]["x"],
            s["map"]["y"],
            s["label"],
            f"{s['label']}: autonomy {s['map']['x']}, accountability {s['map']['y']}",
            color,
        )
        for s, color in zip((a, b), SIDE_COLORS, strict=True)
    ]
    add.append('<section id="map">')
    add.append("<h2>Map</h2>")
    title = f"{a['label']} and {b['label']} on the autonomy and accountability map"
    add.append(
        f"<figure>{map_svg(points, title, inline=True, ident='compare-map', path=True)}</figure>"
    )
    add.append("</section>")
    add.append('<section id="disagree">')
    add.append("<h2>Where they disagree most</h2>")
    if not data["disagree_most"]:
        add.append("<p>Nowhere: every graded answer is the same.</p>")
    else:
        add.append("<ol>")
        for item in data["disagree_most"]:
            add.append(
                f'<li><span class="band-{h(item["band"])}">{h(item["band"])}</span> '
                f"<strong>{h(item['label'])}</strong>: {la} {h(item['a'])}, {lb} {h(item['b'])} "
                f"({h(_gap(item))}, {h(item['direction'])})</li>"
            )
        add.append("</ol>")
    add.append("</section>")
    graded = [i for i in data["items"] if i["scale"] is not None]
    add.append('<section id="graded">')
    add.append("<h2>Scores, yes/no answers and everyday signs</h2>")
    add.append(
        f'<table><tr><th></th><th>{la}</th><th>{lb}</th><th class="num">gap</th><th>band</th>'
        "<th>direction</th></tr>"
    )
    for item in graded:
        band = item["band"]
        band_cell = f'<span class="band-{h(band)}">{h(band)}</span>' if band else "—"
        add.append(
            f"<tr><th>{h(item['label'])}</th><td>{h(item['a'])}</td><td>{h(item['b'])}</td>"
            f'<td class="num">{h(_gap(item)) if item["gap"] is not None else "—"}</td>'
            f"<td>{band_cell}</td><td>{h(item['direction'] or 'not comparable')}</td></tr>"
        )
    add.append("</table>")
    add.append(f'<p class="muted">{h(bands_note(data))}</p>')
    add.append("</section>")
    add.append('<section id="answers">')
    add.append("<h2>Answers side by side</h2>")
    add.append(
        f"<table><tr><th></th><th>{la}</th><th>{lb}</th><th>same?</th>"
        f"<th>rules only for {la}</th><th>rules only for {lb}</th></tr>"
    )
    for item in data["items"]:
        if item["kind"] not in ("text", "list", "yes-no"):
            continue
        add.append(
            f"<tr><th>{h(item['label'])}</th>"
            f'<td><span class="answer">{h(item["a"])}</span></td>'
            f'<td><span class="answer">{h(item["b"])}</span></td>'
            f"<td>{'same' if item['same'] else '<strong>differs</strong>'}</td>"
            f"<td>{_rules(item['rules']['only_a'])}</td><td>{_rules(item['rules']['only_b'])}</td>"
            "</tr>"
        )
    add.append("</table>")
    add.append("</section>")
    diff = data["findings"]
    add.append('<section id="findings">')
    add.append("<h2>Findings</h2>")
    for key, who in (("only_a", f"Only for {la}"), ("only_b", f"Only for {lb}"), ("both", "Both")):
        rules = diff[key]
        listed = "; ".join(f"{h(r['rule'])} {h(r['name'])}" for r in rules) or "none"
        add.append(f"<p><strong>{who}:</strong> {listed}</p>")
    add.append("</section>")
    return page(f"Clarity compare: {data['task']}", add)


def _gap(item: dict[str, Any]) -> str:
    gap = item["gap"]
    if gap is None:
        return ""
    unit = "point" if item["scale"] == "points" else "step"
    return f"{gap} {unit}{'' if gap == 1 else 's'}"


def bands_note(data: dict[str, Any]) -> str:
    t = data["thresholds"]
    return (
        f"Bands: aligned up to {t['steps']['aligned']} step or {t['points']['aligned']} points "
        f"apart, moderate up to {t['steps']['moderate']} steps or {t['points']['moderate']} "
        "points, high beyond. The signs run never, rarely, sometimes, often, always (0 to 4; "
        "not answered counts as never); yes counts as 4 and no as 0."
    )


# -- clarity history --------------------------------------------------------------------


def render_history_html(data: dict[str, Any]) -> str:
    """The checks of a task over time: the trend chart, each check on the map, the table.

    Given the task list of ``clarity history`` without a task, the latest check of each task.
    """
    from clarity.cli.render.svg import day, entry_scores, history_svg

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
            autonomy, accountability = entry_scores(entry)
            quadrant = quadrant_of(autonomy, accountability)
            add.append(
                f'<tr><td class="num">{i}</td><td>{h(day(entry))}</td>'
                f"<td>{h(entry.get('perspective') or '')}</td>"
                f"<td>{verdict_span(str(entry['verdict']))}</td>"
                f'<td class="num">{h(autonomy)}</td><td class="num">{h(accountability)}</td>'
                f"<td>{h(quadrant.title)}</td>"
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
    from clarity.cli.render.svg import MapPoint, day, entry_scores, map_svg

    rows = list(data.get("tasks") or [])
    add = ["<h1>Clarity history: every task</h1>"]
    add.append(f'<p class="meta">{len(rows)} task{"" if len(rows) == 1 else "s"}</p>')
    if not rows:
        add.append("<p>No checks saved yet.</p>")
        return page("Clarity history", add)
    points = [
        MapPoint(*entry_scores(row["latest"]), str(n), f"{n}. {row['task']}")
        for n, row in enumerate(rows, start=1)
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
        autonomy, accountability = entry_scores(latest)
        add.append(
            f'<tr><td class="num">{n}</td><td>{h(row["task"])}</td>'
            f'<td class="num">{h(row["checks"])}</td><td>{h(day(latest))}</td>'
            f"<td>{h(latest.get('perspective') or '')}</td>"
            f"<td>{verdict_span(str(latest['verdict']))}</td>"
            f'<td class="num">{h(autonomy)}</td><td class="num">{h(accountability)}</td></tr>'
        )
    add.append("</table>")
    return page("Clarity history", add)


def finding_count(entry: dict[str, Any]) -> int:
    findings = entry.get("findings")
    if isinstance(findings, (list, tuple)):
        return len(findings)
    return int(findings or 0)


def trend_sentences(data: dict[str, Any]) -> list[str]:
    """For each perspective with two checks or more: how both scores moved, first to latest."""
    from clarity.cli.render.svg import entry_scores, series_of

    entries = list(data.get("entries") or [])
    out = []
    for view, positions in series_of(data):
        if len(positions) < 2:
            continue
        first, last = entries[positions[0]], entries[positions[-1]]
        moves = []
        for axis, name in enumerate(("autonomy", "accountability")):
            a, b = entry_scores(first)[axis], entry_scores(last)[axis]
            moves.append(f"{name} {a} → {b} ({'+' if b > a else ''}{b - a})")
        out.append(
            f"{view.capitalize() or 'Checks'}, {len(positions)} checks from the first to the "
            f"latest: {', '.join(moves)}; verdict {first['verdict']} → {last['verdict']}."
        )
    return out
