"""``clarity check --format html``: verdict, scores, the map, findings with why and fix."""

from __future__ import annotations

from typing import Any

from clarity.cli.render.html import bar, h, page, verdict_span, view_of
from clarity.core.record import answer_text
from clarity.core.scoring import NOT_ON_MAP, partial_verdict, shown_score
from clarity.core.scoring.present import QUESTIONS_NOTE, law, named_answers, sprung_by
from clarity.core.scoring.quadrants import quadrant_of


def render_check_html(data: dict[str, Any]) -> str:
    """The check report: verdict, scores, the map, findings with why and fix, traps, advice."""
    from clarity.cli.render.svg import MapPoint, map_svg

    add: list[str] = []
    scores = data["scores"]
    point = data.get("map")
    add.append(f"<h1>Clarity check: {h(data['task'])}</h1>")
    add.append(
        f'<p class="meta">{h(view_of(data["perspective"]))}; rule pack '
        f"{h(data['pack']['name'])} {h(data['pack']['version'])}</p>"
    )
    add.append('<section id="verdict">')
    add.append(f"<h2>Verdict: {verdict_span(data['verdict'])} · {h(data['verdict_title'])}</h2>")
    add.append(f"<p>{h(data['verdict_meaning'])}</p>")
    partial = partial_verdict(scores)
    if partial:
        add.append(f'<p class="warn">{h(partial)}</p>')
    add.append(f"<p><strong>Next step:</strong> {h(data['next_step'])}</p>")
    add.append("</section>")
    add.append('<section id="scores">')
    add.append("<h2>Scores</h2>")
    add.append("<table>")
    for label, key in (("Autonomy", "autonomy"), ("Accountability", "accountability")):
        shown = bar(key, scores[key]) if scores[key] is not None else ""
        add.append(
            f'<tr><th>{label}</th><td>{shown}</td><td class="num">'
            f"{h(shown_score(scores[key]))}</td></tr>"
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
    if point is None:
        add.append("<h2>Map</h2>")
        add.append(f"<p>Not on the map: {h(NOT_ON_MAP)}</p>")
    else:
        quadrant = quadrant_of(point["x"], point["y"])
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
        for where, answer in named_answers(f):
            add.append(
                f"<p><strong>Answer</strong> ({h(where)}): "
                f'<span class="answer">{h(answer_text(answer))}</span></p>'
            )
        add.append(f"<p><strong>Why it matters:</strong> {h(f['why'])}</p>")
        add.append(f"<p><strong>What to do:</strong> {h(f['fix'])}</p>")
        add.append("</article>")
    add.append("</section>")
    questions = data.get("questions") or []
    if questions:
        add.append('<section id="questions">')
        add.append(f"<h2>Open questions ({len(questions)})</h2>")
        add.append(f"<p>{h(QUESTIONS_NOTE)}.</p><ul>")
        for q in questions:
            item = f" item {q['item']}" if q["item"] else ""
            about = (
                f' <span class="muted">({h(q["field"])}{h(item)}: '
                f'<span class="answer">{h(answer_text(q["answer"]))}</span>)</span>'
                if q["field"]
                else ""
            )
            add.append(f"<li><strong>{h(q['rule'])}</strong> {h(q['question'])}{about}</li>")
        add.append("</ul></section>")
    if data.get("traps"):
        add.append('<section id="traps">')
        add.append("<h2>Traps found</h2>")
        add.append("<ul>")
        for trap in data["traps"]:
            here = sprung_by(trap)
            more = f' <span class="muted">Here: {h(here)}.</span>' if here else ""
            add.append(f"<li><strong>{h(trap['title'])}.</strong> {h(trap['meaning'])}{more}</li>")
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
