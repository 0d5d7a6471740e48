"""clarity check on a real (pseudo-)terminal, driven with pexpect like a user at the keyboard."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clarity.cli.interview import REVIEW_PROMPT
from clarity.core.rules.pack import Question, load_pack, say

pexpect = pytest.importorskip("pexpect")
if sys.platform == "win32":  # pragma: no cover
    pytest.skip("pexpect needs a POSIX terminal", allow_module_level=True)

CLARITY = Path(sys.executable).parent / "clarity"
PACK = load_pack(plugins=False)
QUESTIONS: list[Question] = PACK.questions
ENTER = "\r"
DOWN = "\x1b[B"
CTRL_C = "\x03"

# The answers typed, field by field, and the same answers as a file would hold them.
TYPED: dict[str, tuple[str, Any]] = {
    "task": ("Weekly client report" + ENTER, "Weekly client report"),
    "can_fail_differently": ("y", "yes"),
    "decides_alone": ("Tools; timing" + ENTER, ["Tools", "timing"]),
    "constraints": ("Budget under 2,000 EUR" + ENTER, ["Budget under 2,000 EUR"]),
    "escalate_when": ("Client score below 8" + ENTER, ["Client score below 8"]),
    "outcome": (
        "The client receives all twelve KPIs" + ENTER,
        "The client receives all twelve KPIs",
    ),
    "deadline": ("Every Monday by 10:00" + ENTER, "Every Monday by 10:00"),
    "quality": (
        "The reconciliation report shows zero errors" + ENTER,
        "The reconciliation report shows zero errors",
    ),
    "checkpoints": ("2026-12-14; 2026-12-28" + ENTER, ["2026-12-14", "2026-12-28"]),
    "consequences": ("I'll be disappointed" + ENTER, "I'll be disappointed"),
    "agreed_upfront": ("n", "no"),
    "symptoms.sign_offs": (DOWN * 3 + ENTER, "often"),
}


def spawn(*args: str, rows: int = 24, columns: int = 120) -> Any:
    # pexpect answers no cursor-position requests; without this prompt_toolkit waits a second
    # for each answer after every prompt.
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"}
    return pexpect.spawn(
        str(CLARITY), list(args), env=env, dimensions=(rows, columns), encoding="utf-8", timeout=15
    )


def shown(question: Question, view: str = "leader") -> str:
    """The start of a prompt as the terminal shows it (long prompts may wrap further on)."""
    return say(question.prompt, view)[:50]


def expect_question(child: Any, question: Question, view: str = "leader") -> None:
    """Wait for a question. A follow-up the judge brings on the way (an answer it is unsure
    of) is answered with Enter: its default, no, which the judge's own score agrees with
    here, so the verdict stays the one the same answers give from a file."""
    follow_ups = [say(c.rule.ask.prompt, view)[:40] for c in PACK.rules if c.rule.ask]
    while (found := child.expect_exact([shown(question, view), *follow_ups])) != 0:
        child.send(ENTER)
        child.expect_exact(follow_ups[found - 1])  # (drawn again, with the answer)


def answers_file(tmp_path: Path) -> Path:
    data: dict[str, Any] = {"perspective": "leader", "symptoms": {}}
    for q in QUESTIONS:
        value = TYPED[q.field][1] if q.field in TYPED else "never"
        if q.field.startswith("symptoms."):
            data["symptoms"][q.field.split(".")[1]] = value
        else:
            data[q.field] = value
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_leader_answers_every_question_and_gets_the_verdict(tmp_path: Path) -> None:
    child = spawn("check")
    child.expect_exact("The clarity test for a responsibility you delegated")
    for q in QUESTIONS:
        expect_question(child, q)
        child.send(TYPED[q.field][0] if q.field in TYPED else ENTER)
    child.expect_exact(REVIEW_PROMPT)  # the answers shown for review; Enter scores them
    child.send(ENTER)
    child.expect(r"Verdict: (\S+)")
    verdict = child.match.group(1)
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 0, output
    assert "Traceback" not in output
    # The typed answers give the verdict the same answers give from a file.
    from_file = subprocess.run(
        [str(CLARITY), "check", "--answers", str(answers_file(tmp_path))],
        capture_output=True, text=True, timeout=30, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert from_file.returncode == 0, from_file.stderr
    found = re.search(r"Verdict: (\S+)", from_file.stdout)
    assert found is not None and found.group(1) == verdict


def test_ctrl_c_in_a_report_interview_exits_130_without_a_traceback() -> None:
    child = spawn("check", "Weekly client report", "--as", "report")
    child.expect_exact("The clarity test for a responsibility you were given")
    child.expect_exact("Responsibility: Weekly client report")
    by_field = {q.field: q for q in QUESTIONS}
    # The task came as TASK, so the first question is question 1, in the report's words.
    expect_question(child, by_field["can_fail_differently"], "report")
    child.send("y")
    expect_question(child, by_field["decides_alone"], "report")
    child.send("Methods" + CTRL_C)
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 130, output
    assert "clarity: interrupted" in output
    assert "Traceback" not in output
    assert shown(by_field["task"], "report") not in output


@pytest.mark.parametrize(
    ("rows", "columns", "view"), [(24, 80, "leader"), (40, 120, "leader"), (24, 80, "report")]
)
def test_after_an_interview_the_verdict_is_on_the_last_screen(
    rows: int, columns: int, view: str
) -> None:
    """What the leader sees when the report has printed: the terminal's last screen, drawn by
    a terminal emulator of the same size from everything the program wrote."""
    pyte = pytest.importorskip("pyte")
    import io

    child = spawn("check", "--as", view, rows=rows, columns=columns)
    seen = io.StringIO()
    child.logfile_read = seen
    for q in QUESTIONS:
        expect_question(child, q, view)
        child.send(TYPED[q.field][0] if q.field in TYPED else ENTER)
    child.expect_exact(REVIEW_PROMPT)  # the answers shown for review; Enter scores them
    child.send(ENTER)
    child.expect(r"Verdict: (\S+)")
    verdict = child.match.group(1)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, seen.getvalue()
    screen = pyte.Screen(columns, rows)
    pyte.Stream(screen).feed(seen.getvalue())
    last = [line.rstrip() for line in screen.display]
    assert any(line.startswith(f"In short: {verdict} · autonomy ") for line in last), last
    # The report is drawn at the terminal's width: no line is cut by the terminal mid-word.
    report = seen.getvalue().split("Verdict: ", 1)[1].replace("\r", "").split("\n")
    assert max(len(line) for line in report) <= columns, report
    # The whole first screen fits: the verdict at its top is on the last screen too.
    assert any(line.startswith(f"Verdict: {verdict} · ") for line in last), last
    assert f"· {view}'s view" in "\n".join(last)


def test_pager_shows_the_report_through_the_users_pager_on_a_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "PAGER": "sed -e s/^/paged:/"}
    env.pop("CLARITY_PAGER", None)
    child = pexpect.spawn(
        str(CLARITY),
        ["check", "--answers", str(answers_file(tmp_path)), "--detail", "--pager"],
        env=env, dimensions=(24, 80), encoding="utf-8", timeout=15,
    )  # fmt: skip
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 0, output
    lines = [line for line in output.replace("\r", "").split("\n") if line]
    assert lines and all(line.startswith("paged:") for line in lines), lines
    assert any(line.startswith("paged:In short: ") for line in lines)
    # Not on a terminal, --pager writes the report as it is.
    piped = subprocess.run(
        [str(CLARITY), "check", "--answers", str(answers_file(tmp_path)), "--pager"],
        capture_output=True, text=True, timeout=30, env=env,
    )  # fmt: skip
    assert piped.returncode == 0 and "paged:" not in piped.stdout
    assert piped.stdout.splitlines()[-1].startswith("In short: ")


def test_a_leader_goes_back_stops_goes_on_and_changes_an_answer(tmp_path: Path) -> None:
    """Shift-Tab back, Ctrl-C, the next check going on from the kept answers, and a change
    at the review: no answer is lost and none is asked twice."""
    back, kill_line = "\x1b[Z", "\x15"
    by_field = {q.field: q for q in QUESTIONS}
    child = spawn("check", rows=24, columns=80)
    expect_question(child, by_field["task"])
    child.send(TYPED["task"][0])
    expect_question(child, by_field["can_fail_differently"])
    child.send(back)  # back to the task, offered again: Enter keeps it
    expect_question(child, by_field["task"])
    child.send(ENTER)
    expect_question(child, by_field["can_fail_differently"])
    child.send("y")
    expect_question(child, by_field["decides_alone"])
    child.send(TYPED["decides_alone"][0])
    expect_question(child, by_field["constraints"])
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, child.before
    assert "your answers are kept" in child.before

    child = spawn("check", rows=24, columns=80)
    child.expect_exact("You stopped a check of 'Weekly client report' with 3 answers kept")
    child.send(ENTER)  # go on from there
    child.expect_exact(f"4 of {len(QUESTIONS)}")
    asked = [
        q for q in QUESTIONS if q.field not in ("task", "can_fail_differently", "decides_alone")
    ]
    for q in asked:
        expect_question(child, q)
        child.send(TYPED[q.field][0] if q.field in TYPED else ENTER)
    child.expect_exact(REVIEW_PROMPT)
    child.send("1" + ENTER)  # change the task
    expect_question(child, by_field["task"])
    child.send(kill_line + "Weekly client memo" + ENTER)
    child.expect_exact(REVIEW_PROMPT)
    child.send(ENTER)
    child.expect(r"Verdict: (\S+)")
    verdict = child.match.group(1)
    assert "clarity check · Weekly client memo" in child.before
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 0, output
    # The same answers from a file give the same verdict: nothing was lost on the way.
    from_file = subprocess.run(
        [str(CLARITY), "check", "--answers", str(answers_file(tmp_path)), "--format", "json"],
        capture_output=True, text=True, timeout=30, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert json.loads(from_file.stdout)["verdict"] == verdict
    # The check was scored: its draft is gone, and the next check offers nothing.
    child = spawn("check")
    expect_question(child, by_field["task"])
    assert "You stopped a check" not in child.before
    child.close(force=True)


def test_an_impossible_date_is_refused_in_the_bottom_bar_as_it_is_typed() -> None:
    by_field = {q.field: q for q in QUESTIONS}
    child = spawn(
        "check", "Weekly client report", "--set", "can_fail_differently=no",
        "--set", "constraints=Budget", "--set", "outcome=The client gets all twelve KPIs",
        rows=24, columns=80,
    )  # fmt: skip
    expect_question(child, by_field["deadline"])
    child.send("2026-02-31")  # not entered: the bottom bar says so while typing
    child.expect_exact("'2026-02-31' is not a date that exists")
    child.send(ENTER + "\x7f\x7f28" + ENTER)  # Enter is refused; the date fixed is taken
    expect_question(child, by_field["quality"])
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
