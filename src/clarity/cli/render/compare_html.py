"""``clarity compare --format html``: two answer sets side by side."""

from __future__ import annotations

from typing import Any

from clarity.cli.render.compare_words import bands_note, gap_text
from clarity.cli.render.html import h, page, verdict_span
from clarity.core.record import answer_text
from clarity.core.scoring import shown_score
from clarity.core.scoring.quadrants import place


def _rules(ids: list[str]) -> str:
    return ", ".join(h(r) for r in ids) or "—"


def render_compare_html(data: dict[str, Any]) -> str:
    """Two answer sets side by side: verdicts, the map, the widest gaps, every answer."""
    from clarity.cli.render.compare_svg import side_points
    from clarity.cli.render.svg import map_svg

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
        add.append(
            f"<tr><th>{h(side['label'])}</th><td>{h(side['source'])}{date}</td>"
            f"<td>{verdict_span(side['verdict'])} · {h(side['verdict_title'])}</td>"
            f'<td class="num">{h(shown_score(side["scores"]["autonomy"]))}</td>'
            f'<td class="num">{h(shown_score(side["scores"]["accountability"]))}</td>'
            f"<td>{h(place(side.get('map')))}</td></tr>"
        )
    add.append("</table>")
    agree = "The verdicts agree." if data["verdicts_agree"] else "The verdicts differ."
    add.append(f"<p>{agree}</p>")
    add.append("</section>")
    points = side_points(a, b)
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
                f"<strong>{h(item['label'])}</strong>: {la} {h(answer_text(item['a']))}, "
                f"{lb} {h(answer_text(item['b']))} "
                f"({h(gap_text(item))}, {h(item['direction'])})</li>"
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
            f"<tr><th>{h(item['label'])}</th><td>{h(answer_text(item['a']))}</td>"
            f"<td>{h(answer_text(item['b']))}</td>"
            f'<td class="num">{h(gap_text(item)) if item["gap"] is not None else "—"}</td>'
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
            f'<td><span class="answer">{h(answer_text(item["a"]))}</span></td>'
            f'<td><span class="answer">{h(answer_text(item["b"]))}</span></td>'
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
