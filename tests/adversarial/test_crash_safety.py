"""Nothing lost: a process killed while writing a report leaves the old file whole; several
processes saving to one journal all get their entry; a locked or damaged journal is one line
(exit 2) and the report is still printed."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.adversarial.helpers import (
    HARMONY,
    VALID,
    Run,
    assert_refused,
    clarity_process,
    invoke,
)

# A child process that runs clarity with an atomic writer that stops half-way through the
# report (after flushing that half to the temporary file) until it is killed.
SLOW_WRITER = textwrap.dedent(
    """
    import os, sys, time

    real_fdopen = os.fdopen

    class HalfWay:
        def __init__(self, handle):
            self.handle = handle
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)
        def write(self, text):
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            os.fsync(self.handle.fileno())
            sys.stderr.write("HALF-WRITTEN\\n")
            sys.stderr.flush()
            time.sleep(120)
        def __getattr__(self, name):
            return getattr(self.handle, name)

    # Only the atomic writer's files are slowed down (not a cache another module writes).
    import types
    import clarity.core.fileio as fileio

    slowed = types.SimpleNamespace(**{k: getattr(os, k) for k in dir(os) if not k.startswith("__")})
    slowed.fdopen = lambda *a, **k: HalfWay(real_fdopen(*a, **k))
    fileio.os = slowed
    from clarity.cli.main import main
    sys.exit(main(sys.argv[1:]))
    """
)

OLD = "the previous report, which must survive whole\n" * 100


def commands(tmp_path: Path) -> dict[str, list[str]]:
    (tmp_path / "answers.yaml").write_text(HARMONY, encoding="utf-8")
    (tmp_path / "team.charter.yaml").write_text(VALID["lint"], encoding="utf-8")
    return {
        "check": ["check", "--answers", "answers.yaml", "--format", "json", "--output", "out"],
        "lint": ["lint", "--no-config", "team.charter.yaml", "--format", "sarif", "-o", "out"],
        "baseline": [
            "lint", "--no-config", "team.charter.yaml", "--baseline", "out", "--update-baseline",
        ],
    }  # fmt: skip


@pytest.mark.parametrize("command", ["check", "lint", "baseline"])
def test_a_process_killed_while_writing_leaves_the_old_file_whole(
    command: str, tmp_path: Path
) -> None:
    args = commands(tmp_path)[command]
    out = tmp_path / "out"
    out.write_text(OLD, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, *args],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stderr is not None
        deadline = time.monotonic() + 60
        seen = ""
        while "HALF-WRITTEN" not in seen and time.monotonic() < deadline:
            line = child.stderr.readline()
            if not line:
                break
            seen += line
        assert "HALF-WRITTEN" in seen, seen
        partial = [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]
        assert partial and partial[0].stat().st_size > 0  # killed mid-write, for real
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert out.read_text(encoding="utf-8") == OLD


@pytest.mark.parametrize("command", ["check", "lint", "baseline"])
def test_without_the_kill_the_new_file_replaces_the_old_whole(command: str, tmp_path: Path) -> None:
    args = commands(tmp_path)[command]
    out = tmp_path / "out"
    out.write_text(OLD, encoding="utf-8")
    run = invoke(*args)
    assert run.code in (0, 1), run.stderr
    json.loads(out.read_text(encoding="utf-8"))  # whole: it parses
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []


# -- the journal -----------------------------------------------------------------------------

SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from clarity.core.reading.answers import build_answers, load_answers_text
    from clarity.core.scoring.engine import score
    from clarity.core.state.journal import open_journal
    from clarity.core.rules.pack import load_pack

    text = Path("answers.yaml").read_text(encoding="utf-8")
    doc = load_answers_text(text, "answers.yaml")
    pack = load_pack()
    report = score(build_answers(dict(doc.data), doc, "answers.yaml"), pack)
    Path(f"ready-{sys.argv[2]}").write_text("")
    while not Path("go").exists():
        pass
    for i in range(int(sys.argv[1])):
        with open_journal(Path("journal.sqlite3")) as book:
            book.save(report, pack.version, source=f"{sys.argv[2]}-{i}")
    """
)


def test_several_processes_saving_to_one_journal_lose_nothing(tmp_path: Path) -> None:
    (tmp_path / "answers.yaml").write_text(HARMONY, encoding="utf-8")
    processes, saves = 4, 15
    children = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(saves), str(n)],
            cwd=tmp_path,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "CLARITY_JOURNAL_TIMEOUT": "30"},
        )
        for n in range(processes)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < processes and time.monotonic() < deadline:
        time.sleep(0.05)
    (tmp_path / "go").write_text("")  # all start writing at once
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    with sqlite3.connect(tmp_path / "journal.sqlite3") as db:
        sources = [row[0] for row in db.execute("SELECT source FROM checks ORDER BY id")]
    expected = {f"{n}-{i}" for n in range(processes) for i in range(saves)}
    assert len(sources) == processes * saves and set(sources) == expected


def test_several_clarity_checks_saving_at_once(tmp_path: Path) -> None:
    (tmp_path / "answers.yaml").write_text(HARMONY, encoding="utf-8")
    args = ["check", "--answers", "answers.yaml", "--save", "--journal", "j.sqlite3"]
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "clarity", *args, "--format", "json"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert json.loads(out)["verdict"] == "in-harmony"
    history = invoke("history", "--journal", "j.sqlite3", "--format", "json")
    assert history.code == 0, history.stderr
    assert len(json.dumps(json.loads(history.stdout))) > 0
    with sqlite3.connect(tmp_path / "j.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM checks").fetchone()[0] == 3


def saved_journal(tmp_path: Path) -> Path:
    (tmp_path / "answers.yaml").write_text(HARMONY, encoding="utf-8")
    run = invoke("check", "--answers", "answers.yaml", "--save", "--journal", "j.sqlite3")
    assert run.code == 0, run.stderr
    return tmp_path / "j.sqlite3"


def save_again(tmp_path: Path) -> Run:
    return invoke(
        "check", "--answers", "answers.yaml", "--save", "--journal", "j.sqlite3",
        "--format", "json",
    )  # fmt: skip


def test_a_locked_journal_is_one_line_and_the_report_is_still_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = saved_journal(tmp_path)
    monkeypatch.setenv("CLARITY_JOURNAL_TIMEOUT", "0.2")
    holder = sqlite3.connect(journal, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        started = time.perf_counter()
        run = save_again(tmp_path)
        assert time.perf_counter() - started < 10
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_refused(run, "the journal is locked by another program", where="j.sqlite3")
    assert json.loads(run.stdout)["verdict"] == "in-harmony"


CORRUPT = {
    "random-bytes": os.urandom(8192),
    "zeros": b"\0" * 8192,
    "text": b"not a database at all\n" * 50,
    "truncated-header": b"SQLite format 3\0" + b"\xff" * 84,
}


@pytest.mark.parametrize("damage", list(CORRUPT))
def test_a_corrupt_journal_is_one_line_and_the_report_is_still_printed(
    damage: str, tmp_path: Path
) -> None:
    (tmp_path / "answers.yaml").write_text(HARMONY, encoding="utf-8")
    (tmp_path / "j.sqlite3").write_bytes(CORRUPT[damage])
    run = save_again(tmp_path)
    line = assert_refused(run, where="j.sqlite3")
    assert "journal" in line
    assert json.loads(run.stdout)["verdict"] == "in-harmony"
    history = invoke("history", "--journal", "j.sqlite3")
    assert_refused(history, where="j.sqlite3")


def test_a_journal_damaged_inside_is_one_line(tmp_path: Path) -> None:
    journal = saved_journal(tmp_path)
    for _ in range(3):
        assert save_again(tmp_path).code == 0
    with sqlite3.connect(journal) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(journal.read_bytes())
    page = 4096
    raw[page : len(raw)] = os.urandom(len(raw) - page)  # every page but the first
    journal.write_bytes(bytes(raw))
    history = invoke("history", "--journal", "j.sqlite3", "--format", "json")
    assert_refused(history, "journal", where="j.sqlite3")
    run = save_again(tmp_path)
    assert run.code == 2
    assert json.loads(run.stdout)["verdict"] == "in-harmony"


def test_a_journal_of_another_program_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "answers.yaml").write_text(HARMONY, encoding="utf-8")
    with sqlite3.connect(tmp_path / "j.sqlite3") as db:
        db.execute("CREATE TABLE accounts (id INTEGER, balance INTEGER)")
        db.execute("INSERT INTO accounts VALUES (1, 100)")
    before = (tmp_path / "j.sqlite3").read_bytes()
    run = save_again(tmp_path)
    assert_refused(run, "is not a clarity journal", where="j.sqlite3")
    assert (tmp_path / "j.sqlite3").read_bytes() == before


def test_a_report_process_killed_never_leaves_the_journal_half_written(tmp_path: Path) -> None:
    journal = saved_journal(tmp_path)
    child = subprocess.Popen(
        [
            sys.executable, "-m", "clarity", "check", "--answers", "answers.yaml", "--save",
            "--journal", "j.sqlite3",
        ],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(0.3)
    child.kill()
    child.wait()
    result = clarity_process("history", "--journal", "j.sqlite3", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(journal) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
