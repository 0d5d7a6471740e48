"""Reports as one self-contained HTML page: inline CSS, inline SVG, no scripts, no links out.

This module holds the page and its parts; the reports are in ``check_html``, ``compare_html``
and ``history_html``. Every text (answers, task names, file names, even the rule pack's
wording, which may come from a pack of one's own) goes through :func:`h`: control and bidi
characters made visible, then HTML-escaped. A Content-Security-Policy forbids loading
anything, as a second line of defence.
"""

from __future__ import annotations

from html import escape
from typing import Any

from clarity import __version__
from clarity.core.scoring.present import LAW
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
