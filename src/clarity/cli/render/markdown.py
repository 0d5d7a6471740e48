"""The Markdown report: a document to keep or share."""

from __future__ import annotations

import re
from typing import Any

from clarity.core.present import LAW
from clarity.core.text import visible

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(text: str) -> str:
    """User text as inert Markdown: specials escaped, controls made visible, one line."""
    return _SPECIAL.sub(r"\\\1", visible(str(text), newlines=False))


def render(data: dict[str, Any]) -> str:
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
    add("")
    add(f"**Next step:** {data['next_step']}")
    add("")
    scores = data["scores"]
    add("## Scores")
    add("")
    add("| | score (0 to 100) |")
    add("|---|---:|")
    add(f"| Autonomy | {scores['autonomy']} |")
    add(f"| Accountability | {scores['accountability']} |")
    add("")
    if scores["autonomy_outruns_accountability"]:
        add(f"> **Autonomy outruns accountability.** {LAW}")
    else:
        add("Autonomy does not outrun accountability.")
    add("")
    findings = data["findings"]
    add(f"## Findings ({len(findings)})")
    add("")
    if not findings:
        add("No findings: both sides of the delegation are clearly defined.")
        add("")
    for f in findings:
        add(f"### {f['severity']} {f['rule']} {f['name']} ({f['dimension']})")
        add("")
        add(f["message"])
        add("")
        if f["field"]:
            item = f" item {f['item']}" if f["item"] else ""
            add(f"- **Answer** ({f['field']}{item}): {md(f['answer'])}")
        add(f"- **Why it matters:** {f['why']}")
        add(f"- **What to do:** {f['fix']}")
        add("")
    if data["traps"]:
        add("## Traps found")
        add("")
        for trap in data["traps"]:
            add(f"- **{trap['title']}.** {trap['meaning']}")
        add("")
    if data["advice"]:
        add("## Advice")
        add("")
        for item in data["advice"]:
            add(f"- **{item['title']}.** {item['text']}")
        add("")
    return "\n".join(lines)
