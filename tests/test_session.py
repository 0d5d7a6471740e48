"""Coaching sessions: the session file, the run driven with prompt_toolkit pipe input, resuming
after Ctrl-C, the journal entries, and (with pexpect) the real terminal."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output
from rich.console import Console
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.cli.commands.session import SessionOptions, run_session
from clarity.core.errors import ClarityError
from clarity.core.rules.pack import load_pack, say
from clarity.core.state.journal import open_journal
from clarity.core.state.session import load_session, read_state, state_path
from tests.conftest import EXAMPLES

ENTER = "\r"
CTRL_C = "\x03"
QUESTIONS = {q.field: q for q in load_pack().questions}
SUBSET = "[can_fail_differently, outcome, deadline, quality, consequences, agreed_upfront]"

SESSION = f"""\
title: Team leads, spring review
opening: We walk through each delegation in turn.
questions: {SUBSET}
items:
  - task: Weekly client report
    owner: Sam
  - task: Migrate the billing database
    owner: Priya
    deadline: 2026-12-12 18:00
  - task: Run the on-call rotation
    perspective: report
"""

# The answers typed for each item (item 2 gives its deadline in the file: it is not asked).
ITEM_1 = "".join(
    [
        "y",  # can_fail_differently
        "The client receives all twelve KPIs" + ENTER,
        "Every Monday by 10:00" + ENTER,
        "The reconciliation report shows zero errors" + ENTER,
        "The weekly sign-off comes back" + ENTER,
        "y",  # agreed_upfront
    ]
)
ITEM_2_OUTCOME = "n" + "All accounts migrated with zero data loss" + ENTER
ITEM_2_REST = "".join(
    [
        "Reconciliation report matches the ledger to the cent" + ENTER,
        "I'll be disappointed" + ENTER,
        "n",
    ]
)
ITEM_3 = "".join(["n", ENTER, "Friday" + ENTER, ENTER, ENTER])  # empty answers are answers


def prompt(field: str, view: str = "leader") -> str:
    return say(QUESTIONS[field].prompt, view)


def session_file(tmp_path: Path, text: str = SESSION) -> Path:
    path = tmp_path / "spring.session.yaml"
    path.write_text(text, encoding="utf-8")
    return path


_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def drive(path: Path, keys: str, **options: Any) -> tuple[int | None, str, str]:
    """Run the session with ``keys`` typed; return its exit code (None when it was
    interrupted), what the console printed and what the prompts showed."""
    printed = io.StringIO()
    console = Console(file=printed, width=300, color_system=None, markup=False, highlight=False)
    shown = io.StringIO()
    output = Vt100_Output(shown, lambda: Size(rows=24, columns=300), term="xterm")
    options.setdefault("journal", path.parent / "journal.sqlite3")
    opts = SessionOptions(file=path, **options)
    code: int | None
    with create_pipe_input() as inp:
        inp.send_text(keys)
        inp.close()
        try:
            code = run_session(load_session(path), opts, console=console, input=inp, output=output)
        except KeyboardInterrupt:
            code = None
    return code, printed.getvalue(), _ESCAPES.sub("", shown.getvalue())


def journal_entries(path: Path) -> list[Any]:
    with open_journal(path.parent / "journal.sqlite3", create=False) as book:
        return book.entries()


def test_a_session_asks_each_item_saves_it_and_closes_with_a_summary(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    code, printed, shown = drive(path, ITEM_1 + ITEM_2_OUTCOME + ITEM_2_REST + ITEM_3)
    assert code == 0, printed
    lines = printed.splitlines()
    assert lines[0] == "Team leads, spring review"
    assert lines[1] == "We walk through each delegation in turn."
    assert "1 of 3 · Weekly client report (Sam) · leader's view" in printed
    assert "3 of 3 · Run the on-call rotation · report's view" in printed
    # Only the subset is asked; what an item gives is not asked; the report in their words.
    assert prompt("symptoms.sign_offs") not in shown
    assert prompt("decides_alone") not in shown
    assert prompt("outcome", "report") in shown
    # Each item: a verdict line, and a check in the journal with the session's id.
    entries = journal_entries(path)
    assert [e.task for e in entries] == [
        "Weekly client report",
        "Migrate the billing database",
        "Run the on-call rotation",
    ]
    assert len({e.session for e in entries}) == 1 and entries[0].session
    assert [e.source for e in entries] == [f"{path} items[{i}]" for i in range(3)]
    assert entries[0].answers["outcome"] == "The client receives all twelve KPIs"
    assert entries[1].answers["deadline"] == "2026-12-12 18:00"
    assert entries[2].perspective == "report"
    assert printed.count("Verdict: ") == 3
    for entry in entries:
        assert f"Verdict: {entry.verdict} · " in printed
    # The summary: each item's verdict and scores.
    summary = printed[printed.index("Summary · Team leads, spring review") :]
    for i, entry in enumerate(entries, 1):
        row = re.search(rf"^{i}\.\s+(.+?)\s{{2,}}(\S+)\s+(\d+)\s+(\d+)\s+#(\d+)", summary, re.M)
        assert row is not None, summary
        assert row.group(2) == entry.verdict
        assert (int(row.group(3)), int(row.group(4))) == (entry.autonomy, entry.accountability)
        assert int(row.group(5)) == entry.id
    assert f"session {entries[0].session}" in summary
    # The last line sums it up: what the coach sees last.
    last = printed.strip().splitlines()[-1]
    verdicts = [e.verdict for e in entries]
    assert last.startswith("In short: 3 delegations · ")
    for verdict in set(verdicts):
        assert f"{verdicts.count(verdict)} {verdict}" in last
    assert not state_path(path).exists(), "a finished session leaves no state behind"


def test_an_interrupted_session_resumes_with_the_answers_given(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    code, printed, _ = drive(path, ITEM_1 + ITEM_2_OUTCOME + CTRL_C + "ignored" + ENTER)
    assert code is None, "Ctrl-C stops the session"
    assert "Session paused: 1 of 3 done." in printed
    state = read_state(state_path(path))
    assert state is not None
    assert [d.task for d in state.done] == ["Weekly client report"]
    assert state.current is not None and state.current.index == 1
    assert state.current.answers["can_fail_differently"] == "no"
    assert state.current.answers["outcome"] == "All accounts migrated with zero data loss"
    assert len(journal_entries(path)) == 1, "the finished item is saved already"

    code, printed, shown = drive(path, ITEM_2_REST + ITEM_3)
    assert code == 0, printed
    assert "Resuming the session started" in printed and "1 of 3 done" in printed
    assert "Weekly client report (Sam) · leader's view" not in printed, "finished: skipped"
    assert "Kept from before: can_fail_differently, outcome" in printed
    assert prompt("outcome") not in shown, "answered before the interrupt: not asked again"
    assert prompt("quality") in shown
    entries = journal_entries(path)
    assert [e.task for e in entries] == [
        "Weekly client report",
        "Migrate the billing database",
        "Run the on-call rotation",
    ]
    assert entries[1].answers["outcome"] == "All accounts migrated with zero data loss"
    assert entries[1].answers["can_fail_differently"] is False
    assert {e.session for e in entries} == {state.session}, "one session across both runs"
    summary = printed[printed.index("Summary") :]
    assert "Weekly client report (Sam)" in summary, "the summary covers the whole session"
    assert not state_path(path).exists()


def test_an_interrupt_between_items_loses_nothing(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    code, _, _ = drive(path, ITEM_1 + CTRL_C)
    assert code is None
    code, printed, _ = drive(path, ITEM_2_OUTCOME + ITEM_2_REST + ITEM_3)
    assert code == 0, printed
    assert len(journal_entries(path)) == 3


def test_restart_drops_the_progress(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    drive(path, ITEM_1 + CTRL_C)
    code, printed, _ = drive(path, ITEM_1 + ITEM_2_OUTCOME + ITEM_2_REST + ITEM_3, restart=True)
    assert code == 0, printed
    assert "Resuming" not in printed
    assert "1 of 3 · Weekly client report" in printed
    sessions = [e.session for e in journal_entries(path)]
    assert len(sessions) == 4 and sessions[0] != sessions[1]


def test_a_changed_session_file_is_not_resumed_blindly(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    drive(path, ITEM_1 + CTRL_C)
    path.write_text(SESSION.replace("Run the on-call rotation", "Run the on-call rota"))
    with pytest.raises(ClarityError, match="the session file changed") as caught:
        drive(path, "")
    assert "--restart" in str(caught.value)


def test_a_damaged_state_file_is_reported(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    state_path(path).write_text("{not json")
    with pytest.raises(ClarityError) as caught:
        drive(path, "")
    assert str(caught.value) == (
        f"{state_path(path)}: the saved state of the session is damaged; delete it, or run the "
        "session with --restart, to start over"
    )


def test_a_broken_journal_stops_the_session_before_any_question(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    with pytest.raises(ClarityError, match="the journal path is a folder"):
        drive(path, ITEM_1, journal=tmp_path)
    assert not state_path(path).exists()


def test_a_state_file_can_live_elsewhere(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    elsewhere = tmp_path / "keep" / "progress.json"
    elsewhere.parent.mkdir()
    drive(path, ITEM_1 + CTRL_C, state=elsewhere)
    assert elsewhere.exists() and not state_path(path).exists()
    code, printed, _ = drive(path, ITEM_2_OUTCOME + ITEM_2_REST + ITEM_3, state=elsewhere)
    assert code == 0 and "Resuming" in printed
    assert not elsewhere.exists()


def test_answers_an_item_gives_are_not_asked(tmp_path: Path) -> None:
    path = session_file(
        tmp_path,
        f"title: x\nquestions: {SUBSET}\nitems:\n"
        "  - task: Weekly report\n    deadline: Friday\n    consequences: ''\n",
    )
    code, printed, shown = drive(
        path,
        "n"
        + "The report is sent to all 12 clients"
        + ENTER
        + "No errors in the figures, checked by finance"
        + ENTER,
    )
    assert code == 0, printed
    assert prompt("outcome") in shown and prompt("quality") in shown
    assert prompt("deadline") not in shown
    assert prompt("agreed_upfront") not in shown, "no consequence given: no follow-up"
    entry = journal_entries(path)[0]
    assert entry.answers["deadline"] == "Friday"
    assert entry.answers["consequences"] is None


def test_all_questions_by_default(tmp_path: Path) -> None:
    path = session_file(tmp_path, "title: One\nitems:\n  - task: Weekly report\n")
    _, _, shown = drive(path, "n")
    assert prompt("can_fail_differently") in shown
    assert prompt("task") not in shown, "the item gives the task"
    session = load_session(path)
    assert [q.field for q in session.asked] == [q.field for q in load_pack().questions]


def test_a_custom_question_pack(tmp_path: Path) -> None:
    pack = tmp_path / "questions.yaml"
    pack.write_text(
        "questions:\n"
        "  - field: outcome\n"
        "    kind: text\n"
        "    group: Success\n"
        "    required: true\n"
        "    prompt: In one sentence, what does done look like?\n"
        "  - field: consequences\n"
        "    kind: text\n"
        "    group: Stakes\n"
        "    required: true\n"
        "    prompt: And if it is not done?\n",
        encoding="utf-8",
    )
    path = session_file(
        tmp_path,
        "title: Short\nquestions: {pack: questions.yaml}\nitems:\n"
        "  - task: Weekly report\n    can_fail_differently: no\n"
        "    deadline: Monday\n    quality: No errors\n    agreed_upfront: yes\n",
    )
    code, printed, shown = drive(
        path, "The report is sent to all 12 clients" + ENTER + "Sign-off returns" + ENTER
    )
    assert code == 0, printed
    assert "In one sentence, what does done look like?" in shown
    assert "And if it is not done?" in shown
    assert prompt("outcome") not in shown
    entry = journal_entries(path)[0]
    assert entry.answers["outcome"] == "The report is sent to all 12 clients"
    assert entry.answers["checkpoints"] == [], "not in the pack: not asked"
    assert prompt("checkpoints") not in shown


def test_a_question_pack_folder_is_asked_in_its_own_order_and_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "asks"
    folder.mkdir()
    question = "  - field: {0}\n    kind: text\n    group: G\n    prompt: {0}?\n"
    (folder / "a.yaml").write_text(
        "questions:\n" + question.format("consequences") + question.format("outcome"),
        encoding="utf-8",
    )
    (folder / "b.yaml").write_text("questions:\n" + question.format("task"), encoding="utf-8")
    path = session_file(tmp_path, "title: x\nquestions: {pack: asks}\nitems:\n  - task: a\n")
    from clarity.core.rules import build

    reads: list[Path] = []
    real = build.load_pack_files

    def counted(where: Path, *args: object, **kwargs: object) -> object:
        reads.append(where)
        return real(where, *args, **kwargs)  # type: ignore[arg-type]

    load_session(path)  # builds (and caches) the pack
    monkeypatch.setattr(build, "load_pack_files", counted)
    session = load_session(path)
    assert [q.field for q in session.asked] == ["consequences", "outcome", "task"]
    assert reads == [], "the compiled pack knows each file's questions: no second reading"


def test_a_session_may_ask_a_subset_and_the_rest_is_unknown(tmp_path: Path) -> None:
    path = session_file(tmp_path, "title: x\nquestions: [outcome]\nitems:\n  - task: a\n")
    assert [q.field for q in load_session(path).asked] == ["outcome"]
    code, printed, _ = drive(path, "The report is sent to all 12 clients" + ENTER)
    assert code == 0, printed
    entry = journal_entries(path)[0]
    assert "deadline" in entry.answers["unknown"]
    assert "outcome" not in entry.answers["unknown"]
    assert entry.verdict == "in-harmony", "questions not asked are not failures"
    # No autonomy question was asked: its score is not judged, in the journal and the summary.
    assert entry.autonomy is None and entry.accountability is not None
    summary = printed[printed.index("Summary · x") :]
    assert re.search(r"^1\.\s+a\s+in-harmony\s+not judged\s+\d+\s+#1", summary, re.M), summary


def test_user_text_is_never_markup(tmp_path: Path) -> None:
    path = session_file(
        tmp_path,
        'title: "[bold]Spring[/bold] \\e[31m"\nopening: "[link=http://x]hi[/link]"\n'
        "questions: [outcome]\nitems:\n"
        "  - task: '[red]Report[/red]'\n    can_fail_differently: no\n    deadline: Friday\n"
        "    quality: none\n    consequences: ''\n",
    )
    code, printed, _ = drive(path, "The report is sent to all 12 clients" + ENTER)
    assert code == 0
    assert "[bold]Spring[/bold] \\x1b[31m" in printed
    assert "[link=http://x]hi[/link]" in printed
    assert "[red]Report[/red]" in printed
    assert "\x1b" not in printed


def test_session_check_validates_only(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    result = CliRunner().invoke(app, ["session", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{path}: valid: 3 items, 6 questions asked (Team leads, spring review)\n"
    )
    bad = session_file(tmp_path, SESSION.replace("outcome,", "outcom,"))
    result = CliRunner().invoke(app, ["session", "check", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"clarity: error: {bad}:3:35: questions[1]: unknown question")
    example = CliRunner().invoke(
        app, ["session", "check", str(EXAMPLES / "sessions" / "team-leads.yaml")]
    )
    assert example.exit_code == 0, example.output


def test_without_a_terminal_session_run_stops_at_once(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    result = CliRunner().invoke(app, ["session", "run", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "clarity: error: no terminal to ask the session's questions on; "
    )
    assert "clarity check --answers DIR --format jsonl" in result.stderr
    assert not state_path(path).exists()


# -- the real terminal -----------------------------------------------------------------------

CLARITY = Path(sys.executable).parent / "clarity"


def spawn(*args: str) -> Any:
    pexpect = pytest.importorskip("pexpect")
    if sys.platform == "win32":  # pragma: no cover
        pytest.skip("pexpect needs a POSIX terminal")
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"}
    return pexpect.spawn(
        str(CLARITY), list(args), env=env, dimensions=(24, 200), encoding="utf-8", timeout=20
    )


def test_ctrl_c_and_resume_on_a_real_terminal(tmp_path: Path) -> None:
    import pexpect

    path = session_file(tmp_path)
    journal = tmp_path / "journal.sqlite3"
    child = spawn("session", "run", str(path), "--journal", str(journal))
    child.expect_exact("Team leads, spring review")
    child.expect_exact(prompt("can_fail_differently")[:40])
    child.send(ITEM_1)
    child.expect(r"Verdict: (\S+)")
    child.expect_exact("2 of 3")
    child.expect_exact(prompt("can_fail_differently")[:40])
    child.send(ITEM_2_OUTCOME[0])
    child.expect_exact(prompt("outcome")[:40])
    child.send(ITEM_2_OUTCOME[1:])
    child.expect_exact(prompt("quality")[:40])
    child.send("Half-typed" + CTRL_C)
    child.expect(pexpect.EOF)
    first = child.before
    child.close()
    assert child.exitstatus == 130, first
    assert "Session paused: 1 of 3 done." in first
    assert "clarity: interrupted" in first
    assert "Traceback" not in first

    child = spawn("session", "run", str(path), "--journal", str(journal))
    child.expect_exact("Resuming the session started")
    child.expect_exact("Kept from before: can_fail_differently, outcome")
    child.expect_exact(prompt("quality")[:40])
    child.send(ITEM_2_REST)
    child.expect_exact("3 of 3")
    child.send(ITEM_3)
    child.expect_exact("Summary · Team leads, spring review")
    child.expect(pexpect.EOF)
    second = child.before
    child.close()
    assert child.exitstatus == 0, second
    assert "Traceback" not in second
    assert not state_path(path).exists()
    with open_journal(journal, create=False) as book:
        entries = book.entries()
    assert [e.task for e in entries] == [
        "Weekly client report",
        "Migrate the billing database",
        "Run the on-call rotation",
    ]
    assert entries[1].answers["outcome"] == "All accounts migrated with zero data loss"
    assert len({e.session for e in entries}) == 1
    assert json.loads(json.dumps(entries[2].answers))["perspective"] == "report"
