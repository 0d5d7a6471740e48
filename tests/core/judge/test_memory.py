"""The decision cache: judgments kept on disk, written in bounded batches."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_many_new_decisions_are_written_before_the_process_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long run holds a bounded number of unwritten decisions."""
    import sqlite3

    from clarity.core.judge import memory as memory_module

    monkeypatch.setattr(memory_module, "WRITE_EVERY", 3)
    store = memory_module.Memory(tmp_path / "judged.sqlite3")
    for n in range(7):
        store.put(memory_module.key("meaning", "x", str(n)), "0.5")
    with sqlite3.connect(tmp_path / "judged.sqlite3") as db:
        (written,) = db.execute("SELECT count(*) FROM judged").fetchone()
    assert written == 6 and len(store._new) == 1
    assert store.get(memory_module.key("meaning", "x", "2")) == "0.5"
