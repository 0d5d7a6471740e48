"""Rule packs of one's own, laid over the built-in pack: add, override by id, disable.

Packs come from --rules (check, lint, rules) and from installed packages through the entry
point group ``clarity.rules``; a broken pack is reported like any bad input.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.rules.pack import load_pack
from tests.conftest import EXAMPLES, FIXTURES

runner = CliRunner()
CLARITY = Path(sys.executable).parent / "clarity"
MISSED = str(EXAMPLES / "missed-deadline.yaml")

#: A pack of one's own that adds one rule, T101 (also the pack an installed package ships).
NEW_RULE = (FIXTURES / "packs" / "team-rules.yaml").read_text(encoding="utf-8")

OVERRIDE_C108 = """\
rules:
  - id: C108
    name: consequences-toothless
    title: A feeling is not a consequence
    dimension: consequences
    severity: info
    when: {matches: {field: consequences, pattern: disappoint}}
    message: Our team wording - say what changes, not how you feel.
    why: Feelings are not consequences.
    fix: Name what changes on a miss.
    examples:
      fire: [{consequences: "I'll be disappointed"}]
      pass: [{consequences: The weekly sign-off returns}]
"""


def write(folder: Path, text: str, name: str = "pack.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def findings(*args: str) -> dict[str, dict[str, object]]:
    result = runner.invoke(app, ["check", "--answers", MISSED, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return {f["rule"]: f for f in json.loads(result.stdout)["findings"]}


def test_a_pack_adds_a_rule(tmp_path: Path) -> None:
    assert "T101" not in findings()
    found = findings("--rules", str(write(tmp_path, NEW_RULE)))
    assert found["T101"]["message"] == "No review date is set for this delegation."
    assert found["T101"]["severity"] == "warning"
    assert "C108" in found, "the built-in rules still fire"


def test_a_pack_overrides_a_rule_by_id(tmp_path: Path) -> None:
    before = findings()["C108"]
    assert before["severity"] == "error"
    found = findings("--rules", str(write(tmp_path, OVERRIDE_C108)))
    assert found["C108"]["severity"] == "info"
    assert found["C108"]["message"] == "Our team wording - say what changes, not how you feel."
    assert found["C108"]["title"] == "A feeling is not a consequence"
    # The override keeps the rule's place: findings come in the same order.
    assert list(findings()) == list(found)
    text = runner.invoke(app, ["check", "--answers", MISSED, "--rules", str(tmp_path), "--detail"])
    assert text.exit_code == 0, text.output
    assert "Our team wording - say what changes, not how you feel." in text.stdout
    assert "What happens on a miss is a feeling" not in text.stdout


def test_a_pack_disables_rules_by_id_or_name(tmp_path: Path) -> None:
    name = load_pack().rule("C111")
    assert name is not None
    before = findings()
    assert {"C109", "C111"} <= set(before)
    pack = write(tmp_path, f"disable: [C109, {name.rule.name}]\n")
    after = findings("--rules", str(pack))
    assert "C109" not in after and "C111" not in after
    assert set(before) - {"C109", "C111"} == set(after)
    listed = runner.invoke(app, ["rules", "list", "--no-config", "--rules", str(pack)])
    assert "C109" not in listed.stdout and "C108" in listed.stdout


def test_packs_are_laid_in_order(tmp_path: Path) -> None:
    first = write(tmp_path / "a", NEW_RULE)
    second = write(tmp_path / "b", "disable: [T101]\n")
    assert "T101" in findings("--rules", str(first))
    assert "T101" not in findings("--rules", str(first), "--rules", str(second))
    # A later pack may define a disabled rule again.
    third = write(tmp_path / "c", NEW_RULE.replace("severity: warning", "severity: error"))
    found = findings("--rules", str(first), "--rules", str(second), "--rules", str(third))
    assert found["T101"]["severity"] == "error"


def test_a_disabled_rule_named_in_the_scores_is_fine(tmp_path: Path) -> None:
    # pack.yaml's scores name C108 with 'fired': disabling it must not break them.
    found = findings("--rules", str(write(tmp_path, "disable: [C108]\n")))
    assert "C108" not in found


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            "disable:\n  - C1O9\n",
            "pack.yaml:2:5: disable[0]:",
            "no rule 'C1O9' to disable; did you mean 'C109'?",
        ),
        (
            NEW_RULE + NEW_RULE.split("rules:\n", 1)[1],
            "pack.yaml:16:5:",
            "rule T101 is defined twice in this pack (first at ",
        ),
        (
            "disable: [C108]\n" + OVERRIDE_C108,
            "pack.yaml:3:5:",
            "rule C108 is both disabled and defined in this pack",
        ),
        ("disabel: [C109]\n", "pack.yaml:1:1: disabel:", "unknown key 'disabel'; did you mean"),
        (
            NEW_RULE.replace("severity: warning", "severity: loud"),
            "pack.yaml:8:15: rules[0].severity:",
            "unexpected value 'loud'",
        ),
        ("rules: [\n", "pack.yaml:", "not valid YAML"),
    ],
)
def test_a_broken_pack_is_bad_input(tmp_path: Path, text: str, where: str, message: str) -> None:
    pack = write(tmp_path, text)
    result = runner.invoke(app, ["check", "--answers", MISSED, "--rules", str(pack)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"clarity: error: {tmp_path / where}"), lines[0]
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_a_missing_pack_is_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--answers", MISSED, "--rules", str(tmp_path / "no")])
    assert result.exit_code == 2
    assert result.stderr == f"clarity: error: {tmp_path / 'no'}: no such file; check the path\n"


def test_lint_takes_rules_too(tmp_path: Path) -> None:
    charters = str(EXAMPLES / "charters")
    base = runner.invoke(app, ["lint", charters, "--no-config", "--format", "json"])
    rules = {f["rule"] for f in json.loads(base.stdout)["findings"]}
    assert "C102" in rules
    pack = write(tmp_path, "disable: [C102]\n" + NEW_RULE)
    result = runner.invoke(
        app, ["lint", charters, "--no-config", "--format", "json", "--rules", str(pack)]
    )
    assert result.exit_code in (0, 1), result.output
    after = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert "C102" not in after and "T101" in after


def test_rules_validate_and_test_accept_an_override(tmp_path: Path) -> None:
    pack = write(tmp_path, "disable: [C109]\n" + OVERRIDE_C108)
    validated = runner.invoke(app, ["rules", "validate", str(pack)])
    assert validated.exit_code == 0, validated.output
    tested = runner.invoke(app, ["rules", "test", str(pack)])
    assert tested.exit_code == 0, tested.output
    assert tested.stdout == "2 examples, 0 failed\n"


# -- packs installed as Python packages ------------------------------------------------------


def install(site: Path, module: str, init: str, entry: str, pack: str | None = NEW_RULE) -> Path:
    """A tiny installed distribution: a module, a pack beside it, and its entry point."""
    package = site / module
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(init, encoding="utf-8")
    if pack is not None:
        write(package / "pack", pack, "rules.yaml")
    dist = site / f"{module}-1.0.dist-info"
    dist.mkdir()
    name = module.replace("_", "-")
    (dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text(f"[clarity.rules]\n{entry}\n", encoding="utf-8")
    return site


def clarity(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    return subprocess.run(
        [str(CLARITY), *args], capture_output=True, text=True, timeout=60, env=env
    )


def test_an_installed_pack_is_found_through_its_entry_point(tmp_path: Path) -> None:
    site = install(
        tmp_path / "site",
        "team_rules",
        "from pathlib import Path\nPACK = Path(__file__).parent / 'pack'\n",
        "team = team_rules:PACK",
    )
    result = clarity(site, "check", "--answers", MISSED, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert "T101" in {f["rule"] for f in data["findings"]}
    assert data["pack"]["version"] == "2.0"
    listed = clarity(site, "rules", "list", "--no-config")
    assert "T101" in listed.stdout
    # --rules comes after the installed packs: it can switch their rules off.
    off = write(tmp_path / "off", "disable: [T101]\n")
    result = clarity(site, "check", "--answers", MISSED, "--format", "json", "--rules", str(off))
    assert result.returncode == 0, result.stderr
    assert "T101" not in {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_every_command_sees_a_pack_installed_after_the_cache_was_written(tmp_path: Path) -> None:
    """lint, check and rules list read one cached pack: installing a pack through the entry
    point after it was written is seen by all three alike."""
    charter = tmp_path / "repo" / "a.charter.yaml"
    charter.parent.mkdir()
    charter.write_text("delegations:\n  - task: Weekly report\n    outcome: x\n", "utf-8")
    site = tmp_path / "site"
    site.mkdir()
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}

    def run(*args: str) -> str:
        env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1", **cache}
        done = subprocess.run(
            [str(CLARITY), *args], capture_output=True, text=True, timeout=60, env=env,
            check=False, cwd=charter.parent,
        )  # fmt: skip
        return done.stdout

    def seen() -> dict[str, bool]:
        linted = json.loads(run("lint", "--no-config", "--format", "json", str(charter)))
        checked = json.loads(run("check", "--answers", str(MISSED), "--format", "json"))
        return {
            "lint": "T101" in {f["rule"] for f in linted["findings"]},
            "check": "T101" in {f["rule"] for f in checked["findings"]},
            "rules list": "T101" in run("rules", "list", "--no-config"),
        }

    assert seen() == {"lint": False, "check": False, "rules list": False}
    entries = list((tmp_path / "cache" / "clarity").glob("pack-*.pickle"))
    assert len(entries) == 1, "one cached pack, shared by the three commands"
    install(
        site, "team_rules", "from pathlib import Path\nPACK = Path(__file__).parent / 'pack'\n",
        "team = team_rules:PACK",
    )  # fmt: skip
    assert seen() == {"lint": True, "check": True, "rules list": True}


@pytest.mark.parametrize(
    ("init", "entry", "pack", "expected"),
    [
        (
            "",
            "team = no_such_module:PACK",
            None,
            "the rule pack of entry point 'team = no_such_module:PACK' of team-rules 1.0 "
            "(group clarity.rules) cannot be loaded: ModuleNotFoundError",
        ),
        ("PACK = 42\n", "team = team_rules:PACK", None, "is int, not the path of a pack"),
        (
            "PACK = 'nowhere'\n",
            "team = team_rules:PACK",
            None,
            "team_rules" + os.sep + "nowhere, which does not exist",
        ),
        (
            "def PACK():\n    raise RuntimeError('boom')\n",
            "team = team_rules:PACK",
            None,
            "failed: RuntimeError: boom",
        ),
    ],
)
def test_a_broken_entry_point_is_one_line_naming_it(
    tmp_path: Path, init: str, entry: str, pack: str | None, expected: str
) -> None:
    site = install(tmp_path / "site", "team_rules", init, entry, pack)
    result = clarity(site, "check", "--answers", MISSED)
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("clarity: error: the rule pack of entry point 'team = ")
    assert expected in lines[0]
    assert "uninstall" in lines[0]


def test_a_broken_installed_pack_names_file_line_and_column(tmp_path: Path) -> None:
    site = install(
        tmp_path / "site",
        "team_rules",
        "PACK = 'pack'\n",
        "team = team_rules:PACK",
        NEW_RULE.replace("severity: warning", "severity: loud"),
    )
    result = clarity(site, "check", "--answers", MISSED)
    assert result.returncode == 2
    rules_file = site / "team_rules" / "pack" / "rules.yaml"
    assert result.stderr.startswith(f"clarity: error: {rules_file}:8:15: rules[0].severity:")
    assert "the pack comes from entry point 'team = team_rules:PACK'" in result.stderr
    assert len(result.stderr.splitlines()) == 1
