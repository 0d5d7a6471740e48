"""Every input opened one way: bounded, decoded to one reading of the lines, never waiting."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.limits import Limits
from clarity.core.reading.inputs import decode, is_folder, read_bytes, read_stream, read_text


def test_decode_drops_a_byte_order_mark_and_unifies_line_breaks() -> None:
    assert decode(b"\xef\xbb\xbfa\r\nb\rc", "f") == "a\nb\nc"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfea\x00", "f:1:1: the file is UTF-16, not UTF-8; save it as UTF-8"),
        (b"ok\n\xe9t\xe9\n", "f:2:"),
    ],
)
def test_text_that_is_not_utf8_is_a_located_error(raw: bytes, message: str) -> None:
    with pytest.raises(ClarityError) as caught:
        decode(raw, "f")
    assert str(caught.value).startswith(message), str(caught.value)


def test_a_file_is_read_within_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"task: x\r\n")
    assert read_text(path) == "task: x\n"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(ClarityError, match="larger than 1024 bytes"):
        read_bytes(path, "a.yaml", Limits(max_file_bytes=1024))


def test_a_missing_file_and_a_folder_are_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(ClarityError, match="no such file"):
        read_text(tmp_path / "missing.yaml")
    assert is_folder(tmp_path) and not is_folder(tmp_path / "missing.yaml")
    with pytest.raises(ClarityError):
        read_text(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ClarityError):
        read_text(fifo)


def test_standard_input_is_read_within_the_limit() -> None:
    assert read_stream(io.BytesIO(b"abc"), "<stdin>") == b"abc"
    with pytest.raises(ClarityError, match="larger than 1024 bytes"):
        read_stream(io.BytesIO(b"x" * 5000), "<stdin>", Limits(max_file_bytes=1024))
