"""`extends:`: a configuration built on another one, its own keys winning key by key."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.settings.config import load_config


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_extended_settings_come_first_and_the_own_keys_replace_them(tmp_path: Path) -> None:
    write(tmp_path / "shared" / "base.yaml", "fail_level: warning\nignore: [C1]\nexclude: [old/]\n")
    write(tmp_path / "repo" / ".clarity.yaml", "extends: ../shared/base.yaml\nignore: [B1]\n")
    loaded = load_config(cwd=tmp_path / "repo")
    assert loaded.fail_level == "warning"
    assert loaded.config.ignore == ["B1"], "a key is replaced whole, not merged"
    assert loaded.exclude == ["old/"]
    rows = {(key, source) for key, _, source in loaded.provenance()}
    assert ("fail_level", "extends: ../shared/base.yaml") in rows


def test_a_chain_of_extends_and_a_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A loop through several files is found (it once ran until Python's recursion limit)."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    write(tmp_path / "b.yaml", "extends: c.yaml\nfail_level: info\n")
    write(tmp_path / "c.yaml", "fail_level: warning\nsave: true\n")
    write(tmp_path / ".clarity.yaml", "extends: a.yaml\n")
    loaded = load_config(cwd=tmp_path)
    assert (loaded.fail_level, loaded.config.save) == ("info", True)
    write(tmp_path / "c.yaml", "extends: a.yaml\n")
    with pytest.raises(ClarityError) as caught:
        load_config(cwd=tmp_path)
    assert str(caught.value) == (
        "c.yaml:1:10: extends: 'a.yaml' extends this file again (a loop); remove one of the extends"
    )


def test_a_missing_file_or_package_is_an_error_at_its_line(tmp_path: Path) -> None:
    write(tmp_path / ".clarity.yaml", "fail_level: info\nextends: nowhere.yaml\n")
    with pytest.raises(ClarityError) as caught:
        load_config(cwd=tmp_path)
    assert str(caught.value).startswith(".clarity.yaml:2:")
    write(tmp_path / ".clarity.yaml", "extends: pkg:no_such_package_here\n")
    with pytest.raises(ClarityError) as caught:
        load_config(cwd=tmp_path)
    assert str(caught.value).startswith(".clarity.yaml:1:")
