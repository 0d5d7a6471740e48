"""Text that would act on a terminal, a Markdown or HTML viewer, rich or a CI runner, in every
output format: shown literally and visibly escaped, never interpreted.

The hostile text goes in through answers, charters (YAML and Markdown), file names, rule packs
(their titles, messages, why and fix) and error messages; what comes out is checked for raw
control, C1 and bidirectional characters, for markup that rich would read, and (GitHub
annotations) for a line that data could start.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.adversarial.helpers import HARMONY, PACK, assert_clean, invoke

# What a terminal, a viewer or a runner would act on.
HOSTILE = {
    "markup": "[bold]B[/] [/] [link=https://evil.example]click[/link]",
    "csi": "\x1b[31mred\x1b[0m",
    "clear": "\x1b[2J\x1b[H",
    "osc52": "\x1b]52;c;cHduZWQ=\x07",
    "osc8": "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "c1": "\x9b31m \x9d0;title\x9c \x85",
    "bell": "ding\x07\x08\x7f",
    "bidi": "abc\u202edcba\u2066x\u2067y\u2068z\u2069\u200f",
    "lines": "one\u2028two\u2029three\rfour",
    "workflow": "x\n::error::forged %0A::add-mask::secret",
    # hidden text: zero-width space, word joiner, BOM, soft hyphen, Arabic letter mark, tags
    "invisible": "zero\u200bwidth\u2060joined\ufeffbom\u00adsoft\u061cmark\U000e0041\U000e007f",
}
ALL = " | ".join(HOSTILE.values())

# Nothing of this may reach an output raw (line feeds and tabs are layout, and are allowed).
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u00ad\u061c\u200b\u2060\ufeff\U000e0000-\U000e007f]"
)
# The only escape sequences clarity itself writes: colours (SGR), when colour is on.
OWN_SGR = re.compile(r"\x1b\[[0-9;]*m")


def assert_inert(text: str, *, colour: bool = False) -> None:
    if colour:
        text = OWN_SGR.sub("", text)
    found = RAW.findall(text)
    assert not found, f"raw characters reached the output: {found!r}"


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (every control character escaped; a character
    past U+FFFF as YAML's \\U escape, not JSON's surrogate pair)."""

    def astral(match: re.Match[str]) -> str:
        high, low = int(match.group(1), 16), int(match.group(2), 16)
        return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"

    return re.sub(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", astral, json.dumps(text))


def answers_file(tmp_path: Path) -> str:
    body = HARMONY
    for key, value in (
        ("task", "Fix " + ALL),
        ("owner", ALL),
        ("outcome", "Do your best " + ALL),  # fires C102: the answer is quoted in the report
        ("consequences", "I'll be disappointed " + ALL),
    ):
        line = f"{key}: {yaml_quoted(value)}"
        body = re.sub(rf"^{key}: .*$", lambda _, line=line: line, body, count=1, flags=re.M)
    path = tmp_path / "answers.yaml"
    path.write_text(body, encoding="utf-8")
    return path.name


def hostile_pack(tmp_path: Path) -> str:
    text = PACK
    for key in ("title", "message", "why", "fix"):
        line = f"    {key}: {yaml_quoted(key + ' ' + ALL)}"
        text = re.sub(rf"^    {key}: .*$", lambda _, line=line: line, text, flags=re.M)
    text = text.replace("when: {missing: owner}", "when: {present: owner}")
    text = text.replace('fire:\n        - {owner: ""}', "fire:\n        - {owner: Sam}")
    text = text.replace("pass:\n        - {owner: Sam}", 'pass:\n        - {owner: ""}')
    (tmp_path / "pack.yaml").write_text(text, encoding="utf-8")
    return "pack.yaml"


CHECK_FORMATS = ["text", "json", "markdown", "html", "svg", "jsonl"]


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_check_shows_hostile_answers_and_pack_texts_inert(fmt: str, tmp_path: Path) -> None:
    name = answers_file(tmp_path)
    rules = hostile_pack(tmp_path)
    run = invoke("check", "--answers", name, "--rules", rules, "--format", fmt)
    assert_clean(run)
    assert_inert(run.stdout)
    assert_inert(run.stderr)
    out = run.stdout
    if fmt in ("json", "jsonl"):
        data = json.loads(out)
        assert data["answers"]["owner"] == ALL  # the data is kept exactly, only escaped
        assert any(f["message"] == "message " + ALL for f in data["findings"])
        return
    # shown visibly, whatever the format's own escaping on top
    for visible in ("\\x1b", "\\x9b", "\\u202e", "\\x07"):
        assert visible in out, visible
    if fmt == "text":
        assert "[bold]B[/] [/] [link=https://evil.example]click[/link]" in out  # not markup
        assert "title [bold]B[/]" in out  # the first screen names a finding by its title
        detail = invoke("check", "--answers", name, "--rules", rules, "--detail").stdout
        assert_inert(detail)
        assert "message [bold]B[/]" in detail and "why [bold]B[/]" in detail
    if fmt == "markdown":
        assert "\\[bold\\]B\\[/\\]" in out and "\\[link=" in out
        assert not re.search(r"(?<!\\)\[(bold|/|link=)", out)
        assert "message \\[bold\\]" in out  # pack text is inert too
    if fmt in ("html", "svg"):
        assert "<link" not in out and "evil.example\\x1b" in out


def test_check_in_colour_writes_only_its_own_colour_codes() -> None:
    from clarity.cli.render.text import render
    from clarity.core.reading.answers import build_answers, load_answers_text
    from clarity.core.rules.pack import load_pack
    from clarity.core.scoring.engine import score
    from clarity.core.scoring.present import report_data

    body = HARMONY.replace("owner: Platform team", f"owner: {yaml_quoted(ALL)}")
    body = re.sub(r"^task: .*$", lambda _: f"task: {yaml_quoted(ALL)}", body, flags=re.M)
    doc = load_answers_text(body, "answers.yaml")
    pack = load_pack()
    report = score(build_answers(dict(doc.data), doc, "answers.yaml"), pack)
    out = render(report_data(report, pack), color=True)
    assert OWN_SGR.search(out)  # colour is on
    assert_inert(out, colour=True)
    assert "\\x1b[31mred" in out


def hostile_charters(tmp_path: Path) -> None:
    (tmp_path / "team.charter.yaml").write_text(
        "team: " + yaml_quoted(ALL) + "\n"
        "delegations:\n"
        "  - task: " + yaml_quoted("Task " + ALL) + "\n"
        "    outcome: " + yaml_quoted("Do your best " + ALL) + "\n",
        encoding="utf-8",
    )
    raw = ALL.replace("\n", " ").replace("\r", " ").replace("\u2028", " ").replace("\u2029", " ")
    (tmp_path / "team.charter.md").write_text(
        f"# {raw}\n\n## Task {raw}\n\n- **Outcome:** Do your best {raw}\n", encoding="utf-8"
    )
    # a file name that is itself hostile, and one that does not parse (its error is printed)
    (tmp_path / "\x1b[2J\u202e::error::x.charter.yaml").write_text(
        "delegations:\n  - task: a\n", encoding="utf-8"
    )
    (tmp_path / "broken.charter.yaml").write_text(
        yaml_quoted(ALL) + ": 1\n" + yaml_quoted(ALL) + ": 2\n", encoding="utf-8"
    )
    (tmp_path / ".clarity.yaml").write_text("rules: [pack.yaml]\n", encoding="utf-8")
    hostile_pack(tmp_path)


LINT_FORMATS = ["text", "json", "sarif", "github", "junit"]


@pytest.mark.parametrize("fmt", LINT_FORMATS)
def test_lint_shows_hostile_charters_paths_and_packs_inert(fmt: str, tmp_path: Path) -> None:
    hostile_charters(tmp_path)
    run = invoke("lint", "--format", fmt, ".")
    assert run.code == 2, run.stdout + run.stderr  # the broken charter
    assert "Traceback" not in run.stdout + run.stderr
    assert_inert(run.stdout)
    assert_inert(run.stderr)
    out = run.stdout
    if fmt == "json":
        data = json.loads(out)
        assert {f["delegation"] for f in data["findings"]} >= {"Task " + ALL, "a"}
        return
    if fmt == "sarif":
        data = json.loads(out)
        messages = [r["message"]["text"] for r in data["runs"][0]["results"]]
        assert any("\\x1b[31mred" in m for m in messages)
        return
    if fmt == "junit":
        import xml.etree.ElementTree as ET

        ET.fromstring(out.encode())  # well-formed XML, whatever the text
    for visible in ("\\x1b", "\\x9b", "\\u202e"):
        assert visible in out, visible
    if fmt == "github":
        lines = out.splitlines()
        assert lines and all(re.match(r"::(error|warning|notice) file=", line) for line in lines)
        assert not any("::add-mask::" in line.split("::", 2)[1] for line in lines)
    if fmt == "text":
        assert "[bold]B[/]" in out


def test_github_annotations_never_let_data_start_a_line(tmp_path: Path) -> None:
    forged = [
        "\n::add-mask::secret",
        "\r::stop-commands::token",
        "%0A::set-output name=x::y",
        "\u2028::error::forged",
        "\u0085::warning::forged",
    ]
    (tmp_path / "team.charter.yaml").write_text(
        "delegations:\n"
        + "".join(
            f"  - task: {yaml_quoted('T' + str(i) + text)}\n" for i, text in enumerate(forged)
        ),
        encoding="utf-8",
    )
    run = invoke("lint", "--no-config", "--format", "github", "team.charter.yaml")
    assert_clean(run, 1)
    assert_inert(run.stdout)
    for line in run.stdout.splitlines():
        assert re.match(
            r"::(error|warning|notice) file=team\.charter\.yaml,line=\d+,col=\d+,", line
        )
        # the only '::' that begins a command is the first; the data's are escaped or inside
        assert not line.split("::")[-1].startswith(("add-mask", "stop-commands", "set-output"))


def test_error_messages_quoting_hostile_text_are_inert(tmp_path: Path) -> None:
    key = yaml_quoted(ALL)
    (tmp_path / "answers.yaml").write_text(f"{key}: 1\n{key}: 2\n", encoding="utf-8")
    run = invoke("check", "--answers", "answers.yaml")
    assert run.code == 2
    assert_inert(run.stderr)
    assert len(run.errors) == 1 and "duplicate key" in run.stderr
    assert "\\x1b[2J" in run.stderr


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_rules_and_config_show_hostile_texts_inert(fmt: str, tmp_path: Path) -> None:
    hostile_pack(tmp_path)
    for args in (
        ["rules", "list", "--rules", "pack.yaml"],
        ["rules", "show", "T101", "--rules", "pack.yaml", "--verbose"],
    ):
        run = invoke(*args, "--format", fmt)
        assert_clean(run)
        assert_inert(run.stdout)
    (tmp_path / ".clarity.yaml").write_text(f"exclude: [{yaml_quoted(ALL)}]\n", encoding="utf-8")
    run = invoke("config", "--format", fmt)
    assert_clean(run)
    assert_inert(run.stdout)
    if fmt == "json":
        settings = {s["key"]: s["value"] for s in json.loads(run.stdout)["settings"]}
        assert settings["exclude"] == [ALL]


def test_sarif_help_markdown_of_a_pack_is_inert_markdown(tmp_path: Path) -> None:
    """A custom pack's why and fix become help.markdown, which code scanning renders: no image,
    raw HTML or link may come through."""
    why = "![track](https://evil.example/x.png) <img src=x onerror=alert(1)> **loud**"
    fix = "[click](javascript:alert(1)) <script>alert(1)</script> # heading | a | b |"
    text = PACK.replace("why: Work that belongs to everyone belongs to no one.", f"why: {why!r}")
    text = text.replace("fix: Name one person.", f"fix: {fix!r}")
    (tmp_path / "pack.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "team.charter.yaml").write_text("delegations:\n  - task: a\n", encoding="utf-8")
    run = invoke("lint", "--no-config", "--rules", "pack.yaml", "--format", "sarif", ".")
    assert_clean(run, code=1)
    rules = json.loads(run.stdout)["runs"][0]["tool"]["driver"]["rules"]
    [mine] = [r for r in rules if r["id"] == "T101"]
    markdown = mine["help"]["markdown"]
    body = markdown.replace("**Why.** ", "", 1).replace("**Fix.** ", "", 1)
    unescaped = re.findall(r"(?<!\\)[<>\[\]()!*#|]", body)
    assert not unescaped, (unescaped, markdown)
    assert "\\!\\[track\\]" in markdown and "\\<img" in markdown
    assert mine["help"]["text"].startswith("Why: ![track]")  # the plain text is as written
