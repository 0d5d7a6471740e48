"""Ctrl-C or Ctrl-D never loses an answer: a draft is kept after each answer, the next
``clarity check`` offers to go on from it, and a scored check removes it."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from clarity.cli.interview import interview_with_draft, offer_draft
from clarity.core.state.draft import Draft, load_draft, save_draft
from tests.test_interview import CTRL_C, ENTER, Q, console, screen, typed

QUESTIONS = [Q[f] for f in ("task", "outcome", "deadline", "quality")]


def run(keys: str, draft: Path, data: dict[str, Any] | None = None) -> dict[str, Any]:
    con, _ = console()
    with typed(keys) as inp:
        return interview_with_draft(
            QUESTIONS, {} if data is None else data, None, draft_file=draft,
            input=inp, output=DummyOutput(), console=con,
        )  # fmt: skip


def interrupted(keys: str, draft: Path, data: dict[str, Any] | None = None) -> None:
    con, _ = console()
    with create_pipe_input() as inp:
        inp.send_text(keys)
        inp.close()
        with pytest.raises(KeyboardInterrupt):
            interview_with_draft(
                QUESTIONS, {} if data is None else data, None, draft_file=draft,
                input=inp, output=DummyOutput(), console=con,
            )  # fmt: skip


def test_ctrl_c_keeps_every_answer_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.json"
    interrupted("Weekly report" + ENTER + "Sent" + ENTER + "Mon" + CTRL_C, draft)
    kept = load_draft(draft)
    assert kept is not None and kept.answers == {"task": "Weekly report", "outcome": "Sent"}
    assert "your answers are kept" in capsys.readouterr().err
    if os.name == "posix":
        assert stat.S_IMODE(draft.stat().st_mode) == 0o600, "answers are the user's alone"


def test_end_of_input_keeps_them_too(tmp_path: Path) -> None:
    draft = tmp_path / "draft.json"
    interrupted("Weekly report" + ENTER, draft)  # the pipe ends: Ctrl-D
    kept = load_draft(draft)
    assert kept is not None and kept.answers == {"task": "Weekly report"}


def test_the_next_check_offers_to_go_on_and_asks_only_the_rest(tmp_path: Path) -> None:
    draft = tmp_path / "draft.json"
    save_draft({"task": "Weekly report", "outcome": "Sent"}, "leader", draft)
    # Enter accepts the offer; then the deadline and the quality, then Enter at the review.
    data = run(ENTER + "Monday" + ENTER + "No errors" + ENTER + ENTER, draft)
    assert data == {
        "task": "Weekly report",
        "outcome": "Sent",
        "deadline": "Monday",
        "quality": "No errors",
    }


def test_declining_the_offer_starts_afresh(tmp_path: Path) -> None:
    draft = tmp_path / "draft.json"
    save_draft({"task": "Weekly report", "outcome": "Sent"}, "leader", draft)
    data = run("n" + "Memo" + ENTER + "Out" + ENTER + ENTER + ENTER + ENTER, draft)
    assert data == {"task": "Memo", "outcome": "Out", "deadline": "", "quality": ""}


def test_a_task_given_now_is_offered_only_its_own_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.json"
    save_draft({"task": "Weekly report", "outcome": "Sent"}, "leader", draft)
    # The same task, written otherwise: offered (Enter accepts it).
    data = run(ENTER + "Monday" + ENTER + ENTER + ENTER, draft, {"task": "weekly  Report"})
    assert data["outcome"] == "Sent" and data["task"] == "weekly  Report"
    # Another task: no offer, and the leader is told the draft will be replaced.
    save_draft({"task": "Weekly report", "outcome": "Sent"}, "leader", draft)
    data = run("Out" + ENTER + ENTER + ENTER + ENTER, draft, {"task": "Quarterly plan"})
    assert data == {"task": "Quarterly plan", "outcome": "Out", "deadline": "", "quality": ""}
    assert (
        "the answers kept from the check of 'Weekly report' are replaced" in capsys.readouterr().err
    )


def test_the_offer_names_the_task_and_the_answers_kept() -> None:
    from tests.test_interview import terminal

    output, shown = terminal()
    with typed("n") as inp:
        said = offer_draft(
            Draft({"task": "Weekly report", "outcome": "x"}, "leader", ""), input=inp, output=output
        )
    assert said is False
    assert (
        "You stopped a check of 'Weekly report' with 2 answers kept. Go on from there?"
        in screen(shown.getvalue())
    )


def test_a_draft_that_cannot_be_written_never_stops_the_interview(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    draft = blocked / "draft.json"  # its folder is a file: it can never be written
    data = run("Weekly report" + ENTER + "Sent" + ENTER + ENTER + ENTER + ENTER, draft)
    assert data == {"task": "Weekly report", "outcome": "Sent", "deadline": "", "quality": ""}
    err = capsys.readouterr().err
    assert err.count("the answers cannot be kept as a draft") == 1
