"""A task's checks over time as plain data: entries, the trend per perspective, every task."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from clarity.core.state.history import find_task, history_data, tasks_data
from clarity.core.state.journal import Entry, open_journal

ONBOARDING = "Redesign the customer onboarding emails"


def at(day: int) -> datetime:
    return datetime(2026, 3, day, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory, example_report: Any) -> list[Entry]:
    """Three checks of one task (leader, report, leader again) and one of another."""
    path = tmp_path_factory.mktemp("history") / "journal.sqlite3"
    with open_journal(path) as journal:
        journal.save(example_report("missed-deadline"), "1.0", at=at(1))
        journal.save(example_report("missed-deadline-report"), "1.0", at=at(2))
        journal.save(example_report("in-harmony"), "1.0", at=at(3))
        journal.save(
            example_report("missed-deadline", outcome="40% more sign-ups"), "1.0", at=at(4)
        )
        return journal.entries()


def test_one_tasks_history_is_its_checks_and_the_trend_per_view(entries: list[Entry]) -> None:
    mine = [e for e in entries if e.task == ONBOARDING]
    data = history_data(mine)
    assert (data["version"], data["task"], data["checks"]) == (1, ONBOARDING, 3)
    assert [e["perspective"] for e in data["entries"]] == ["leader", "report", "leader"]
    assert data["entries"][0]["date"] == "2026-03-01T09:00:00Z"
    leader, report = data["trend"]
    assert (leader["perspective"], len(leader["points"])) == ("leader", 2)
    assert (report["perspective"], len(report["points"])) == ("report", 1)
    for key in ("autonomy", "accountability"):
        assert leader["change"][key] == leader["last"][key] - leader["first"][key]
    assert report["change"] == {"autonomy": 0, "accountability": 0}


def test_checks_of_several_tasks_have_no_single_task(entries: list[Entry]) -> None:
    assert history_data(entries)["task"] is None


def test_every_task_with_its_count_and_latest_check_newest_first(entries: list[Entry]) -> None:
    rows = tasks_data(entries)["tasks"]
    assert [(r["task"], r["checks"]) for r in rows] == [
        (ONBOARDING, 3),
        ("Fix the data loss for the billing customer, end to end", 1),
    ]
    assert rows[0]["latest"]["date"] == "2026-03-04T09:00:00Z"


def test_a_task_is_found_exactly_or_ignoring_case_and_spacing() -> None:
    known = ["Weekly report", "Weekly  Report draft", "weekly report "]
    assert find_task("Weekly report", known) == "Weekly report"
    assert find_task("WEEKLY   report  draft", known) == "Weekly  Report draft"
    assert find_task("weekly REPORT", known) is None, "two tasks match: neither is guessed"
    assert find_task("monthly report", known) is None
