"""The compiled pack kept between runs (``rules.packcache``, through ``pack.load_pack``): what
it reuses, what makes it build the pack again, and what it never trusts."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from clarity.core.limits import DEFAULT_LIMITS
from clarity.core.places import builtin_pack_path, cache_dir
from clarity.core.rules import pack as pack_module
from clarity.core.rules import packcache
from clarity.core.rules.pack import Pack, build_pack_from, load_pack
from tests.conftest import ROOT


def _entries() -> list[Path]:
    folder = cache_dir()
    assert folder is not None
    return sorted(folder.glob("pack-*.pickle")) if folder.exists() else []


@pytest.fixture(autouse=True)
def _a_cache_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests of this module look at the cache folder: each gets an empty one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _plain(pack: Pack) -> list[object]:
    """Everything of a compiled pack but its compiled checks (equal only to themselves)."""
    return [
        pack.name,
        pack.version,
        pack.example_base,
        pack.verdicts,
        pack.traps,
        [item for item, _ in pack.advice],
        pack.scores,
        [[item for item, _ in items] for items in pack.score_checks.values()],
        [q.replace(check=None) for q in pack.questions],
        [(c.rule, c.where, c.reads, c.ask is None, c.ask_reads) for c in pack.rules],
        pack.sources,
        [(j.folder, j.examples) for j in pack.judges],
    ]


def test_the_pack_is_cached_and_gives_the_same_pack(tmp_path: Path) -> None:
    first = load_pack()
    assert len(_entries()) == 1
    second = load_pack()  # from the cache
    built, _ = build_pack_from([])
    assert _plain(first) == _plain(second) == _plain(built)
    assert [type(c.check) for c in second.rules] == [type(c.check) for c in built.rules]
    from clarity.core.rules import pack

    assert builtin_pack_path() == pack.builtin_pack_path()


def test_a_changed_pack_file_is_seen(tmp_path: Path) -> None:
    pack = tmp_path / "team.yaml"
    rule = (ROOT / "tests" / "test_lint_cli.py").read_text("utf-8")
    body = rule.split('TEAM_PACK = """\\\n', 1)[1].split('"""', 1)[0]
    pack.write_text(body, "utf-8")
    assert load_pack([pack]).rule("T101") is not None
    pack.write_text(body.replace("T101", "T102"), "utf-8")
    os.utime(pack, ns=(1, 1))  # even with an old time, the size differs
    reloaded = load_pack([pack])
    assert reloaded.rule("T101") is None and reloaded.rule("T102") is not None


def test_a_broken_or_foreign_cache_entry_is_ignored() -> None:
    load_pack()
    [entry] = _entries()
    entry.write_bytes(b"not a pickle")
    assert load_pack().rule("C101") is not None
    if hasattr(os, "getuid"):
        entry.chmod(0o666)  # others may write it: never unpickled
        entry.write_bytes(pickle.dumps("planted"))
        assert load_pack().rule("C101") is not None


def test_no_cache_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLARITY_NO_CACHE", "1")
    assert load_pack().rule("C101") is not None
    assert cache_dir() is None


def _no_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pack was built again")

    monkeypatch.setattr(pack_module, "build_pack_from", refuse)


def test_a_current_entry_is_used_without_building(monkeypatch: pytest.MonkeyPatch) -> None:
    load_pack(plugins=False)
    _no_build(monkeypatch)
    assert load_pack(plugins=False).rule("C101") is not None


def test_a_file_added_to_a_pack_folder_is_seen(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "a.yaml").write_text("disable: [C101]\n", "utf-8")
    assert load_pack([folder], plugins=False).rule("C101") is None
    (folder / "b.yaml").write_text("disable: [C102]\n", "utf-8")
    again = load_pack([folder], plugins=False)
    assert again.rule("C101") is None and again.rule("C102") is None
    assert str(folder / "b.yaml") in again.sources


def test_other_limits_or_packs_are_other_entries(tmp_path: Path) -> None:
    pack = tmp_path / "team.yaml"
    pack.write_text("disable: [C101]\n", "utf-8")
    load_pack(plugins=False)
    load_pack([pack], plugins=False)
    load_pack(plugins=False, limits=DEFAULT_LIMITS.replace(pattern_timeout_seconds=0.5))
    assert len(_entries()) == 3
    keys = {
        packcache.cache_key([], DEFAULT_LIMITS, plugins=False),
        packcache.cache_key([], DEFAULT_LIMITS, plugins=True),
        packcache.cache_key([pack], DEFAULT_LIMITS, plugins=False),
    }
    assert len(keys) == 3


def test_an_entry_for_another_key_or_format_is_not_read(tmp_path: Path) -> None:
    built, read = build_pack_from([], plugins=False)
    entry = tmp_path / "entries" / "pack.pickle"
    packcache.write_entry(entry, "key", built, packcache.pack_folders(read))
    assert isinstance(packcache.read_entry(entry, "key"), Pack)
    assert packcache.read_entry(entry, "another key") is None
    stored = pickle.loads(entry.read_bytes())
    entry.write_bytes(pickle.dumps((packcache.CACHE_FORMAT - 1, *stored[1:])))
    assert packcache.read_entry(entry, "key") is None


def test_an_entry_whose_pack_file_changed_is_not_read(tmp_path: Path) -> None:
    pack = tmp_path / "team.yaml"
    pack.write_text("disable: [C101]\n", "utf-8")
    built, read = build_pack_from([pack], plugins=False)
    entry = tmp_path / "entries" / "pack.pickle"
    packcache.write_entry(entry, "key", built, packcache.pack_folders(read))
    assert packcache.read_entry(entry, "key") is not None
    pack.write_text("disable: [C102]\n", "utf-8")
    assert packcache.read_entry(entry, "key") is None


def test_a_cache_that_cannot_be_written_is_not_used(tmp_path: Path) -> None:
    built, _ = build_pack_from([], plugins=False)
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", "utf-8")
    packcache.write_entry(blocked / "pack.pickle", "key", built, [])  # no error
    assert packcache.read_entry(blocked / "pack.pickle", "key") is None


def test_the_entry_is_only_the_users_and_written_whole(tmp_path: Path) -> None:
    load_pack(plugins=False)
    [entry] = _entries()
    assert [p.name for p in entry.parent.iterdir() if p.name.startswith(".pack-")] == []
    if hasattr(os, "getuid"):
        assert entry.parent.stat().st_mode & 0o077 == 0


def test_a_file_written_in_the_current_folder_does_not_rebuild_the_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``python -m clarity`` puts the current folder on the import path; a report or a
    charter written there is not a package installed, so the cached pack stays."""
    here = tmp_path / "work"
    here.mkdir()
    monkeypatch.chdir(here)
    monkeypatch.syspath_prepend(str(here))
    before = packcache.cache_key([], DEFAULT_LIMITS)
    (here / "report.html").write_text("<p>new</p>", encoding="utf-8")
    os.utime(here, (1, 1))  # the folder's own time moves too
    assert packcache.cache_key([], DEFAULT_LIMITS) == before
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    assert packcache.cache_key([], DEFAULT_LIMITS) != before  # another import folder is seen


def test_the_shipped_pack_is_current_and_is_the_built_pack() -> None:
    shipped = packcache.read_shipped(builtin_pack_path())
    assert shipped is not None, "run: python tools/ship_pack.py"
    built, _ = build_pack_from([], plugins=False)
    assert _plain(shipped) == _plain(built)


def test_an_empty_cache_reads_the_shipped_pack_without_building(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("built")

    monkeypatch.setattr(pack_module, "build_pack_from", refuse)
    first = load_pack(plugins=False)
    assert len(_entries()) == 1  # and kept in the cache for the next run
    assert _plain(load_pack(plugins=False)) == _plain(first)


def test_the_shipped_pack_is_read_where_it_is_and_only_when_current(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "rules"
    shutil.copytree(builtin_pack_path(), folder, ignore=shutil.ignore_patterns("banks"))
    moved = packcache.read_shipped(folder)
    assert moved is not None
    assert all(source.startswith(str(folder.resolve())) for source in moved.sources)
    assert moved.judges[0].folder == folder.resolve()
    assert moved.rules[0].where.source.startswith(str(folder.resolve()))
    (folder / "pack.yaml").write_text((folder / "pack.yaml").read_text() + "\n# changed\n")
    assert packcache.read_shipped(folder) is None
    (folder / packcache.SHIPPED).write_bytes(b"not a pickle")
    assert packcache.read_shipped(folder) is None


def test_the_shipped_pack_is_not_used_under_other_limits_or_packs(
    tmp_path: Path, builds: list[int]
) -> None:
    load_pack(limits=DEFAULT_LIMITS.replace(max_depth=10), plugins=False)
    own = tmp_path / "own.yaml"
    own.write_text("rules: []\n")
    load_pack([own], plugins=False)
    assert len(builds) == 2
