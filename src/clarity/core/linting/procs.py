"""Worker processes that never outlive the run, and a run that an interrupt always ends.

A parallel ``clarity lint`` starts workers. Killed with SIGTERM or SIGKILL, the parent cannot
stop them itself, so each worker asks to be killed with it (Linux's parent-death signal) and,
where that is not available, watches its parent twice a second. Workers ignore Ctrl-C: the
parent decides, and ends them.

A pattern search runs in compiled code, where Python's own signal handlers wait for it to
return (up to the pattern timeout, ten seconds at most). :func:`end_on_interrupt` hears
Ctrl-C at once through a wake-up descriptor, on a thread of its own (searches release the
lock that thread needs), and ends a run that is still going a moment later: one line, exit 130.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time

#: How long an interrupted run may take to stop by itself before it is ended.
GRACE_SECONDS = 0.3
#: Set once the interruption was reported (so it is said once).
REPORTED: list[bool] = []
_INSTALLED: list[int] = []


def die_with_parent(parent: int) -> None:
    """In a worker: leave Ctrl-C to the parent, and die when the parent does.

    A worker forked or spawned by the parent asks the kernel (Linux) or watches its parent
    process id; one started by a fork server (another parent) watches the parent's pid."""
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if os.getppid() == parent:
        if sys.platform.startswith("linux") and _parent_death_signal():
            if os.getppid() != parent:  # the parent died before the request: go now
                os._exit(1)
            return
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    elif os.name == "posix":
        threading.Thread(target=_watch_pid, args=(parent,), daemon=True).start()


def _parent_death_signal() -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        return bool(libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _watch_pid(parent: int) -> None:
    """(POSIX only: signal 0 tests a process; on Windows os.kill would end it.)"""
    while True:
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except OSError:  # alive, another user's (cannot be: it started us), or unknown
            pass
        time.sleep(0.5)


def end_on_interrupt() -> None:
    """From now on, an interrupt the run has not ended within ``GRACE_SECONDS`` ends it.

    Once per process, from the main thread; nothing is done where the wake-up descriptor is
    taken (an event loop's) or cannot be set."""
    if _INSTALLED or threading.current_thread() is not threading.main_thread():
        return
    try:
        read, write = os.pipe()
        os.set_blocking(write, False)
        previous = signal.set_wakeup_fd(write, warn_on_full_buffer=False)
    except (OSError, ValueError, AttributeError):
        return
    if previous != -1:  # someone else's: give it back
        signal.set_wakeup_fd(previous)
        os.close(read)
        os.close(write)
        return
    _INSTALLED.extend((read, write))
    threading.Thread(target=_watch_interrupts, args=(read,), daemon=True).start()


def _watch_interrupts(read: int) -> None:
    while True:
        try:
            data = os.read(read, 64)
        except OSError:
            return
        if not data:
            return
        if signal.SIGINT in data:
            time.sleep(GRACE_SECONDS)
            if not REPORTED:
                with contextlib.suppress(OSError):
                    os.write(2, b"clarity: interrupted\n")
            os._exit(130)
