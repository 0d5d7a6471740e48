"""The one way to get the rule pack (``rules.pack.load_pack``): the built-in pack, then the
installed packs, then the given ones, each laid over the last; the built-in one read within
clarity's own limits; from the cache when it can, built when it must."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.limits import Limits
from clarity.core.places import builtin_pack_path, cache_dir
from clarity.core.rules.pack import build_pack_from, load_pack


@pytest.fixture(autouse=True)
def _a_cache_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_the_given_packs_are_laid_in_order(tmp_path: Path) -> None:
    first = write(tmp_path / "a.yaml", "disable: [C101]\n")
    second = write(tmp_path / "b" / "pack.yaml", "disable: [C102]\n")
    pack = load_pack([first, second.parent], plugins=False)
    assert pack.rule("C101") is None and pack.rule("C102") is None
    builtin = sorted(str(p) for p in builtin_pack_path().glob("*.yaml"))
    assert pack.sources == [*builtin, str(first), str(second)]


def test_the_packs_read_are_given_with_the_pack(tmp_path: Path) -> None:
    extra = write(tmp_path / "team" / "pack.yaml", "disable: [C101]\n")
    pack, read = build_pack_from([extra.parent], plugins=False)
    assert read == [builtin_pack_path(), extra.parent]
    assert pack.rule("C101") is None


def test_the_builtin_pack_is_read_within_clarity_s_own_limits(tmp_path: Path) -> None:
    tiny = Limits(max_file_bytes=200)
    assert load_pack([], tiny, plugins=False).rule("C101") is not None
    big = write(tmp_path / "team.yaml", "disable: [C101]\n" + "# padding\n" * 40)
    with pytest.raises(ClarityError, match="200"):
        load_pack([big], tiny, plugins=False)


def test_a_pack_that_cannot_be_built_is_not_cached(tmp_path: Path) -> None:
    broken = write(tmp_path / "team.yaml", "disable: [X999]\n")
    for _ in range(2):
        with pytest.raises(ClarityError, match="no rule 'X999' to disable"):
            load_pack([broken], plugins=False)
    folder = cache_dir()
    assert folder is not None
    assert not folder.exists() or list(folder.glob("pack-*.pickle")) == []


def test_without_a_cache_folder_the_pack_is_built_every_time(
    monkeypatch: pytest.MonkeyPatch, builds: list[int]
) -> None:
    monkeypatch.setenv("CLARITY_NO_CACHE", "1")
    load_pack(plugins=False)
    load_pack(plugins=False)
    assert len(builds) == 2


def test_a_cache_that_cannot_be_read_means_building(monkeypatch: pytest.MonkeyPatch) -> None:
    from clarity.core.rules import packcache

    def broken(*args: object, **kwargs: object) -> str:
        raise OSError("no")

    monkeypatch.setattr(packcache, "cache_key", broken)
    assert load_pack(plugins=False).rule("C101") is not None
