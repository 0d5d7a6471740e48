"""The interview draft: where it lives, and a damaged one is no draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clarity.core.state.draft import draft_path, drop_draft, load_draft


def test_a_damaged_draft_is_no_draft(tmp_path: Path) -> None:
    draft = tmp_path / "draft.json"
    for text in ("{", "[]", json.dumps({"version": 99, "answers": {"task": "x"}})):
        draft.write_text(text, encoding="utf-8")
        assert load_draft(draft) is None
    drop_draft(draft)
    assert not draft.exists()


def test_the_draft_lives_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CLARITY_DRAFT", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert draft_path() == tmp_path / "data" / "clarity" / "draft.json"
    monkeypatch.setenv("CLARITY_DRAFT", str(tmp_path / "mine.json"))
    assert draft_path() == tmp_path / "mine.json"
