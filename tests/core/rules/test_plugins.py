"""Rule packs installed as Python packages (``rules.plugins``): found through the entry point
group ``clarity.rules``, in the order of their names, each a path (or a function returning
one, relative to its module); a broken one is one error naming the entry point."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.rules.pack import load_pack
from clarity.core.rules.plugins import GROUP, installed_packs
from tests.conftest import FIXTURES

#: Puts an installed distribution on the import path (its module not yet imported).
Put = Callable[[Path, str], None]

PACK = (FIXTURES / "packs" / "team-rules.yaml").read_text(encoding="utf-8")


def install(site: Path, module: str, init: str, entries: str, pack: str | None = PACK) -> Path:
    """A tiny installed distribution: a module, a pack beside it, and its entry points."""
    package = site / module
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(init, "utf-8")
    if pack is not None:
        (package / "pack").mkdir()
        (package / "pack" / "rules.yaml").write_text(pack, "utf-8")
    dist = site / f"{module}-1.0.dist-info"
    dist.mkdir()
    name = module.replace("_", "-")
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", "utf-8")
    (dist / "entry_points.txt").write_text(f"[{GROUP}]\n{entries}\n", "utf-8")
    return site


@pytest.fixture
def on_path(monkeypatch: pytest.MonkeyPatch) -> Put:
    def put(site: Path, module: str) -> None:
        monkeypatch.syspath_prepend(str(site))
        monkeypatch.delitem(sys.modules, module, raising=False)

    return put


def test_an_entry_point_may_be_a_function_returning_a_relative_path(
    tmp_path: Path, on_path: Put
) -> None:
    site = install(
        tmp_path / "site", "team_rules_fn", "def pack():\n    return 'pack'\n",
        "team = team_rules_fn:pack",
    )  # fmt: skip
    on_path(site, "team_rules_fn")
    pack = load_pack()
    assert pack.rule("T101") is not None
    assert str(site / "team_rules_fn" / "pack" / "rules.yaml") in pack.sources
    assert load_pack(plugins=False).rule("T101") is None


def test_installed_packs_come_in_the_order_of_their_names(tmp_path: Path, on_path: Put) -> None:
    site = install(
        tmp_path / "site",
        "team_rules_order",
        "from pathlib import Path\nA = Path(__file__).parent / 'pack'\nB = 'pack'\n",
        "zeta = team_rules_order:A\nalpha = team_rules_order:B",
    )
    on_path(site, "team_rules_order")
    mine = [p for p in installed_packs() if p.value.startswith("team_rules_order:")]
    assert [p.name for p in mine] == ["alpha", "zeta"]
    folder = site / "team_rules_order" / "pack"
    assert [p.path for p in mine] == [folder, folder]
    assert mine[0].distribution == "team-rules-order 1.0"
    assert mine[0].label == (
        "entry point 'alpha = team_rules_order:B' of team-rules-order 1.0 (group clarity.rules)"
    )


@pytest.mark.parametrize(
    ("init", "says"),
    [
        ("PACK = 42\n", "is int, not the path of a pack file or folder"),
        ("PACK = 'nowhere'\n", "nowhere, which does not exist"),
        ("def PACK():\n    raise RuntimeError('boom')\n", "failed: RuntimeError: boom"),
        ("raise ImportError('no')\n", "cannot be loaded: ImportError: no"),
    ],
)
def test_a_broken_entry_point_is_one_error_naming_it(
    tmp_path: Path, on_path: Put, init: str, says: str
) -> None:
    site = install(tmp_path / "site", "team_rules_bad", init, "team = team_rules_bad:PACK", None)
    on_path(site, "team_rules_bad")
    with pytest.raises(ClarityError) as caught:
        installed_packs()
    error = caught.value
    assert error.message.startswith(
        "the rule pack of entry point 'team = team_rules_bad:PACK' of team-rules-bad 1.0"
    )
    assert says in error.message
    assert error.hint is not None and "uninstall" in error.hint


def test_a_broken_installed_pack_says_where_it_comes_from(tmp_path: Path, on_path: Put) -> None:
    site = install(
        tmp_path / "site", "team_rules_loud", "PACK = 'pack'\n", "team = team_rules_loud:PACK",
        PACK.replace("severity: warning", "severity: loud"),
    )  # fmt: skip
    on_path(site, "team_rules_loud")
    with pytest.raises(ClarityError, match="unexpected value 'loud'") as caught:
        load_pack()
    error = caught.value
    assert error.location is not None
    assert error.location.source == str(site / "team_rules_loud" / "pack" / "rules.yaml")
    assert (error.location.line, error.location.column) == (
        8,
        15,
    )  # the "severity:" line of the pack
    assert error.hint is not None
    assert "the pack comes from entry point 'team = team_rules_loud:PACK'" in error.hint
