"""How much time slow pattern searches may take, per file and per run.

``pattern_timeout`` bounds one search; a custom pack with a pattern just under it could still
cost that much for every text of every file. While ``clarity lint`` runs, the searches that
are slow (over ``SLOW_SECONDS``) draw on two budgets: one per file (four times the pattern
timeout: 1 s by default) and one per run (forty times: 10 s by default), which the worker
processes of a parallel run share. A search that would overdraw one is
cut short, and the file is reported as incomplete, with the findings found until then.
Fast searches, the normal case, never count.
"""

from __future__ import annotations

from typing import Any

from clarity.core.errors import ClarityError

#: A search taking longer than this is slow, and is charged to the budgets.
SLOW_SECONDS = 0.005


class BudgetSpent(ClarityError):
    """The time budget of slow pattern searches ran out: the file is incomplete."""


class _Budget:
    __slots__ = ("active", "file_left", "file_seconds", "run_left", "run_seconds", "shared")

    def __init__(self) -> None:
        self.active = False
        self.file_seconds = self.file_left = 0.0
        self.run_seconds = self.run_left = 0.0
        #: The run's budget shared by the processes of a parallel run (a multiprocessing
        #: ``Value('d')``), or None in a run of one process.
        self.shared: Any = None


_BUDGET = _Budget()


def file_budget(pattern_timeout: float) -> float:
    return 4 * pattern_timeout


def run_budget(pattern_timeout: float) -> float:
    return 40 * pattern_timeout


def start_run(pattern_timeout: float, shared: Any = None) -> None:
    """Budgets on from now on, in this process (lint, or each of its workers, which then
    share the run's budget through ``shared``, made by :func:`shared_run_budget`)."""
    _BUDGET.active = True
    _BUDGET.run_seconds = _BUDGET.run_left = run_budget(pattern_timeout)
    _BUDGET.file_seconds = _BUDGET.file_left = file_budget(pattern_timeout)
    _BUDGET.shared = shared
    if shared is not None:
        _BUDGET.run_left = shared.value


def shared_run_budget(context: Any, pattern_timeout: float) -> Any:
    """The run's budget, for the worker processes of ``context`` to share."""
    return context.Value("d", run_budget(pattern_timeout))


def stop_run() -> None:
    _BUDGET.active = False


def start_file() -> None:
    _BUDGET.file_left = _BUDGET.file_seconds


def allowed(timeout: float) -> float:
    """How long the next search may take: its timeout, or what is left of the budgets.
    Raises BudgetSpent when nothing is."""
    if not _BUDGET.active:
        return timeout
    left = min(_BUDGET.file_left, _BUDGET.run_left)
    if left <= 0:
        raise spent()
    return min(timeout, left)


def charge(seconds: float) -> None:
    """Count a search's time against the budgets when it was slow."""
    if _BUDGET.active and seconds > SLOW_SECONDS:
        _BUDGET.file_left -= seconds
        shared = _BUDGET.shared
        if shared is None:
            _BUDGET.run_left -= seconds
        else:  # what every worker spent, seen at each charge
            with shared.get_lock():
                shared.value -= seconds
                _BUDGET.run_left = shared.value


def spent(owner: str | None = None) -> BudgetSpent:
    run_out = _BUDGET.run_left <= _BUDGET.file_left
    what = (
        f"the run's {_BUDGET.run_seconds:g} s"
        if run_out
        else f"this file's {_BUDGET.file_seconds:g} s"
    )
    return BudgetSpent(
        f"incomplete: slow patterns used up {what} for pattern searches",
        key=owner,
        hint="the findings shown may miss some; simplify the custom pack's slow patterns",
    )
