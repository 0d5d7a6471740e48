"""Writing files: a regular file whole or not at all, anything else as a stream.

``write_file`` is the one way clarity writes what a user names (reports, baselines, session
state, the files of ``init``). A regular file, or a path that does not exist yet, is replaced
atomically. A terminal, ``/dev/null``, a FIFO or ``/dev/stdout`` is written to as a stream and
never replaced: renaming a temporary file over ``/dev/null`` would put a regular file where the
system's device was. A block device, a socket or a folder is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from clarity.core.errors import ClarityError, Location

#: ``/dev/stdout``, ``/dev/fd/1``, ``/proc/self/fd/1``: names of a descriptor of this process.
_FD_LINK = r"^/(?:dev/fd|proc/(?:self|thread-self|{pid})/fd)/(\d+)$"


def _mode_for(path: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual mode under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _error(what: str, path: Path, reason: str, hint: str | None = None) -> ClarityError:
    return ClarityError(f"cannot write {what}: {reason}", location=Location(str(path)), hint=hint)


def _own_descriptor(path: Path) -> int | None:
    """The descriptor ``path`` names when it is one of this process's (``/dev/stdout``)."""
    own = re.compile(_FD_LINK.format(pid=os.getpid()))
    current = Path(path).absolute()
    for _ in range(40):  # the links of /dev/stdout, never more than the kernel follows
        match = own.match(current.as_posix())
        if match:
            return int(match.group(1))
        try:
            target = current.readlink()
        except OSError:
            return None
        current = Path(os.path.normpath(current.parent / target))
    return None


def write_file(path: Path, text: str | Iterable[str], *, what: str = "the file") -> None:
    """Write ``text`` (or its pieces, one by one as they come) to ``path``: atomically when it
    is a regular file or new, as a stream when it is a terminal, a character device or a FIFO;
    refused otherwise."""
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _error(what, path, exc.strerror or str(exc)) from None
    fd = _own_descriptor(path)
    if fd is not None:  # /dev/stdout: the descriptor itself, wherever it leads
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(AttributeError, OSError, ValueError):
                stream.flush()
        try:
            fd = os.dup(fd)
        except OSError as exc:
            raise _error(what, path, exc.strerror or str(exc)) from None
        _write_descriptor(fd, path, text, what)
    elif st is None or stat.S_ISREG(st.st_mode):
        write_atomic(path, text, what=what)
    elif stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        _write_stream(path, text, what)
    else:
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        raise _error(what, path, f"it is {kind}", "name a file, a terminal or a pipe")


def _write_stream(path: Path, text: str | Iterable[str], what: str) -> None:
    """Open a device or FIFO without waiting (a FIFO nobody reads is an error, not a hang)."""
    flags = os.O_WRONLY
    for name in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC"):  # (POSIX; Windows has none of them)
        flags |= getattr(os, name, 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise _error(
                what, path, "nothing is reading from the FIFO", "start its reader first"
            ) from None
        raise _error(what, path, exc.strerror or str(exc)) from None
    with contextlib.suppress(OSError, AttributeError):
        os.set_blocking(fd, True)
    _write_descriptor(fd, path, text, what)


def _write_descriptor(fd: int, path: Path, text: str | Iterable[str], what: str) -> None:
    try:
        for piece in [text] if isinstance(text, str) else text:
            view = memoryview(piece.encode("utf-8", "replace"))
            while view:
                view = view[os.write(fd, view) :]
    except BrokenPipeError:  # the reader left (| head): as for standard output
        raise
    except OSError as exc:
        raise _error(what, path, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def write_atomic(path: Path, text: str | Iterable[str], *, what: str = "the file") -> None:
    """Write a whole file or nothing: a temporary file in the same folder, fsync, then a rename.

    ``text`` may be the pieces of the file, written one by one as they come (a report of
    thousands of charters is never held whole). A process killed part-way leaves the old file
    whole (and at most a stray temporary file). Only for regular files and new paths:
    ``write_file`` decides.
    """
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _error(
            what, path, exc.strerror or str(exc), "check that the folder exists and is writable"
        ) from None
    try:
        Path(tmp).chmod(_mode_for(path))
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            for piece in [text] if isinstance(text, str) else text:
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        if isinstance(exc, OSError):
            raise _error(what, path, exc.strerror or str(exc)) from None
        raise
