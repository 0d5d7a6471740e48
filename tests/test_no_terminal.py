"""The console script without a terminal to ask on: it must answer at once, never hang.

These run the installed ``clarity`` script in a subprocess, with standard input at end of
file, an open pipe that never sends anything, or a terminal whose output goes to a pipe.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES

CLARITY = Path(sys.executable).parent / "clarity"
HANG = 10.0  # seconds after which a run counts as hung and is killed
QUICK = 5.0  # a generous bound on start-up plus the answer


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float


def env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "PYTHONUNBUFFERED": "1"}


class Terminal:
    """A pseudo-terminal for clarity's stdin or stdout; what clarity writes is read as it comes."""

    def __init__(self) -> None:
        pty = pytest.importorskip("pty")
        self.leader, self.follower = pty.openpty()
        self.chunks: list[bytes] = []
        self.reader = threading.Thread(target=self._read, daemon=True)

    def started(self) -> None:
        """Once clarity holds the follower side, the test lets go of it and starts reading."""
        os.close(self.follower)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.leader, 65536)
            except OSError:  # EIO: clarity has exited and closed its side
                return
            if not chunk:
                return
            self.chunks.append(chunk)

    def close(self) -> str:
        self.reader.join(timeout=HANG)
        os.close(self.leader)
        return b"".join(self.chunks).decode(errors="replace")


def run(
    *args: str, stdin: str = "devnull", stdout: str = "pipe", tmp_path: Path, text: str = ""
) -> Run:
    """Run ``clarity ARGS`` with the given kinds of standard input and output.

    stdin: ``devnull`` (end of file at once), ``silent`` (an open pipe never written to),
    ``text`` (``text`` then end of file) or ``terminal``; stdout: ``pipe`` or ``terminal``.
    """
    terminals: dict[str, Terminal] = {}
    streams: dict[str, Any] = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE}
    if stdin == "devnull":
        streams["stdin"] = subprocess.DEVNULL
    for name, kind in (("stdin", stdin), ("stdout", stdout)):
        if kind == "terminal":
            terminals[name] = Terminal()
            streams[name] = terminals[name].follower
    with (tmp_path / "stderr").open("w+b") as err_file:
        start = time.monotonic()
        proc = subprocess.Popen(
            [str(CLARITY), *args], **streams, stderr=err_file, env=env(), cwd=tmp_path
        )
        for term in terminals.values():
            term.started()
        if proc.stdin is not None and stdin == "text":
            proc.stdin.write(text.encode())
            proc.stdin.close()
        out: list[bytes] = []
        if proc.stdout is not None:  # read as it comes, so a long report cannot block clarity
            pipe = proc.stdout
            threading.Thread(target=lambda: out.append(pipe.read()), daemon=True).start()
        try:
            code = proc.wait(timeout=HANG)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            pytest.fail(f"clarity {' '.join(args)} hung with stdin={stdin}, stdout={stdout}")
        seconds = time.monotonic() - start
        if proc.stdin is not None and not proc.stdin.closed:  # the silent pipe: open till now
            proc.stdin.close()
        deadline = time.monotonic() + HANG
        while proc.stdout is not None and not out and time.monotonic() < deadline:
            time.sleep(0.01)
        shown = {name: term.close() for name, term in terminals.items()}
        err_file.seek(0)
        stderr = err_file.read().decode(errors="replace")
    text_out = b"".join(out).decode(errors="replace")
    return Run(code, shown.get("stdout", text_out), stderr, seconds)


@pytest.mark.parametrize(
    ("stdin", "stdout"),
    [
        ("devnull", "pipe"),
        ("devnull", "terminal"),  # clarity check < /dev/null, in a terminal
        ("silent", "pipe"),
        ("silent", "terminal"),  # an open pipe that sends nothing
        ("terminal", "pipe"),  # clarity check | less
    ],
)
def test_no_terminal_and_no_answers_exits_2_at_once(
    stdin: str, stdout: str, tmp_path: Path
) -> None:
    result = run("check", stdin=stdin, stdout=stdout, tmp_path=tmp_path)
    assert result.code == 2, result
    assert result.seconds < QUICK, f"took {result.seconds:.1f} s"
    assert "clarity: error:" in result.stderr
    assert "--answers" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "?" not in result.stdout, "no question was shown"


@pytest.mark.parametrize("stdin", ["silent", "devnull"])
def test_no_terminal_with_a_task_only_says_there_is_nothing_to_judge(
    tmp_path: Path, stdin: str
) -> None:
    result = run("check", "Weekly client report", stdin=stdin, tmp_path=tmp_path)
    assert result.code == 2, result
    assert result.seconds < QUICK
    assert "no terminal to ask the questions on and no answers given" in result.stderr
    # The TASK argument is not a --set the user never passed.
    assert not result.stderr.startswith("clarity: error: --set")
    assert "Traceback" not in result.stderr


def test_set_only_leaves_the_rest_unknown(tmp_path: Path) -> None:
    result = run(
        "check",
        "--set", "task=Weekly client report",
        "--set", "can_fail_differently=yes",
        "--set", "deadline=Monday",
        "--set", "quality=No errors",
        "--set", "consequences=The sign-off comes back",
        "--set", "agreed_upfront=yes",
        "--detail",
        tmp_path=tmp_path,
    )  # fmt: skip
    assert result.code == 0, result
    assert "Not asked" in result.stdout and "outcome: What specific outcome" in result.stdout
    assert "C101" not in result.stdout, "an outcome not asked is not a missing outcome"
    assert "Traceback" not in result.stderr


def test_answers_from_standard_input(tmp_path: Path) -> None:
    answers = (EXAMPLES / "in-harmony.yaml").read_text(encoding="utf-8")
    result = run("check", "--answers", "-", stdin="text", text=answers, tmp_path=tmp_path)
    assert result.code == 0, result
    assert "Verdict: " in result.stdout
    assert "Fix the data loss for the billing customer" in result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr == ""


def test_answers_from_standard_input_still_ask_nothing_on_a_terminal(tmp_path: Path) -> None:
    answers = (EXAMPLES / "in-harmony.yaml").read_text(encoding="utf-8")
    result = run(
        "check",
        "--answers",
        "-",
        stdin="text",
        text=answers,
        stdout="terminal",
        tmp_path=tmp_path,
    )
    assert result.code == 0, result
    assert "Verdict: " in result.stdout
    assert "Traceback" not in result.stderr


def test_empty_standard_input_as_answers_is_an_error_not_a_hang(tmp_path: Path) -> None:
    result = run("check", "--answers", "-", stdin="devnull", tmp_path=tmp_path)
    assert result.code == 2, result
    assert result.seconds < QUICK
    assert "empty" in result.stderr
    assert "Traceback" not in result.stderr
