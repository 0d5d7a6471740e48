"""Linting many files: worker processes only when there are enough files to share out."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.linting.lint import lint_paths
from clarity.core.linting.lintpool import (
    FORKED_MIN_FILES,
    SPAWNED_MIN_FILES,
    min_files_per_worker,
    workers_for,
)

CHARTER = "delegations:\n  - task: Task {n}\n    outcome: make it better\n"


def test_a_few_files_use_one_process() -> None:
    assert workers_for(3, jobs=8) == 1
    assert workers_for(FORKED_MIN_FILES * 4, jobs=2) == 2
    assert workers_for(FORKED_MIN_FILES * 4, jobs=8) == 4
    assert workers_for(FORKED_MIN_FILES * 4, jobs=8, start_method="spawn") == 1


def test_spawned_workers_need_more_files_than_forked_ones() -> None:
    assert min_files_per_worker("fork") == FORKED_MIN_FILES
    assert min_files_per_worker("spawn") == min_files_per_worker("forkserver") == SPAWNED_MIN_FILES


def test_workers_give_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(FORKED_MIN_FILES * 2):
        (tmp_path / f"t{n:02}.charter.yaml").write_text(CHARTER.format(n=n), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    alone = lint_paths(["."], jobs=1, cache=False)
    shared = lint_paths(["."], jobs=2, cache=False)
    assert [r.path for r in shared.files] == [r.path for r in alone.files]
    assert shared.findings == alone.findings
    assert len(alone.files) == FORKED_MIN_FILES * 2


def test_findings_past_the_limit_are_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clarity.core.limits import Limits
    from clarity.core.linting.lint import LintSettings

    for n in range(40):
        (tmp_path / f"t{n:02}.charter.yaml").write_text(CHARTER.format(n=n), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    everything = lint_paths(["."], jobs=1)
    assert len(everything.findings) > 100
    capped = lint_paths(["."], jobs=1, settings=LintSettings(limits=Limits(max_findings=100)))
    assert len(capped.findings) <= 100
    assert capped.diagnostics, "the file where the limit was reached says so"
