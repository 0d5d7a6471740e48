"""One voice per perspective: every heading, prompt, message, why and fix is worded for the
reader chosen with --as, the leader (who delegated) or the report (who was given the work)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.cli.interview import INTRO
from clarity.core.rules.pack import load_pack, say
from tests.conftest import EXAMPLES

runner = CliRunner()
PACK = load_pack()

#: What only the leader's voice says (the delegate seen from outside, the leader as "you").
LEADER_ONLY = (
    "than you would",
    "they know exactly",
    "they don't deliver",
    "you delegated",
    "with them",
    "let them",
    "your report ",
)
#: What only the report's voice says.
REPORT_ONLY = ("your manager", "my manager", "I don't deliver", "you were given")


def pack_texts(view: str) -> list[tuple[str, str]]:
    """Every text of the pack a reader with this view can be shown, said in that view."""
    out: list[tuple[str, str]] = []
    for compiled in PACK.rules:
        rule = compiled.rule
        for name in ("title", "message", "why", "fix"):
            out.append((f"{rule.id}.{name}", say(getattr(rule, name), view)))
        if rule.ask is not None:
            out.append((f"{rule.id}.ask", say(rule.ask.prompt, view)))
    for question in PACK.questions:
        for name in ("group", "prompt", "help"):
            if getattr(question, name) is not None:
                out.append((f"{question.field}.{name}", say(getattr(question, name), view)))
    for verdict in PACK.verdicts.values():
        out.append((f"{verdict.id}.meaning", say(verdict.meaning, view)))
        out.append((f"{verdict.id}.next_step", say(verdict.next_step, view)))
    for advice, _ in PACK.advice:
        if view in advice.perspectives:
            out.append((f"advice.{advice.id}", say(advice.text, view)))
    out.append(("intro", INTRO[view]))
    return out


def wrong_voice(text: str, view: str) -> list[str]:
    other = LEADER_ONLY if view == "report" else REPORT_ONLY
    return [phrase for phrase in other if phrase.lower() in text.lower()]


@pytest.mark.parametrize("view", ["leader", "report"])
def test_every_pack_text_speaks_in_the_readers_voice(view: str) -> None:
    wrong = {key: found for key, text in pack_texts(view) if (found := wrong_voice(text, view))}
    assert wrong == {}


@pytest.mark.parametrize("view", ["leader", "report"])
@pytest.mark.parametrize(
    "example", ["missed-deadline", "asking-for-autonomy", "missed-deadline-report", "fresh-wording"]
)
def test_every_report_speaks_in_the_readers_voice(view: str, example: str) -> None:
    args = ["check", "--answers", str(EXAMPLES / f"{example}.yaml"), "--as", view]
    for extra in ([], ["--detail"], ["--format", "markdown"]):
        result = runner.invoke(app, [*args, *extra])
        assert result.exit_code == 0, result.output
        assert wrong_voice(result.stdout, view) == [], extra
    data: dict[str, Any] = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert data["perspective"] == view
    for finding in data["findings"]:
        for name in ("title", "message", "why", "fix"):
            assert wrong_voice(finding[name], view) == [], (finding["rule"], name)


def test_the_two_voices_differ_where_the_reader_is_named() -> None:
    leader = dict(pack_texts("leader"))
    report = dict(pack_texts("report"))
    assert report["B101.title"] == "You cannot fail differently than your manager would"
    assert leader["B101.title"] == "They cannot fail differently than you would"
    assert "can I fail differently than my manager would?" in report["B101.why"]
    assert "what happens if I don't deliver?" in report["C108.why"]


def test_the_law_is_said_to_each_reader() -> None:
    missed = str(EXAMPLES / "missed-deadline.yaml")
    leader = runner.invoke(app, ["check", "--answers", missed]).stdout
    report = runner.invoke(app, ["check", "--answers", missed, "--as", "report"]).stdout
    assert "by 75 points: measure the outcome first." in leader
    assert "by 75 points: show the outcome first." in report
    detail = runner.invoke(app, ["check", "--answers", missed, "--as", "report", "--detail"])
    assert "how rigorously your results are followed up" in " ".join(detail.stdout.split())


@pytest.mark.parametrize("view", ["leader", "report"])
def test_a_heading_and_its_prompt_are_never_the_same_sentence(view: str) -> None:
    for question in PACK.questions:
        heading = say(question.group, view).split(". ", 1)[-1].casefold()
        prompt = say(question.prompt, view).casefold()
        assert not prompt.startswith(heading.rstrip("?")), (question.field, view)
