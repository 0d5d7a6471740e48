from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every case runs in its own empty folder: no configuration of the project's applies."""
    monkeypatch.chdir(tmp_path)
    for name in (
        "CLARITY_MAX_FILE_BYTES",
        "CLARITY_MAX_DEPTH",
        "CLARITY_MAX_TEXT_CHARS",
        "CLARITY_PATTERN_TIMEOUT",
        "CLARITY_MAX_DELEGATIONS",
        "CLARITY_MAX_FINDINGS",
        "CLARITY_DEBUG",
        "CLARITY_JOURNAL",
    ):
        monkeypatch.delenv(name, raising=False)
