"""Writing reports: whole files or nothing, streams to pipes and /dev/stdout, clear refusals."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.fileio import write_atomic, write_file


def test_a_new_file_is_written_from_its_pieces(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    write_file(path, iter(["one\n", "two\n"]))
    assert path.read_text(encoding="utf-8") == "one\ntwo\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"], "no temporary file is left"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_replacing_a_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "new"
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_failure_part_way_leaves_the_old_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("old", encoding="utf-8")

    def pieces():  # type: ignore[no-untyped-def]
        yield "half of it"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, pieces())
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_a_folder_is_refused_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ClarityError) as caught:
        write_file(tmp_path, "x", what="the report")
    assert str(caught.value) == (
        f"{tmp_path}: cannot write the report: it is a folder; name a file, a terminal or a pipe"
    )


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(
        ClarityError, match=r"cannot write the file: .*check that the folder exists"
    ):
        write_file(tmp_path / "nowhere" / "report.txt", "x")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_nobody_reads_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ClarityError, match="nothing is reading from the FIFO; start its reader"):
        write_file(fifo, "x")


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd")
def test_a_name_of_one_of_its_own_descriptors_writes_there(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT)
    try:
        write_file(Path(f"/dev/fd/{fd}"), "through the descriptor")
    finally:
        os.close(fd)
    assert target.read_text(encoding="utf-8") == "through the descriptor"
