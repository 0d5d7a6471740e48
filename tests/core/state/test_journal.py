"""The journal: what a saved check keeps, where the journal lives, schema migrations."""

from __future__ import annotations

import functools
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from clarity.core.errors import ClarityError
from clarity.core.models import Answers
from clarity.core.reading.answers import read_answers
from clarity.core.rules.pack import Pack, load_pack
from clarity.core.scoring.engine import Report, score
from clarity.core.state.journal import SCHEMA_VERSION, journal_path, open_journal
from tests.conftest import EXAMPLES

HARMONY = str(EXAMPLES / "in-harmony.yaml")
MISSED = str(EXAMPLES / "missed-deadline.yaml")


V1_SCHEMA = """
CREATE TABLE checks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL, task TEXT NOT NULL, perspective TEXT NOT NULL,
    verdict TEXT NOT NULL, autonomy INTEGER NOT NULL, accountability INTEGER NOT NULL,
    findings TEXT NOT NULL, answers TEXT NOT NULL, pack_name TEXT NOT NULL,
    pack_version TEXT NOT NULL, source TEXT
);
"""


@functools.cache
def builtin_pack() -> Pack:
    return load_pack([])


def report_of(path: str, **changes: Any) -> Report:
    data = dict(read_answers(path, None).data)  # type: ignore[arg-type]
    data.update(changes)
    return score(Answers.validate(data), builtin_pack())


def make_v1(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.executescript(V1_SCHEMA)
    conn.execute(
        "INSERT INTO checks (created_at, task, perspective, verdict, autonomy, accountability,"
        " findings, answers, pack_name, pack_version, source) VALUES"
        " ('2026-01-05T09:00:00Z', 'Old task', 'leader', 'both', 10, 20,"
        ' \'[{"rule": "C101", "severity": "error", "dimension": "consequences",'
        " \"field\": \"outcome\"}]', '{\"task\": \"Old task\"}', 'clarity', '0.9', 'old.yaml')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_a_saved_check_keeps_answers_verdict_scores_findings_and_pack(tmp_path: Path) -> None:
    report = report_of(MISSED)
    with open_journal(tmp_path / "j.sqlite3") as journal:
        first = journal.save(report, "9.9", source="missed.yaml", session="coaching-1")
        second = journal.save(report_of(HARMONY), report.pack_version)
        entry = journal.get(first)
        assert [e.id for e in journal.entries()] == [first, second]
        assert [e.id for e in journal.entries(report.task)] == [first]
        assert journal.tasks() == [report.task, report_of(HARMONY).task]
    assert entry.task == "Redesign the customer onboarding emails"
    assert (entry.verdict, entry.perspective) == ("consequences", "leader")
    assert (entry.autonomy, entry.accountability) == (
        report.scores.autonomy,
        report.scores.accountability,
    )
    assert [f["rule"] for f in entry.findings] == [f.rule.id for f in report.findings]
    assert entry.findings[0].keys() >= {"rule", "severity", "dimension", "field"}
    assert entry.answers == report.answers.as_json()
    assert (entry.pack_name, entry.pack_version) == ("clarity", "9.9")
    assert (entry.source, entry.session) == ("missed.yaml", "coaching-1")
    assert entry.created_at.endswith("Z") and entry.created_at[:2] == "20"


def test_an_unknown_check_number_is_a_clear_error(tmp_path: Path) -> None:
    with open_journal(tmp_path / "j.sqlite3") as journal, pytest.raises(ClarityError) as exc:
        journal.get(42)
    assert "there is no check 42" in str(exc.value)


def test_journal_path_option_then_environment_then_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLARITY_JOURNAL", raising=False)
    data_home = Path(os.environ["XDG_DATA_HOME"])
    assert journal_path() == data_home / "clarity" / "journal.sqlite3"
    monkeypatch.setenv("CLARITY_JOURNAL", str(tmp_path / "env.sqlite3"))
    assert journal_path() == tmp_path / "env.sqlite3"
    assert journal_path(tmp_path / "opt.sqlite3") == tmp_path / "opt.sqlite3"


def test_a_version_1_journal_is_migrated_and_keeps_its_checks(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    make_v1(db)
    with open_journal(db) as journal:
        (old,) = journal.entries()
        new = journal.save(report_of(HARMONY), "1.0", session="s")
        assert journal.get(new).session == "s"
    assert (old.task, old.verdict, old.autonomy, old.accountability) == ("Old task", "both", 10, 20)
    assert old.findings[0]["rule"] == "C101" and old.answers == {"task": "Old task"}
    assert (old.session, old.source, old.pack_version) == (None, "old.yaml", "0.9")
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(checks)")}
    assert "checks_by_task" in indexes
