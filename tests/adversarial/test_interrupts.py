"""An interrupt at every prompt of the interview stops it there (KeyboardInterrupt, which the
command turns into exit 130 and one line), keeps nothing typed after it, and never shows a
traceback; and Ctrl-C at any moment of a command that runs without prompts does the same."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from clarity.cli import prompts
from clarity.core.rules.pack import Question, load_pack

QUESTIONS: list[Question] = load_pack(plugins=False).questions
CTRL_C = "\x03"
# The keys that answer a prompt of each kind: a clear answer for each text and list (one the
# judges can call, so the real interview brings no follow-up question), confirm "y" or Enter
# (the default), a level Enter (the default).
CLEAR = {
    "task": "Weekly client report",
    "outcome": "The client receives the report with all 12 agreed KPIs",
    "deadline": "2027-03-01",
    "quality": "Zero open defects, signed off by the QA lead",
    "consequences": "The weekly sign-off comes back for one month",
    "constraints": "Spend stays under 5000 EUR",
    "decides_alone": "Which supplier goes first",
    "escalate_when": "Spend above 5000 EUR",
    "checkpoints": "2027-02-01",
}
KEYS = {"level": "\r"}


def text_for(question: Question) -> str:
    return CLEAR.get(question.field, "x")


class Scripted:
    """A question that answers itself, to learn which prompts an interview asks, in order."""

    def __init__(self, question: Question, confirm: bool) -> None:
        self.question = question
        self.confirm = confirm

    def unsafe_ask(self) -> Any:
        kind = self.question.kind
        if kind in ("text", "list"):
            return text_for(self.question)
        return {"confirm": self.confirm, "level": "never"}[kind]


def asked(confirm: bool, monkeypatch: pytest.MonkeyPatch) -> list[Question]:
    """The prompts asked, in order, when every confirm is answered ``confirm``."""
    seen: list[Question] = []

    def build(question: Question, *args: Any, **io: Any) -> Scripted:
        seen.append(question)
        return Scripted(question, confirm)

    with monkeypatch.context() as patch:
        patch.setattr(prompts, "build", build)
        prompts.interview(QUESTIONS, {}, "leader")
    return seen


def keys_for(question: Question, confirm: bool) -> str:
    if question.kind == "confirm":
        return "y" if confirm else "\r"
    if question.kind in ("text", "list"):
        return text_for(question) + "\r"
    return KEYS[question.kind]


def answers_to(order: list[Question], confirm: bool) -> dict[str, Any]:
    """The answers the prompts in ``order`` take when answered with ``keys_for``."""
    data: dict[str, Any] = {}
    for question in order:
        value = Scripted(question, confirm).unsafe_ask()
        prompts.set_answer(data, question.field, prompts.convert(question, value))
    return data


def interrupted(keys: str, data: dict[str, Any]) -> dict[str, Any]:
    with create_pipe_input() as inp:
        inp.send_text(keys)
        inp.close()
        with pytest.raises(KeyboardInterrupt):
            prompts.interview(QUESTIONS, data, "leader", input=inp, output=DummyOutput())
    return data


def fields_of(data: dict[str, Any]) -> set[str]:
    return set(data) - {"symptoms"} | {f"symptoms.{s}" for s in data.get("symptoms", {})}


@pytest.mark.parametrize("confirm", [False, True], ids=["confirm-no", "confirm-yes"])
def test_ctrl_c_at_every_prompt_stops_the_interview_there(
    confirm: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = asked(confirm, monkeypatch)
    assert len(order) >= 15  # the three questions, their parts and the ten signs
    if confirm:  # follow-ups that only a 'yes' opens are among them
        assert "decides_alone" in [q.field for q in order]
    for k, stopped in enumerate(order):
        # The answers before prompt k as given (the interview skips what is answered, so
        # prompt k is asked first), then Ctrl-C, then the keys that would answer the rest
        # if Ctrl-C were not honoured.
        before = answers_to(order[:k], confirm)
        after = "".join(keys_for(q, confirm) for q in order[k:])
        data = interrupted(CTRL_C + after, dict(before))
        assert fields_of(data) == {q.field for q in order[:k]}, (k, stopped.field, data)


@pytest.mark.parametrize("k", [3, 12, -1], ids=["a-list", "a-level", "the-last"])
def test_ctrl_c_after_typing_the_answers_before_it(k: int, monkeypatch: pytest.MonkeyPatch) -> None:
    order = asked(True, monkeypatch)
    k %= len(order)
    typed = "".join(keys_for(q, True) for q in order[:k])
    after = "".join(keys_for(q, True) for q in order[k:])
    data = interrupted(typed + CTRL_C + after, {})
    assert fields_of(data) == {q.field for q in order[:k]}


# -- on a real terminal ------------------------------------------------------------------------

CLARITY = Path(sys.executable).parent / "clarity"


def spawn(*args: str, cwd: Path) -> Any:
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"}
    return pexpect.spawn(
        str(CLARITY), list(args), env=env, cwd=str(cwd), dimensions=(24, 200),
        encoding="utf-8", timeout=30,
    )  # fmt: skip


@pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX terminal")
@pytest.mark.parametrize("k", [0, 1, 9, -1], ids=["first-text", "a-confirm", "a-level", "last"])
def test_ctrl_c_at_a_prompt_of_the_real_terminal_exits_130(
    k: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    order = asked(False, monkeypatch)
    k = k % len(order)
    child = spawn("check", cwd=tmp_path)
    for question in order[:k]:
        child.expect_exact(
            str(question.prompt if isinstance(question.prompt, str) else question.prompt.leader)[
                :30
            ]
        )
        child.send(keys_for(question, False))
    prompt = order[k].prompt
    child.expect_exact(str(prompt if isinstance(prompt, str) else prompt.leader)[:30])
    child.send(CTRL_C)
    child.expect(pytest.importorskip("pexpect").EOF)
    shown = child.before
    child.close()
    assert child.exitstatus == 130, shown
    assert "clarity: interrupted" in shown
    assert "Traceback" not in shown


def test_sigint_at_any_moment_of_a_command_is_exit_130_without_a_traceback(
    tmp_path: Path,
) -> None:
    # 'check --answers -' waits on standard input, which stays open: whenever SIGINT comes
    # after the interpreter has started, clarity is starting up, or reading, or waiting.
    for delay in (0.2, 0.35, 0.5, 0.8, 1.2):
        child = subprocess.Popen(
            [sys.executable, "-m", "clarity", "check", "--answers", "-"],
            cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
        assert "Traceback" not in err, (delay, err)
        assert child.returncode == 130, (delay, child.returncode, err)
        assert err.strip() in ("", "clarity: interrupted"), err
        assert out == ""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_while_clarity_loads_is_held_until_the_command_starts() -> None:
    """Libraries swallow a KeyboardInterrupt raised in their callbacks while they load: during
    start-up Ctrl-C is only noted, and the command then stops with exit 130."""
    from clarity.cli.guard import guarded, hold_interrupts, release_interrupts

    ran: list[str] = []
    hold_interrupts()
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)  # (were it not held, KeyboardInterrupt would be raised here)
        assert guarded(lambda: ran.append("body") or 0) == 130
    finally:
        release_interrupts()
    assert ran == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    hold_interrupts()
    release_interrupts()  # nothing noted: nothing raised
