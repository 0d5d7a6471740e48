"""The Markdown report: a document to keep or share."""

from __future__ import annotations

from typing import Any

from clarity.core.record import answer_text
from clarity.core.scoring import NOT_ON_MAP, partial_verdict, shown_score
from clarity.core.scoring.present import QUESTIONS_NOTE, law, named_answers, sprung_by
from clarity.core.text import md_escape as md_escape  # (shared with the SARIF help)
from clarity.core.text import visible


def md(text: str) -> str:
    """User text as inert Markdown: specials escaped, controls made visible, one line."""
    return md_escape(visible(str(text), newlines=False))


def map_section(point: dict[str, Any]) -> list[str]:
    """The delegation on the autonomy × accountability map, as a text picture."""
    from clarity.cli.render.quadmap import Point, plain
    from clarity.core.scoring.quadrants import QUADRANT_BY_ID

    quadrant = QUADRANT_BY_ID[point["quadrant"]]
    return [
        f"## Map: {quadrant.title}",
        "",
        f"Autonomy {point['x']}, accountability {point['y']}. {quadrant.meaning}",
        "",
        "```text",
        plain([Point(point["x"], point["y"], "●")]),
        "```",
        "",
    ]


def prose(text: Any) -> str:
    """A text from the rule pack as inert Markdown, like user text: a pack is data too."""
    return md(" ".join(str(text).splitlines()))


def render(data: dict[str, Any]) -> str:
    data = _pack_texts_inert(data)
    lines: list[str] = []
    add = lines.append
    view = "the leader's view" if data["perspective"] == "leader" else "the report's view"
    add(f"# Clarity check: {md(data['task'])}")
    add("")
    add(f"*{view}; rule pack {md(data['pack']['name'])} {md(data['pack']['version'])}*")
    add("")
    add(f"## Verdict: `{data['verdict']}` ({data['verdict_title']})")
    add("")
    add(data["verdict_meaning"])
    partial = partial_verdict(data["scores"])
    if partial:
        add("")
        add(f"*{partial}*")
    add("")
    add(f"**Next step:** {data['next_step']}")
    add("")
    scores = data["scores"]
    add("## Scores")
    add("")
    add("| | score (0 to 100) |")
    add("|---|---:|")
    add(f"| Autonomy | {shown_score(scores['autonomy'])} |")
    add(f"| Accountability | {shown_score(scores['accountability'])} |")
    add("")
    if scores["autonomy_outruns_accountability"]:
        add(f"> **Autonomy outruns accountability.** {law(data['perspective'])}")
    else:
        add("Autonomy does not outrun accountability.")
    add("")
    if data.get("map"):
        lines.extend(map_section(data["map"]))
    elif "map" in data:
        add(f"Not on the map: {NOT_ON_MAP}")
        add("")
    findings = data["findings"]
    unknown = data.get("unknown") or []
    if unknown:
        add(f"## Not asked ({len(unknown)})")
        add("")
        add("Unknown, not counted: the verdict covers only what was answered.")
        add("")
        for item in unknown:
            add(f"- `{item['field']}`: {md(item['question'])}")
        add("")
    add(f"## Findings ({len(findings)})")
    add("")
    if not findings:
        add(
            "No findings in what was answered."
            if unknown
            else "No findings: both sides of the delegation are clearly defined."
        )
        add("")
    for f in findings:
        add(f"### {f['severity']} {f['rule']} {f['name']} ({f['dimension']})")
        add("")
        add(f["message"])
        add("")
        for where, answer in named_answers(f):
            add(f"- **Answer** ({where}): {md(answer_text(answer))}")
        add(f"- **Why it matters:** {f['why']}")
        add(f"- **What to do:** {f['fix']}")
        add("")
    questions = data.get("questions") or []
    if questions:
        add(f"## Open questions ({len(questions)})")
        add("")
        add(md(QUESTIONS_NOTE) + ".")
        add("")
        for q in questions:
            item = f" item {q['item']}" if q["item"] else ""
            about = f" ({q['field']}{item}: {md(answer_text(q['answer']))})" if q["field"] else ""
            add(f"- **{q['rule']}** {md(q['question'])}{about}")
        add("")
    if data["traps"]:
        add("## Traps found")
        add("")
        for trap in data["traps"]:
            here = sprung_by(trap)
            add(f"- **{trap['title']}.** {trap['meaning']}" + (f" Here: {here}." if here else ""))
        add("")
    if data["advice"]:
        add("## Advice")
        add("")
        for item in data["advice"]:
            add(f"- **{item['title']}.** {item['text']}")
        add("")
    return "\n".join(lines)


def _pack_texts_inert(data: dict[str, Any]) -> dict[str, Any]:
    """The check report with every text that comes from the rule pack escaped by ``prose``
    (answers are escaped where they are written, with ``md``)."""
    out = dict(data)
    for key in ("verdict_title", "verdict_meaning", "next_step"):
        out[key] = prose(data[key])
    out["findings"] = [
        {**f, **{k: prose(f[k]) for k in ("title", "message", "why", "fix")}}
        for f in data["findings"]
    ]
    out["traps"] = [
        {
            **t,
            "title": prose(t["title"]),
            "meaning": prose(t["meaning"]),
            "rules": [{**r, "title": prose(r["title"])} for r in t.get("rules") or []],
        }
        for t in data["traps"]
    ]
    out["advice"] = [
        {**a, "title": prose(a["title"]), "text": prose(a["text"])} for a in data["advice"]
    ]
    return out


def _cell(text: Any) -> str:
    return md(str(text)) if str(text) else " "


def render_compare_markdown(data: dict[str, Any]) -> str:
    """Two answer sets side by side, as a Markdown document."""
    from clarity.cli.render.compare_words import bands_note, gap_text
    from clarity.cli.render.quadmap import Point, plain
    from clarity.core.scoring.quadrants import place

    a, b = data["a"], data["b"]
    la, lb = md(a["label"]), md(b["label"])
    lines: list[str] = []
    add = lines.append
    add(f"# Clarity compare: {md(data['task'])}")
    add("")
    add(f"*{la} and {lb}; rule pack {md(data['pack']['name'])} {md(data['pack']['version'])}*")
    add("")
    if not data["same_task"]:
        add(f'> **Different tasks:** {la} "{md(a["task"])}", {lb} "{md(b["task"])}".')
        add("")
    add("## Verdicts")
    add("")
    add("| | answers | verdict | autonomy | accountability | map |")
    add("|---|---|---|---:|---:|---|")
    for side in (a, b):
        source = md(side["source"]) + (f" ({md(side['date'])})" if side.get("date") else "")
        add(
            f"| {md(side['label'])} | {source} | `{side['verdict']}` {md(side['verdict_title'])} "
            f"| {shown_score(side['scores']['autonomy'])} "
            f"| {shown_score(side['scores']['accountability'])} "
            f"| {place(side.get('map'))} |"
        )
    add("")
    add("The verdicts agree." if data["verdicts_agree"] else "The verdicts differ.")
    add("")
    add("## Map")
    add("")
    add(map_legend(a["label"], b["label"]) + ".")
    add("")
    add("```text")
    add(
        plain([Point(s["map"]["x"], s["map"]["y"], marker(s["label"])) for s in (a, b) if s["map"]])
    )
    add("```")
    add("")
    add("## Where they disagree most")
    add("")
    if not data["disagree_most"]:
        add("Nowhere: every graded answer is the same.")
    for n, item in enumerate(data["disagree_most"], start=1):
        add(
            f"{n}. **{item['band']}** {md(item['label'])}: {la} {md(answer_text(item['a']))}, "
            f"{lb} {md(answer_text(item['b']))} ({gap_text(item)}, {md(item['direction'])})"
        )
    add("")
    add("## Scores, yes/no answers and everyday signs")
    add("")
    add(f"| | {la} | {lb} | gap | band | direction |")
    add("|---|---|---|---:|---|---|")
    for item in data["items"]:
        if item["scale"] is None:
            continue
        add(
            f"| {md(item['label'])} | {_cell(answer_text(item['a']))} | {_cell(answer_text(item['b']))} "
            f"| {gap_text(item) or '-'} | {item['band'] or '-'} "
            f"| {md(item['direction'] or 'not comparable')} |"
        )
    add("")
    add(f"*{md(bands_note(data))}*")
    add("")
    add("## Answers side by side")
    add("")
    add(f"| | {la} | {lb} | same? | rules only for {la} | rules only for {lb} |")
    add("|---|---|---|---|---|---|")
    for item in data["items"]:
        if item["kind"] not in ("text", "list", "yes-no"):
            continue
        add(
            f"| {md(item['label'])} | {_cell(answer_text(item['a']))} | {_cell(answer_text(item['b']))} "
            f"| {'same' if item['same'] else '**differs**'} "
            f"| {md(', '.join(item['rules']['only_a'])) or '-'} "
            f"| {md(', '.join(item['rules']['only_b'])) or '-'} |"
        )
    add("")
    add("## Findings")
    add("")
    for key, who in (("only_a", f"Only for {la}"), ("only_b", f"Only for {lb}"), ("both", "Both")):
        listed = "; ".join(f"{md(r['rule'])} {md(r['name'])}" for r in data["findings"][key])
        add(f"- **{who}:** {listed or 'none'}")
    add("")
    return "\n".join(lines)


def map_legend(la: str, lb: str) -> str:
    """What the marks on a comparison's text map stand for."""
    if (marker(la), marker(lb)) == (la, lb):
        return f"{la} and {lb}; * where both fall on one spot"
    return f"{marker(la)} = {la}, {marker(lb)} = {lb}; * where both fall on one spot"


def marker(label: str) -> str:
    """The one-character mark of a side on the text map: L(eader), R(eport), A, B."""
    return (label[:1] or "?").upper()


def render_history_markdown(data: dict[str, Any]) -> str:
    """The checks of a task over time, as a Markdown document with the trend and the map.

    Given the task list of ``clarity history`` without a task, the latest check of each task.
    """
    from clarity.cli.render.history_entries import (
        day,
        entry_scores,
        finding_count,
        on_map,
        place,
        trend_sentences,
    )
    from clarity.cli.render.quadmap import Point, plain

    if "tasks" in data:
        return _tasks_markdown(data)
    entries = list(data.get("entries") or [])
    task = data.get("task") or "several tasks"
    lines: list[str] = []
    add = lines.append
    add(f"# Clarity history: {md(task)}")
    add("")
    add(f"*{len(entries)} check{'' if len(entries) == 1 else 's'}*")
    add("")
    for sentence in trend_sentences(data):
        add(md(sentence))
        add("")
    add("## Checks")
    add("")
    if not entries:
        add("No checks saved yet.")
        add("")
        return "\n".join(lines)
    add("| # | date | perspective | verdict | autonomy | accountability | map | findings | check |")
    add("|---:|---|---|---|---:|---:|---|---:|---:|")
    for n, e in enumerate(entries, start=1):
        autonomy, accountability = map(shown_score, entry_scores(e))
        add(
            f"| {n} | {_cell(day(e))} | {_cell(e.get('perspective') or '')} "
            f"| `{md(e['verdict'])}` | {autonomy} | {accountability} "
            f"| {place(e)} | {finding_count(e)} | {md(e.get('id', ''))} |"
        )
    add("")
    add("## Trend")
    add("")
    add("```text")
    add(trend_lines(entries))
    add("```")
    add("")
    add("## Map")
    add("")
    add("Each check by its number (the last nine), * where several fall on one spot.")
    add("")
    shown = entries[-9:]
    offset = len(entries) - len(shown)
    add("```text")
    add(
        plain(
            [
                Point(*point, str(offset + i + 1)[-1])
                for i, e in enumerate(shown)
                if (point := on_map(e))
            ]
        )
    )
    add("```")
    add("")
    add("Compare two checks with `clarity compare journal:ID journal:ID`.")
    add("")
    return "\n".join(lines)


def _tasks_markdown(data: dict[str, Any]) -> str:
    from clarity.cli.render.history_entries import day, entry_scores, on_map
    from clarity.cli.render.quadmap import Point, plain

    rows = list(data.get("tasks") or [])
    lines = ["# Clarity history: every task", ""]
    if not rows:
        return "\n".join([*lines, "No checks saved yet.", ""])
    lines += ["| # | task | checks | latest | perspective | verdict | autonomy | accountability |"]
    lines += ["|---:|---|---:|---|---|---|---:|---:|"]
    for n, row in enumerate(rows, start=1):
        latest = row["latest"]
        autonomy, accountability = map(shown_score, entry_scores(latest))
        lines.append(
            f"| {n} | {md(row['task'])} | {row['checks']} | {_cell(day(latest))} "
            f"| {_cell(latest.get('perspective') or '')} | `{md(latest['verdict'])}` "
            f"| {autonomy} | {accountability} |"
        )
    shown = rows[:9]
    lines += ["", "The latest check of each task (the first nine) on the map:", "", "```text"]
    lines.append(
        plain(
            [
                Point(*point, str(n))
                for n, r in enumerate(shown, 1)
                if (point := on_map(r["latest"]))
            ]
        )
    )
    lines += ["```", ""]
    return "\n".join(lines)


def trend_lines(entries: list[dict[str, Any]]) -> str:
    """Both scores per check as bars of 20 characters."""
    from clarity.cli.render.history_entries import day, entry_scores

    out = []
    for n, e in enumerate(entries, start=1):
        when = visible(day(e), newlines=False).replace("`", "'")
        view = visible(str(e.get("perspective") or ""), newlines=False).replace("`", "'")
        autonomy, accountability = entry_scores(e)
        auto = "█" * round(autonomy / 5) if autonomy is not None else ""
        acc = "█" * round(accountability / 5) if accountability is not None else ""
        a, b = shown_score(autonomy), shown_score(accountability)
        out.append(f"{n:>3} {when:<10} {view:<7} autonomy       {auto:<20} {a:>3}")
        out.append(f"{'':>3} {'':<10} {'':<7} accountability {acc:<20} {b:>3}")
    return "\n".join(out)
