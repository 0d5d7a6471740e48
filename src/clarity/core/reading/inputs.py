"""Opening and reading every input: one way, bounded, and never waiting.

Every file clarity reads (charters, answers, rule packs, configurations, baselines, session
files) goes through :func:`read_bytes`, and standard input through :func:`read_stream`. A file
is opened without blocking and looked at before a byte is read: what is not a regular file (a
FIFO, a device, ``/dev/stdin`` on a pipe) is refused in one line. :func:`decode` turns the
bytes into text with one reading of the lines (``text.unify_newlines``).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

from clarity.core.errors import ClarityError, Location
from clarity.core.limits import DEFAULT_LIMITS, Limits, input_too_large, raise_hint
from clarity.core.text import unify_newlines


def decode(raw: bytes, source: str) -> str:
    """Decode UTF-8 text (a byte-order mark is allowed), or say clearly why not. Line breaks
    come out as LF (``text.unify_newlines``), whatever the file used."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ClarityError(
            "the file is UTF-16, not UTF-8",
            location=Location(source, 1, 1),
            hint="save it as UTF-8",
        )
    nul = raw.find(b"\x00")
    if nul != -1:
        line = raw.count(b"\n", 0, nul) + 1
        col = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        raise ClarityError(
            "the file holds a NUL byte: it is binary, not text",
            location=Location(source, line, col),
            hint="give a UTF-8 text file",
        )
    try:
        return unify_newlines(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ClarityError(
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            location=Location(source, line, col),
            hint="save it as UTF-8",
        ) from None


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; False when it cannot be looked at (reading it will then
    say why, in one line), never an exception."""
    try:
        return path.is_dir()
    except OSError:
        return False


#: How inputs are opened: never waiting for a writer (a FIFO), never taking a terminal.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: Path, source: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read an input file within the size limit, turning OS errors into one-line errors.

    Every file clarity reads goes through here. It is opened without blocking and looked at
    before a byte is read: a FIFO, a device, ``/dev/stdin`` on a pipe or a socket is refused
    (it could hang the run or never end), a folder is named as one.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise ClarityError(
            "no such file", location=Location(source), hint="check the path"
        ) from None
    except IsADirectoryError:
        raise ClarityError("is a folder, not a file", location=Location(source)) from None
    except PermissionError:
        raise ClarityError(
            "permission denied", location=Location(source), hint="check the file's permissions"
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ClarityError(
                "cannot read: the symbolic links loop",
                location=Location(source),
                hint="point the link at a file",
            ) from None
        raise ClarityError(
            f"cannot read: {exc.strerror or exc}", location=Location(source)
        ) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise ClarityError("is a folder, not a file", location=Location(source))
        if not stat.S_ISREG(mode):
            raise ClarityError(
                f"is {_kind(mode)}, not a regular file",
                location=Location(source),
                hint="save the input to a file and name that",
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        raise ClarityError(
            f"cannot read: {exc.strerror or exc}", location=Location(source)
        ) from None
    finally:
        os.close(fd)
    if len(raw) > limits.max_file_bytes:
        raise ClarityError(
            f"the file is larger than {limits.max_file_bytes} bytes",
            location=Location(source),
            hint="split it, or " + raise_hint("max_file_bytes"),
        )
    return raw


def read_stream(stream: Any, source: str, limits: Limits = DEFAULT_LIMITS) -> bytes | str:
    """Read a stream (standard input) within the size limit: its bytes when it has them."""
    if stream is None or getattr(stream, "closed", False):  # ``<&-``: no standard input
        raise ClarityError(
            "standard input is closed",
            location=Location(source),
            hint="pipe the input in, or give a file",
        )
    binary = getattr(stream, "buffer", None)
    try:
        raw = (binary if binary is not None else stream).read(limits.max_file_bytes + 1)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ClarityError(f"cannot read: {reason}", location=Location(source)) from None
    if len(raw) > limits.max_file_bytes:
        raise input_too_large(limits, Location(source))
    return raw if isinstance(raw, (bytes, str)) else bytes(raw)


def read_text(path: Path, source: str | None = None, limits: Limits = DEFAULT_LIMITS) -> str:
    """Read a UTF-8 text file safely."""
    name = source if source is not None else str(path)
    return decode(read_bytes(path, name, limits), name)
