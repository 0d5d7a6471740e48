"""The text report fits the screen it lands on: a short first screen, the detail on request,
the verdict again on the last line, drawn at the terminal's width (COLUMNS honoured)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from tests.conftest import EXAMPLES

runner = CliRunner()
MISSED = str(EXAMPLES / "missed-deadline.yaml")
ASKING = str(EXAMPLES / "asking-for-autonomy.yaml")
HARMONY = str(EXAMPLES / "in-harmony.yaml")


def check(*args: str, columns: int | None = None) -> str:
    env = {"COLUMNS": str(columns)} if columns else {}
    result = runner.invoke(app, ["check", *args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_first_screen_has_the_verdict_scores_findings_and_what_to_do() -> None:
    out = check("--answers", MISSED, columns=80)
    lines = out.splitlines()
    assert lines[2].startswith("Verdict: consequences · The consequences broke down")
    assert (
        lines[-1]
        == "In short: consequences · autonomy 95, accountability 20 · 5 findings (2 errors)"
    )
    assert "Autonomy outruns accountability by 75 points: measure the outcome first." in out
    # each finding on one line, errors first; the why and the long texts only in --detail
    assert "  error   C102 The outcome is a wish, not a result" in lines
    assert lines.index("  error   C108 The consequences have no teeth") < lines.index(
        "  warning C106 The quality standard cannot be checked"
    )
    assert "Why:" not in out and "Map:" not in out and "Advice" not in out
    # the one or two things to do next: the fixes of the two gravest findings
    do_next = out.split("Do next\n", 1)[1]
    assert do_next.startswith("  C102  Rewrite it as a result")
    assert "C108  Replace the feeling" in do_next and "C106" not in do_next
    assert len(lines) <= 32


def test_detail_has_everything_once_and_ends_with_the_same_summary() -> None:
    short = check("--answers", MISSED)
    detail = check("--answers", MISSED, "--detail")
    for said in ("Why: ", "Do: ", "Map: Abandonment", "What to do next", "The leader's job"):
        assert detail.count(said) >= 1, said
    assert detail.count("What to do next") == 1 and "Do next" not in detail
    assert detail.count("Map: ") == 1
    assert detail.splitlines()[-1] == short.splitlines()[-1]
    assert "--detail" in short and "--detail" not in detail


def test_a_report_with_no_findings_says_the_next_step() -> None:
    out = check("--answers", HARMONY)
    assert "None: both sides are clearly defined." in out
    assert "Keep judging them on the agreed outcome" in out.split("Do next", 1)[1]
    assert (
        out.splitlines()[-1]
        == "In short: in-harmony · autonomy 100, accountability 100 · 0 findings"
    )


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("example", [MISSED, ASKING])
def test_columns_sets_the_width_and_words_are_never_cut(columns: int, example: str) -> None:
    for args in ([], ["--detail"]):
        out = check("--answers", example, *args, columns=columns)
        lines = out.splitlines()
        assert max(len(line) for line in lines) <= columns
        # Every word of a fix is whole on some line: rich wrapped at spaces, not inside words.
        wide = check("--answers", example, *args, columns=400)
        words = {w for line in wide.splitlines() for w in line.split()}
        assert {w for line in lines for w in line.split()} <= words
    if columns == 120:  # the room is used: some line is wider than 100 (the pipe's width)
        assert (
            max(
                len(line)
                for line in check("--answers", example, "--detail", columns=120).splitlines()
            )
            > 100
        )


@pytest.mark.parametrize("example", [MISSED, ASKING, HARMONY])
@pytest.mark.parametrize(("rows", "columns"), [(24, 80), (40, 120), (30, 60)])
def test_the_first_screen_fits_the_terminal_above_the_prompt(
    example: str, rows: int, columns: int
) -> None:
    env = {"LINES": str(rows), "COLUMNS": str(columns)}
    shown = runner.invoke(app, ["check", "--answers", example], env=env).stdout
    lines = shown.splitlines()
    assert len(lines) < rows, shown  # one row is left for the prompt that follows
    assert any(line.startswith("Verdict: ") for line in lines[:4])
    assert "In short: " in "\n".join(lines[-2:])  # (it may wrap on a narrow terminal)
    assert max(len(line) for line in lines) <= columns
    full = check("--answers", example, columns=columns)
    if len(full.splitlines()) < rows:
        assert shown == full, "a report that fits is shown whole"
    else:
        assert "Do next" in shown, "it keeps the thing to do next"


def test_a_report_to_a_file_or_pipe_is_never_tightened(tmp_path: Path) -> None:
    env = {"LINES": "10", "COLUMNS": "80"}
    out = tmp_path / "report.txt"
    runner.invoke(app, ["check", "--answers", MISSED, "--output", str(out)], env=env)
    assert out.read_text(encoding="utf-8") == check("--answers", MISSED, columns=80)


def test_a_trap_is_said_once_in_each_report(tmp_path: Path) -> None:
    answers = tmp_path / "free-rein.yaml"
    answers.write_text(
        "task: Handle the client\ncan_fail_differently: yes\ndecides_alone: [everything]\n"
        "constraints: []\nescalate_when: []\noutcome: ''\ndeadline: ''\nquality: ''\n"
        "consequences: ''\n",
        encoding="utf-8",
    )
    data = json.loads(check("--answers", str(answers), "--format", "json"))
    traps = {t["id"]: t for t in data["traps"]}
    assert traps, "these answers spring a trap"
    short = check("--answers", str(answers))
    detail = check("--answers", str(answers), "--detail")
    for trap in traps.values():
        # The first screen gives the trap's meaning (it has no whys); the detail names the trap
        # on the finding whose why explains it, and says no more about it.
        assert short.count(trap["title"]) == 1
        assert " ".join(trap["meaning"].split()[:6]) in " ".join(short.split())
        assert detail.count(f"Trap: {trap['title']}") == 1
        assert " ".join(trap["meaning"].split()) not in " ".join(detail.split())


def test_a_trap_of_two_halves_says_which_finding_sprang_it(tmp_path: Path) -> None:
    answers = tmp_path / "protocols.yaml"
    answers.write_text(
        "task: Pool refit\ncan_fail_differently: yes\n"
        "decides_alone: [whether the weekly chlorine log is worth keeping, order of the ropes]\n"
        "constraints: [budget 2k]\nescalate_when: [a closure]\n"
        "outcome: pool open with all 6 lanes\ndeadline: 2027-03-01\n"
        "quality: signed off by the council inspector\n"
        "consequences: the project moves to Sam if late\nagreed_upfront: yes\n",
        encoding="utf-8",
    )
    data = json.loads(check("--answers", str(answers), "--format", "json"))
    (trap,) = data["traps"]
    assert trap["id"] == "outcome-confusion"
    assert trap["rules"] == [{"rule": "B107", "title": "Standards left to their discretion"}]
    assert "Here: B107 Standards left to their discretion" in check("--answers", str(answers))
    page = check("--answers", str(answers), "--format", "markdown")
    assert "Here: B107 Standards left to their discretion." in page
    html = check("--answers", str(answers), "--format", "html")
    assert "Here: B107 Standards left to their discretion.</span>" in html


@pytest.mark.parametrize("columns", [80, 120])
def test_compare_and_history_are_drawn_at_the_terminals_width(columns: int, tmp_path: Path) -> None:
    env = {"COLUMNS": str(columns)}
    db = str(tmp_path / "journal.sqlite3")
    for example in (MISSED, str(EXAMPLES / "missed-deadline-report.yaml")):
        saved = runner.invoke(app, ["check", "--answers", example, "--save", "--journal", db])
        assert saved.exit_code == 0, saved.output
    runs = {
        "compare": ["compare", MISSED, str(EXAMPLES / "missed-deadline-report.yaml")],
        "history": ["history", "Redesign the customer onboarding emails", "--journal", db],
        "tasks": ["history", "--journal", db],
    }
    for name, args in runs.items():
        for extra in ([], ["--detail"]) if name != "tasks" else ([],):
            result = runner.invoke(app, [*args, *extra], env=env)
            assert result.exit_code == 0, result.output
            lines = result.stdout.splitlines()
            assert max(len(line) for line in lines) <= columns, (name, extra)
            if name != "tasks":
                assert "In short: " in "\n".join(lines[-2:]), (name, extra)
            assert "…" not in result.stdout, "nothing is cut"
