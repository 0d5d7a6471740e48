"""Where clarity's files are: the shipped rule pack and schemas, and the user's cache folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.places import builtin_pack_path, cache_dir, shipped, trusted


def test_the_built_in_pack_and_the_schemas_are_found() -> None:
    assert (builtin_pack_path() / "pack.yaml").is_file()
    assert builtin_pack_path() == shipped("rules")
    assert any(shipped("schemas").glob("*.schema.json"))


def test_the_cache_is_under_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLARITY_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "clarity"


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLARITY_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache_dir() == Path.home() / ".cache" / "clarity"


@pytest.mark.parametrize(
    ("value", "cached"), [("1", False), ("yes", False), ("0", True), ("", True)]
)
def test_clarity_no_cache_turns_the_cache_off(
    value: str, cached: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLARITY_NO_CACHE", value)
    assert (cache_dir() is not None) is cached


def test_only_a_copy_nobody_else_may_change_is_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    kept = folder / "pack.pickle"
    kept.write_bytes(b"x")
    kept.chmod(0o600)
    assert trusted(kept)
    kept.chmod(0o666)  # (anyone may write it)
    assert not trusted(kept)
    kept.chmod(0o600)
    folder.chmod(0o777)  # (anyone may put another file in its place)
    assert not trusted(kept)
