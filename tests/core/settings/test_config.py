"""Configuration: discovery, precedence, overrides, located errors and provenance."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.settings.config import LoadedConfig, load_config

IDS = {"C101", "C102", "C108", "C110", "B101", "B104"}
NAMES = {"outcome-missing", "deadline-missing", "no-consequence", "no-decision-rights"}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, name: str, text: str, *, rules: bool = False) -> str:
    write(tmp_path / name, text)
    with pytest.raises(ClarityError) as caught:
        loaded = load_config(cwd=tmp_path)
        if rules:
            loaded.check_rules(IDS, NAMES)
    return str(caught.value)


# -- discovery -----------------------------------------------------------------------------


def test_walks_up_to_the_nearest_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".clarity.yaml", "fail_level: info\n")
    write(tmp_path / "team" / ".clarity.yaml", "fail_level: warning\n")
    deep = tmp_path / "team" / "charters" / "q3"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    loaded = load_config()
    assert loaded.fail_level == "warning"
    assert loaded.source == "../../.clarity.yaml"
    assert loaded.origin == "found"


def test_clarity_yaml_beats_pyproject_in_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.clarity]\nfail_level = "info"\n')
    write(tmp_path / ".clarity.yaml", "fail_level: warning\n")
    monkeypatch.chdir(tmp_path)
    loaded = load_config()
    assert (loaded.source, loaded.fail_level) == (".clarity.yaml", "warning")


def test_clarity_yml_is_found_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".clarity.yml", "fail_level: info\n")
    monkeypatch.chdir(tmp_path)
    assert load_config().fail_level == "info"


def test_pyproject_with_a_clarity_table_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.clarity]\nignore = ["C1"]\n')
    monkeypatch.chdir(tmp_path)
    loaded = load_config()
    assert loaded.source == "pyproject.toml"
    assert loaded.config.ignore == ["C1"]


def test_pyproject_without_a_clarity_table_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".clarity.yaml", "fail_level: warning\n")
    write(
        tmp_path / "app" / "pyproject.toml",
        '[project]\nname = "app"\n[tool.ruff]\nline-length = 99\n',
    )
    monkeypatch.chdir(tmp_path / "app")
    loaded = load_config()
    assert (loaded.source, loaded.fail_level) == ("../.clarity.yaml", "warning")


def test_explicit_config_wins_over_discovery(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".clarity.yaml", "fail_level: warning\n")
    write(tmp_path / "ci" / "strict.yaml", "fail_level: info\n")
    monkeypatch.chdir(tmp_path)
    loaded = load_config(Path("ci/strict.yaml"))
    assert (loaded.source, loaded.origin, loaded.fail_level) == (
        "ci/strict.yaml",
        "--config",
        "info",
    )
    assert loaded.root == tmp_path / "ci"


def test_explicit_pyproject_must_have_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ClarityError, match=r"^pyproject.toml: there is no \[tool.clarity\] table"):
        load_config(Path("pyproject.toml"))


def test_explicit_config_that_does_not_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ClarityError, match=r"^nope\.yaml: no such file"):
        load_config(Path("nope.yaml"))


def test_no_config_uses_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".clarity.yaml", "fail_level: info\nignore: [C1]\n")
    monkeypatch.chdir(tmp_path)
    loaded = load_config(no_config=True)
    assert (loaded.source, loaded.origin, loaded.fail_level) == (None, "--no-config", "error")
    assert loaded.settings_for("a.charter.yaml").enabled("C101")


def test_nothing_found_means_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    loaded = load_config()
    assert loaded.source is None and loaded.origin == "default"
    assert loaded.include == ["*.charter.yaml", "*.charter.yml", "*.charter.md"]
    assert loaded.exclude == [] and loaded.packs == [] and loaded.config.save is False


def test_empty_file_and_empty_keys_mean_defaults(tmp_path: Path) -> None:
    write(tmp_path / ".clarity.yaml", "# nothing yet\n")
    assert load_config(cwd=tmp_path).config.select is None
    write(tmp_path / ".clarity.yaml", "select:\nignore:\ninclude:\n")
    config = load_config(cwd=tmp_path).config
    assert (config.select, config.ignore, len(config.include)) == (None, [], 3)


# -- precedence ----------------------------------------------------------------------------


def loaded_from(tmp_path: Path, text: str) -> LoadedConfig:
    write(tmp_path / ".clarity.yaml", text)
    return load_config(cwd=tmp_path)


def enabled(loaded: LoadedConfig, path: str = "a.charter.yaml") -> set[str]:
    settings = loaded.settings_for(path)
    names = {"C101": "outcome-missing"}
    return {rule for rule in IDS if settings.enabled(rule, names.get(rule))}


def test_defaults_enable_every_rule_at_its_own_severity(tmp_path: Path) -> None:
    loaded = load_config(no_config=True, cwd=tmp_path)
    assert enabled(loaded) == IDS
    assert loaded.settings_for("x.charter.md").severity("C101", "warning") == "warning"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("select: [C1]\n", {"C101", "C102", "C108", "C110"}),
        ("select: [C1]\nignore: [C101]\n", {"C102", "C108", "C110"}),
        ("select: [C1]\nignore: [C1]\n", set()),  # a tie: ignore wins
        ("select: [C101]\nignore: [C]\n", {"C101"}),  # the more specific wins
        ("ignore: [ALL]\nselect: [B101]\n", {"B101"}),
        ("ignore: [outcome-missing, B]\n", {"C102", "C108", "C110"}),  # by name
        ("select: [B104, C110]\n", {"B104", "C110"}),
    ],
)
def test_select_and_ignore_work_like_ruff(tmp_path: Path, text: str, expected: set[str]) -> None:
    assert enabled(loaded_from(tmp_path, text)) == expected


def test_the_command_line_wins_over_the_file(tmp_path: Path) -> None:
    loaded = loaded_from(tmp_path, "select: [C1]\nignore: [C101]\nfail_level: warning\n")
    assert enabled(loaded.with_cli(select=["C101"])) == {"C101"}  # --select decides afresh
    assert enabled(loaded.with_cli(ignore=["C102,C108"])) == {"C110"}  # --ignore turns off
    assert loaded.with_cli(fail_level="info").fail_level == "info"
    assert loaded.with_cli().fail_level == "warning"


def test_select_on_the_command_line_keeps_what_an_override_ignores(tmp_path: Path) -> None:
    """As ruff's per-file-ignores: --select does not bring back a rule a path's override
    turned off; elsewhere it decides afresh, and an override's select still works."""
    text = "overrides:\n  - files: [legacy/**]\n    ignore: [B101]\n    select: [C110]\n"
    loaded = loaded_from(tmp_path, text)
    assert "B101" not in enabled(loaded, "legacy/a.charter.yaml")
    assert enabled(loaded.with_cli(select=["B"]), "legacy/a.charter.yaml") == {"B104"}
    assert enabled(loaded.with_cli(select=["B"]), "a.charter.yaml") == {"B101", "B104"}


def test_a_bad_fail_level_on_the_command_line(tmp_path: Path) -> None:
    with pytest.raises(ClarityError, match=r"^--fail-level: unexpected value 'fatal'"):
        load_config(no_config=True, cwd=tmp_path).with_cli(fail_level="fatal")


OVERRIDES = """\
severity:
  C101: warning
overrides:
  - files: ["legacy/**"]
    ignore: [B]
    severity: {C1: info}
  - files: ["legacy/old/*.charter.yaml"]
    select: [B104]
    severity: {C101: error}
  - files: ["*.charter.md"]
    severity: {outcome-missing: info}
"""


@pytest.mark.parametrize(
    ("path", "severity", "b_rules"),
    [
        ("team.charter.yaml", "warning", {"B101", "B104"}),
        ("legacy/team.charter.yaml", "info", set()),
        ("legacy/deep/down/team.charter.yaml", "info", set()),
        ("legacy/old/team.charter.yaml", "error", {"B104"}),  # later overrides win
        ("docs/team.charter.md", "info", {"B101", "B104"}),  # by name, any depth
    ],
)
def test_overrides_apply_by_glob_in_order(
    tmp_path: Path, path: str, severity: str, b_rules: set[str]
) -> None:
    loaded = loaded_from(tmp_path, OVERRIDES)
    settings = loaded.settings_for(path)
    assert settings.severity("C101", "error", "outcome-missing") == severity
    assert settings.severity("B101", "error") == "error"
    assert {r for r in ("B101", "B104") if settings.enabled(r)} == b_rules


def test_override_globs_are_relative_to_the_configuration_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".clarity.yaml", "overrides:\n  - files: [legacy/**]\n    ignore: [ALL]\n")
    (tmp_path / "legacy").mkdir()
    monkeypatch.chdir(tmp_path / "legacy")
    loaded = load_config()
    assert loaded.relative("a.charter.yaml") == "legacy/a.charter.yaml"
    assert loaded.relative(tmp_path / "legacy" / "a.charter.yaml") == "legacy/a.charter.yaml"
    assert not loaded.settings_for("a.charter.yaml").enabled("C101")
    assert loaded.settings_for("../b.charter.yaml").enabled("C101")


def test_an_exclamation_mark_brings_a_file_back_as_in_gitignore(tmp_path: Path) -> None:
    loaded = loaded_from(tmp_path, "exclude: ['drafts/*', '!drafts/keep.charter.yaml']\n")
    assert loaded.excluded("drafts/a.charter.yaml")
    assert not loaded.excluded("drafts/keep.charter.yaml")


def test_include_and_exclude(tmp_path: Path) -> None:
    loaded = loaded_from(
        tmp_path, "include: ['*.team.yaml']\nexclude: [drafts, '**/*.old.team.yaml']\n"
    )
    assert loaded.included("a/b.team.yaml") and not loaded.included("a/b.charter.yaml")
    assert loaded.excluded("drafts/b.team.yaml") and loaded.excluded("x/drafts/b.team.yaml")
    assert loaded.excluded("x/b.old.team.yaml") and not loaded.excluded("x/b.team.yaml")


def test_rule_packs_are_relative_to_the_configuration_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "team-rules" / "extra.yaml", "rules: []\n")
    write(tmp_path / ".clarity.yaml", "rules: [team-rules]\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert load_config().packs == [tmp_path / "team-rules"]


def test_a_missing_rule_pack_is_a_located_error(tmp_path: Path) -> None:
    message = error_of(tmp_path, ".clarity.yaml", "rules:\n  - team-rules\n")
    assert message.startswith(".clarity.yaml:2:5: rules[0]: no such rule pack 'team-rules'")


# -- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "fail_levl: warning\n",
            ".clarity.yaml:1:1: fail_levl: unknown key 'fail_levl'; did you mean 'fail_level'?",
        ),
        (
            "fail_level: fatal\n",
            ".clarity.yaml:1:13: fail_level: unexpected value 'fatal'; "
            "use one of error, warning or info",
        ),
        (
            "severity:\n  C101: loud\n",
            ".clarity.yaml:2:9: severity.C101: unexpected value 'loud'; "
            "use one of error, warning or info",
        ),
        (
            "overrides:\n  - files: [a]\n    ignor: [C1]\n",
            ".clarity.yaml:3:5: overrides[0].ignor: unknown key 'ignor'; did you mean 'ignore'?",
        ),
        (
            "overrides:\n  - ignore: [C1]\n",
            ".clarity.yaml:2:5: overrides[0].files: a required key is missing; add 'files'",
        ),
        ("select: C1\n", ".clarity.yaml:1:9: select: expected a list, got text"),
        ("- C1\n", ".clarity.yaml:1:1: the configuration must be a mapping of settings"),
        ("select: [C1\n", ".clarity.yaml:1:9: not valid YAML"),
    ],
)
def test_bad_yaml_configuration_is_located(tmp_path: Path, text: str, expected: str) -> None:
    assert error_of(tmp_path, ".clarity.yaml", text).startswith(expected)


PYPROJECT = """\
[project]
name = "team"

[tool.clarity]
select = ["C1",
  "B101"]
{line}
"""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            'fail-level = "warning"',
            "pyproject.toml:7:1: fail-level: unknown key 'fail-level'; did you mean 'fail_level'?",
        ),
        (
            'fail_level = "fatal"',
            "pyproject.toml:7:14: fail_level: unexpected value 'fatal'; "
            "use one of error, warning or info",
        ),
        (
            '[tool.clarity.severity]\nC101 = "loud"',
            "pyproject.toml:8:8: severity.C101: unexpected value 'loud'",
        ),
        (
            '[[tool.clarity.overrides]]\nfiles = ["legacy/**"]\nignroe = ["C1"]',
            "pyproject.toml:9:1: overrides[0].ignroe: unknown key 'ignroe'; did you mean 'ignore'?",
        ),
        (
            '[[tool.clarity.overrides]]\nfiles = "legacy/**"',
            "pyproject.toml:8:9: overrides[0].files: expected a list, got text",
        ),
        ('save = "perhaps"', "pyproject.toml:7:8: save:"),
        ("fail_level = ", "pyproject.toml:7:14: not valid TOML: Invalid value"),
    ],
)
def test_bad_pyproject_configuration_is_located(tmp_path: Path, line: str, expected: str) -> None:
    message = error_of(tmp_path, "pyproject.toml", PYPROJECT.format(line=line))
    assert message.startswith(expected), message


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            ".clarity.yaml",
            "select:\n  - C1\n  - C1088\n",
            ".clarity.yaml:3:5: select[1]: unknown rule 'C1088'; did you mean 'C108'?",
        ),
        (
            ".clarity.yaml",
            "ignore: [outcome-mising]\n",
            ".clarity.yaml:1:10: ignore[0]: unknown rule 'outcome-mising'; "
            "did you mean 'outcome-missing'?",
        ),
        (
            ".clarity.yaml",
            "severity:\n  C1: info\n  X9: info\n",
            ".clarity.yaml:3:3: severity.X9: unknown rule 'X9'",
        ),
        (
            ".clarity.yaml",
            "overrides:\n  - files: [a]\n    select: [C9]\n",
            ".clarity.yaml:3:14: overrides[0].select[0]: unknown rule 'C9'",
        ),
        (
            "pyproject.toml",
            '[tool.clarity]\nselect = [\n  "C1",\n  "C1O1",\n]\n',
            "pyproject.toml:4:3: select[1]: unknown rule 'C1O1'; did you mean 'C101'?",
        ),
        (
            "pyproject.toml",
            '[tool.clarity]\nseverity = { C101 = "info", B1O4 = "info" }\n',
            "pyproject.toml:2:29: severity.B1O4: unknown rule 'B1O4'; did you mean 'B104'?",
        ),
    ],
)
def test_unknown_rules_are_located_with_a_suggestion(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    assert error_of(tmp_path, name, text, rules=True).startswith(expected)


def test_known_selectors_pass(tmp_path: Path) -> None:
    loaded = loaded_from(tmp_path, "select: [ALL, C, C1, C10, C101, outcome-missing]\n")
    loaded.with_cli(select=["B1"], ignore=["no-consequence"]).check_rules(IDS, NAMES)


def test_unknown_rules_on_the_command_line(tmp_path: Path) -> None:
    loaded = load_config(no_config=True, cwd=tmp_path).with_cli(ignore=["C102", "B1O1"])
    with pytest.raises(ClarityError) as caught:
        loaded.check_rules(IDS, NAMES)
    assert str(caught.value) == "--ignore: unknown rule 'B1O1'; did you mean 'B101'?"


# -- provenance ----------------------------------------------------------------------------


CONFIG = """\
select: [C1, B]
severity:
  C102: warning
fail_level: warning
overrides:
  - files: [legacy/**]
    ignore: [C1]
"""


def test_provenance_names_file_line_option_or_default(tmp_path: Path) -> None:
    loaded = loaded_from(tmp_path, CONFIG).with_cli(ignore=["B101"])
    rows = {(key, source): value for key, value, source in loaded.provenance()}
    assert rows[("config", "found")] == ".clarity.yaml"
    assert rows[("select", ".clarity.yaml:1")] == ["C1", "B"]
    assert rows[("severity.C102", ".clarity.yaml:3")] == "warning"
    assert rows[("fail_level", ".clarity.yaml:4")] == "warning"
    assert rows[("overrides[0]", ".clarity.yaml:6")] == {"files": ["legacy/**"], "ignore": ["C1"]}
    assert rows[("ignore", "default")] == []
    assert rows[("ignore", "--ignore")] == ["B101"]
    assert rows[("include", "default")] == ["*.charter.yaml", "*.charter.yml", "*.charter.md"]
