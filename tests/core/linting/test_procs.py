"""Workers that never outlive the run, and an interrupt that always ends it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and processes")


def python(code: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, **kwargs
    )  # type: ignore[call-overload]


@posix_only
def test_a_worker_leaves_ctrl_c_to_its_parent() -> None:
    done = python(
        "import os, signal; from clarity.core.linting.procs import die_with_parent; "
        "die_with_parent(os.getppid()); print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)"
    )
    assert done.stdout.strip() == "True", done.stderr


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False
    return "\nState:\tZ" in state


@posix_only
def test_a_worker_dies_with_its_parent(tmp_path: Path) -> None:
    pid_file = tmp_path / "worker.pid"
    parent = (
        "import os, sys, time\n"
        "from clarity.core.linting.procs import die_with_parent\n"
        "parent = os.getpid()\n"
        "if os.fork() == 0:\n"
        "    die_with_parent(parent)\n"
        f"    open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "    time.sleep(30)\n"
        "    os._exit(0)\n"
        f"while not os.path.exists({str(pid_file)!r}): time.sleep(0.01)\n"
        "time.sleep(0.1)\n"
        "os._exit(0)  # the parent dies without ending its worker\n"
    )
    python(parent)
    worker = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while not _gone(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert _gone(worker), "the worker outlived its parent"
    finally:
        if not _gone(worker):
            os.kill(worker, signal.SIGKILL)


@posix_only
def test_an_interrupt_the_run_does_not_end_ends_it_with_130() -> None:
    started = time.monotonic()
    done = python(
        "import os, signal, time\n"
        "from clarity.core.linting.procs import end_on_interrupt\n"
        "signal.signal(signal.SIGINT, lambda *_: None)  # a run that would not stop by itself\n"
        "end_on_interrupt()\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "time.sleep(20)\n"
    )
    assert done.returncode == 130
    assert done.stderr == "clarity: interrupted\n"
    assert time.monotonic() - started < 15
