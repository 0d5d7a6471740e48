"""Special files named as inputs or outputs: FIFOs, devices, ``/dev/stdin`` and ``/dev/stdout``.

An output that is not a regular file is written to as a stream and never replaced; an input
that is not a regular file is refused in one line before a byte is read, so no run waits for a
writer that never comes. Every case runs in a process of its own, with a timeout: a hang fails
the test instead of stopping the suite.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.adversarial.helpers import (
    CHARTER,
    FILE_ENTRIES,
    HARMONY,
    PACK,
    VALID,
    args_for,
    clarity_process,
)  # fmt: skip

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")

TIMEOUT = 30


def clarity(
    *args: str, cwd: Path, stdin: int | None = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    return clarity_process(
        *args, cwd=cwd, timeout=TIMEOUT, env={"CLARITY_JOURNAL": str(cwd / "journal.db")},
        stdin=stdin,
    )  # fmt: skip


def one_error(run: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 2, (run.returncode, run.stdout, run.stderr)
    errors = [line for line in run.stderr.splitlines() if line.startswith("clarity: error:")]
    assert len(errors) == 1, run.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]
    return errors[0]


# --- outputs ---------------------------------------------------------------------------------


def test_output_to_a_link_to_dev_null_writes_through_and_replaces_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(HARMONY, encoding="utf-8")
    (tmp_path / "null").symlink_to(os.devnull)
    run = clarity("check", "--answers", "a.yaml", "--output", "null", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "null").is_symlink()
    assert stat.S_ISCHR((tmp_path / "null").stat().st_mode)
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_output_to_a_fifo_streams_to_its_reader_and_leaves_the_fifo(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(HARMONY, encoding="utf-8")
    fifo = tmp_path / "report"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as handle:  # waits for the writer
            got.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    run = clarity("check", "--answers", "a.yaml", "--format", "json", "-o", "report", cwd=tmp_path)
    reader.join(TIMEOUT)
    assert run.returncode == 0, run.stderr
    assert got and got[0].startswith(b"{") and b'"verdict"' in got[0]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_output_to_a_fifo_nobody_reads_is_one_line_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(HARMONY, encoding="utf-8")
    os.mkfifo(tmp_path / "report")
    run = clarity("check", "--answers", "a.yaml", "--output", "report", cwd=tmp_path)
    one_error(run, "report: cannot write the report: nothing is reading from the FIFO")
    assert stat.S_ISFIFO((tmp_path / "report").lstat().st_mode)


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1"])
def test_output_to_dev_stdout_goes_where_standard_output_goes(name: str, tmp_path: Path) -> None:
    if not Path(name).exists():
        pytest.skip(f"no {name} here")
    (tmp_path / "a.yaml").write_text(HARMONY, encoding="utf-8")
    args = [sys.executable, "-m", "clarity", "check", "--answers", "a.yaml", "--format", "json"]
    # into a pipe
    run = clarity(*args[3:], "--output", name, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("{") and '"verdict"' in run.stdout
    # into a file the shell opened (appending keeps what was there)
    out = tmp_path / "out.json"
    out.write_text("before\n", encoding="utf-8")
    with out.open("a", encoding="utf-8") as handle:
        done = subprocess.run(
            [*args, "--output", name], cwd=tmp_path, stdout=handle, timeout=TIMEOUT, check=False
        )
    assert done.returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("before\n{") and '"verdict"' in text


def test_output_to_a_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(HARMONY, encoding="utf-8")
    (tmp_path / "out").mkdir()
    run = clarity("check", "--answers", "a.yaml", "--output", "out", cwd=tmp_path)
    one_error(run, "out: cannot write the report: it is a folder")


def test_baseline_written_to_a_link_to_dev_null_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "team.charter.yaml").write_text(CHARTER, encoding="utf-8")
    (tmp_path / "base").symlink_to(os.devnull)
    run = clarity(
        "lint", "--no-config", "--baseline", "base", "--update-baseline", ".", cwd=tmp_path
    )
    # the baseline is then read back: /dev/null is no regular file, and that is said in one line
    one_error(run, "base: is a character device, not a regular file")
    assert (tmp_path / "base").is_symlink()


# --- inputs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", sorted(FILE_ENTRIES))
def test_a_fifo_named_as_an_input_is_refused_without_waiting(entry: str, tmp_path: Path) -> None:
    name = FILE_ENTRIES[entry]
    if entry == "compare":
        (tmp_path / "other.yaml").write_text(HARMONY, encoding="utf-8")
    os.mkfifo(tmp_path / name)
    run = clarity(*args_for(entry, name), cwd=tmp_path)
    if entry in ("lint", "lint-md"):  # lint reports the file and goes on
        assert run.returncode == 2, run.stderr
        assert "is a pipe (FIFO), not a regular file" in run.stdout + run.stderr
    else:
        one_error(run, f"{name}: is a pipe (FIFO), not a regular file")


@pytest.mark.parametrize(
    "option", ["--rules", "--config", "--baseline"], ids=lambda o: o.lstrip("-")
)
def test_a_fifo_given_to_a_lint_option_is_refused(option: str, tmp_path: Path) -> None:
    (tmp_path / "team.charter.yaml").write_text(CHARTER, encoding="utf-8")
    os.mkfifo(tmp_path / "in.yaml")
    run = clarity("lint", option, "in.yaml", "team.charter.yaml", cwd=tmp_path)
    one_error(run, "in.yaml: is a pipe (FIFO), not a regular file")


def test_rules_from_dev_stdin_in_a_configuration_do_not_wait_on_a_pipe(tmp_path: Path) -> None:
    (tmp_path / "team.charter.yaml").write_text(CHARTER, encoding="utf-8")
    (tmp_path / ".clarity.yaml").write_text("rules: [/dev/stdin]\n", encoding="utf-8")
    read, write = os.pipe()  # a writer that never writes nor closes: reading would hang
    try:
        run = clarity("lint", "team.charter.yaml", cwd=tmp_path, stdin=read)
    finally:
        os.close(read)
        os.close(write)
    one_error(run, "/dev/stdin: is a pipe (FIFO), not a regular file")


def test_a_committed_rules_link_to_the_standard_input_is_refused(tmp_path: Path) -> None:
    (tmp_path / "team.charter.yaml").write_text(CHARTER, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    stdin = "/proc/self/fd/0" if Path("/proc/self/fd").is_dir() else "/dev/fd/0"
    (tmp_path / "rules" / "pack.yaml").symlink_to(stdin)
    (tmp_path / ".clarity.yaml").write_text("rules: [rules]\n", encoding="utf-8")
    read, write = os.pipe()
    try:
        run = clarity("lint", "team.charter.yaml", cwd=tmp_path, stdin=read)
    finally:
        os.close(read)
        os.close(write)
    one_error(run, "pack.yaml: is a pipe (FIFO), not a regular file")


def test_a_character_device_is_refused_before_it_is_read(tmp_path: Path) -> None:
    run = clarity("check", "--answers", "/dev/zero", cwd=tmp_path)
    one_error(run, "/dev/zero: is a character device, not a regular file")


def test_dev_stdin_on_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    with (tmp_path / "pack.yaml").open("rb") as handle:
        run = clarity("rules", "validate", "/dev/stdin", cwd=tmp_path, stdin=handle.fileno())
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("command", ["check", "compare"])
def test_answers_from_a_closed_standard_input_is_one_line(command: str, tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(VALID["check"], encoding="utf-8")
    args = ["check", "--answers", "-"] if command == "check" else ["compare", "-", "b.yaml"]
    script = 'exec "$0" -m clarity "$@" <&-'  # the shell closes standard input
    run = subprocess.run(
        ["sh", "-c", script, sys.executable, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    one_error(run, "<stdin>: standard input is closed")


@pytest.mark.parametrize("name", [".clarity.yaml", "pyproject.toml"])
def test_a_fifo_where_the_configuration_is_looked_for_is_refused(name: str, tmp_path: Path) -> None:
    (tmp_path / "team.charter.yaml").write_text(CHARTER, encoding="utf-8")
    os.mkfifo(tmp_path / name)
    run = clarity("lint", "team.charter.yaml", cwd=tmp_path)
    one_error(run, f"{name}: is a pipe (FIFO), not a regular file")


@pytest.mark.parametrize("command", ["history", "check"])
def test_a_fifo_as_the_journal_is_refused(command: str, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "j.db")
    args = (
        ["history"]
        if command == "history"
        else ["check", "--set", "task=x", "--set", "outcome=y", "--save"]
    )
    run = clarity(*args, "--journal", "j.db", cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert "j.db: the journal is not a regular file" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_fifo_found_in_a_folder_is_reported_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "charters").mkdir()
    (tmp_path / "charters" / "b.charter.yaml").write_text(CHARTER, encoding="utf-8")
    os.mkfifo(tmp_path / "charters" / "a.charter.yaml")
    run = clarity("lint", "--no-config", "--format", "json", "charters", cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    data = json.loads(run.stdout)
    [diagnostic] = data["diagnostics"]
    assert diagnostic["path"] == "charters/a.charter.yaml"
    assert "is a pipe (FIFO), not a regular file" in diagnostic["message"]
    assert {f["path"] for f in data["findings"]} == {"charters/b.charter.yaml"}


def test_a_fifo_in_a_folder_of_answers_is_that_files_error(tmp_path: Path) -> None:
    (tmp_path / "answers").mkdir()
    (tmp_path / "answers" / "a.yaml").write_text(HARMONY, encoding="utf-8")
    os.mkfifo(tmp_path / "answers" / "b.yaml")
    run = clarity("check", "--answers", "answers", "--format", "jsonl", cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["file"] for line in lines] == ["answers/a.yaml", "answers/b.yaml"]
    assert "is a pipe (FIFO), not a regular file" in lines[1]["error"]
