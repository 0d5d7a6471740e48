"""Hostile input to the commands that read other things than one file: the journal numbers of
`clarity compare`, the task of `clarity history`, and the folder `clarity init` writes to."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.helpers import HARMONY, assert_clean, assert_refused, invoke


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    (tmp_path / "answers.yaml").write_text(HARMONY, encoding="utf-8")
    run = invoke("check", "--answers", "answers.yaml", "--save", "--journal", "j.sqlite3")
    assert run.code == 0, run.stderr
    return tmp_path / "j.sqlite3"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("abc", "does not name a saved check"),
        ("-1", "does not name a saved check"),
        ("²", "does not name a saved check"),  # a digit to str.isdigit, not to int()
        ("١٢", "does not name a saved check"),  # Arabic-Indic digits
        ("9" * 19, "does not name a saved check"),  # beyond SQLite's integers
        ("9" * 5000, "does not name a saved check"),  # beyond int()'s digits
        ("0", "there is no check 0 in the journal"),
        ("42", "there is no check 42 in the journal"),
    ],
    ids=lambda v: v[:12],
)
def test_compare_refuses_journal_numbers_that_name_no_check(
    number: str, message: str, journal: Path
) -> None:
    run = invoke("compare", f"journal:{number}", "answers.yaml", "--journal", journal.name)
    line = assert_refused(run, message)
    assert len(line) <= 1000  # a huge number is cut short, the hint is kept
    assert line.endswith("lists them)") or "there is no check" in line


def test_compare_reads_a_saved_check(journal: Path) -> None:
    run = invoke("compare", "journal:1", "answers.yaml", "--journal", journal.name)
    assert_clean(run)


@pytest.mark.parametrize("task", ["\x1b[2J\u202e", "x" * 100_000, "'; DROP TABLE checks; --"])
def test_history_of_a_hostile_task_is_inert(task: str, journal: Path) -> None:
    run = invoke("history", task, "--journal", journal.name)
    assert run.code in (0, 2), run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "\x1b" not in run.stdout + run.stderr
    assert_clean(invoke("history", "--journal", journal.name))  # the journal is intact


def test_init_force_replaces_a_symbolic_link_instead_of_writing_through_it(
    tmp_path: Path,
) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "delegations.charter.yaml").symlink_to(target)
    assert invoke("init", "repo").code == 0  # kept: it exists
    assert target.read_text(encoding="utf-8") == "keep me\n"
    run = invoke("init", "repo", "--force")
    assert_clean(run)
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert not (repo / "delegations.charter.yaml").is_symlink()


def test_init_into_a_file_or_a_loop_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert_refused(invoke("init", "afile"), "is a file, not a folder", where="afile")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    run = invoke("init", "loop")
    assert run.code == 2 and "Traceback" not in run.stdout + run.stderr
    assert len(run.errors) == 1


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        (
            '{"findings": ' + "[" * 50_000 + "]" * 50_000 + "}",
            "nesting deeper than 64",
            "bl.json:1:",
        ),
        ('{"version": ' + "9" * 5000 + "}", "a number too long to read", "bl.json"),
        ("{'version': 1}", "not valid JSON", "bl.json:1:2"),
        ("[]", "a baseline must be a JSON object", "bl.json:1:1"),
    ],
    ids=["deep", "long-number", "not-json", "a-list"],
)
def test_a_hostile_baseline_is_one_line(
    text: str, message: str, where: str, tmp_path: Path
) -> None:
    (tmp_path / "bl.json").write_text(text, encoding="utf-8")
    (tmp_path / "team.charter.yaml").write_text("delegations: []\n", encoding="utf-8")
    run = invoke("lint", "--no-config", "team.charter.yaml", "--baseline", "bl.json")
    assert_refused(run, message, where=where)


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown", "html", "svg"])
def test_history_of_a_saved_hostile_task_is_inert_in_every_format(fmt: str, tmp_path: Path) -> None:
    task = '=HYPERLINK("https://evil.example") [bold]x[/] \x1b[2J\x1b]52;c;eA==\x07 \u202eabc \x9b'
    task += " zero\u200bwidth tag\U000e0041\U000e007f"  # hidden text
    (tmp_path / "answers.yaml").write_text(HARMONY, encoding="utf-8")
    saved = invoke(
        "check", "--answers", "answers.yaml", "--set", f"task={task}", "--save",
        "--journal", "j.sqlite3",
    )  # fmt: skip
    assert saved.code == 0, saved.stderr
    run = invoke("history", task, "--journal", "j.sqlite3", "--format", fmt)
    assert_clean(run)
    raw = [c for c in run.stdout if c in "\x1b\x07\x9b\u202e\u200b\U000e0041\U000e007f"]
    assert not raw, raw
    if fmt == "csv":
        assert ',"=HYPERLINK' not in run.stdout and ",=HYPERLINK" not in run.stdout
