"""The time budgets of slow pattern searches (``rules.budget``), on their own: off unless a run
is started, charged only for slow searches, per file and per run, shared by worker processes.
(The whole story, a lint run of slow files, is told in tests/adversarial/test_budgets.py.)"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator

import pytest

from clarity.core.rules import budget
from clarity.core.rules.budget import BudgetSpent


@pytest.fixture(autouse=True)
def _stopped() -> Iterator[None]:
    budget.stop_run()
    yield
    budget.stop_run()


def test_without_a_run_a_search_may_take_its_whole_timeout() -> None:
    budget.charge(100.0)  # nothing is counted
    assert budget.allowed(0.25) == 0.25


def test_a_run_gives_what_is_left_of_the_file_budget() -> None:
    budget.start_run(0.25)  # 1 s per file, 10 s per run
    assert budget.allowed(0.25) == 0.25
    budget.charge(0.9)
    assert budget.allowed(0.25) == pytest.approx(0.1)
    budget.start_file()  # the next file has its own budget again
    assert budget.allowed(0.25) == 0.25


def test_fast_searches_are_never_charged() -> None:
    budget.start_run(0.25)
    for _ in range(1000):
        budget.charge(budget.SLOW_SECONDS)
    assert budget.allowed(0.25) == 0.25


def test_a_spent_file_budget_says_so_with_its_owner() -> None:
    budget.start_run(0.25)
    budget.charge(1.0)
    with pytest.raises(BudgetSpent, match="this file's 1 s") as caught:
        budget.allowed(0.25)
    assert caught.value.key is None
    assert budget.spent("rule T1").key == "rule T1"


def test_a_spent_run_budget_stays_spent_across_files() -> None:
    budget.start_run(0.25)
    for _ in range(10):
        budget.start_file()
        budget.charge(0.99)
    budget.start_file()
    budget.charge(0.2)
    with pytest.raises(BudgetSpent, match="the run's 10 s"):
        budget.allowed(0.25)
    budget.start_file()
    with pytest.raises(BudgetSpent):
        budget.allowed(0.25)


def test_workers_share_the_run_budget() -> None:
    context = multiprocessing.get_context("spawn")
    shared = budget.shared_run_budget(context, 0.25)
    assert shared.value == 10.0
    budget.start_run(0.25, shared)
    budget.charge(0.5)
    assert shared.value == pytest.approx(9.5)
    shared.value = 0.1  # what the other workers spent meanwhile
    budget.start_file()
    budget.charge(0.2)
    with pytest.raises(BudgetSpent, match="the run's 10 s"):
        budget.allowed(0.25)
