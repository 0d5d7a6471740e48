"""clarity rules list|show|validate|test, through typer's runner, on the built-in pack and on a
user's own pack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.rules.pack import builtin_pack_path, load_pack, say

runner = CliRunner()

TEAM_PACK = """\
name: team-rules
rules:
  - id: T101
    name: no-owner
    title: Nobody owns it
    dimension: boundaries
    severity: warning
    when: {missing: owner}
    message:
      leader: Nobody is named as the owner.
      report: You do not know who owns it.
    why: Work that belongs to everyone belongs to no one.
    fix: Name one person.
    examples:
      fire:
        - {owner: ""}
      pass:
        - {owner: Sam}
        - {}
  - id: T102
    name: soon-is-not-a-date
    title: The deadline is "soon"
    dimension: consequences
    severity: info
    when: {matches: {field: deadline, pattern: '\\bsoon\\b'}}
    message: The deadline says "soon".
    why: Soon is not a date.
    fix: Write a date.
    examples:
      fire:
        - {deadline: as soon as possible}
      pass:
        - {deadline: Friday 18:00}
"""


@pytest.fixture(autouse=True)
def _outside_any_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No configuration file of the working directory's may add rule packs."""
    monkeypatch.chdir(tmp_path)


def rules(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["rules", *args])


def write_pack(tmp_path: Path, text: str = TEAM_PACK, name: str = "team.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def position(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The 1-based line and column of the nth occurrence of needle in text."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


# --- list -----------------------------------------------------------------------------------


def test_list_shows_every_rule_in_a_table() -> None:
    pack = load_pack()
    result = rules("list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "DIMENSION", "SEVERITY", "TITLE"]
    for compiled in pack.rules:
        rule = compiled.rule
        (row,) = [line for line in lines if line.startswith(f"{rule.id} ")]
        assert row.split()[:4] == [rule.id, rule.name, rule.dimension, rule.severity]
        assert row.endswith(say(rule.title, "leader"))
    assert f"{len(pack.rules)} rules" in result.stdout


def test_list_as_json_is_versioned() -> None:
    result = rules("list", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert [r["id"] for r in data["rules"]] == [c.rule.id for c in load_pack().rules]
    c101 = next(r for r in data["rules"] if r["id"] == "C101")
    assert set(c101) == {"id", "name", "dimension", "severity", "title", "trap", "source"}
    assert (c101["name"], c101["dimension"], c101["severity"]) == (
        "outcome-missing",
        "consequences",
        "error",
    )


def test_list_layers_a_user_pack(tmp_path: Path) -> None:
    result = rules("list", "--rules", str(write_pack(tmp_path)))
    assert result.exit_code == 0, result.output
    assert "T101  no-owner" in result.stdout
    assert "C101" in result.stdout


def test_list_and_show_use_the_packs_of_the_configuration(tmp_path: Path) -> None:
    write_pack(tmp_path)
    (tmp_path / ".clarity.yaml").write_text("rules:\n  - team.yaml\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("fail_level: warning\n", encoding="utf-8")
    assert "T101  no-owner" in rules("list").stdout
    shown = rules("show", "T101")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("T101 · no-owner")
    for flags in (["--no-config"], ["--config", str(elsewhere)]):
        result = rules("show", "T101", *flags)
        assert result.exit_code == 2
        assert "unknown rule 'T101'" in result.stderr
        assert "T101" not in rules("list", *flags).stdout


def test_list_with_a_broken_configuration_says_where(tmp_path: Path) -> None:
    (tmp_path / ".clarity.yaml").write_text("rules:\n  - missing/\n", encoding="utf-8")
    result = rules("list")
    assert result.exit_code == 2
    assert ".clarity.yaml:2:5" in result.stderr
    assert "no such rule pack 'missing/'" in result.stderr


def test_pack_text_is_shown_as_data_not_terminal_codes(tmp_path: Path) -> None:
    evil = TEAM_PACK.replace("title: Nobody owns it", 'title: "Nobody \\e[31mowns\\u202e it"')
    result = rules("list", "--rules", str(write_pack(tmp_path, evil)))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "Nobody \\x1b[31mowns\\u202e it" in result.stdout


# --- show -----------------------------------------------------------------------------------


def test_show_explains_what_why_examples_and_fix() -> None:
    rule = load_pack().rule("C101")
    assert rule is not None
    result = rules("show", "C101")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"C101 · outcome-missing · {rule.rule.title}\n")
    assert "dimension: consequences · severity: error" in out
    sections = [
        "What it finds",
        "Why it matters",
        "Fails: the rule fires on",
        "Passes",
        "How to fix",
    ]
    assert [out.index(s) for s in sections] == sorted(out.index(s) for s in sections)
    fails = out[out.index("Fails") : out.index("Passes")]
    passes = out[out.index("Passes") : out.index("How to fix")]
    for example in rule.rule.examples.fire[:2]:
        for name in example:
            assert f"  {name}:" in fails
    for example in rule.rule.examples.pass_[:2]:
        for name, value in example.items():
            assert f"  {name}: {value}" in passes
    assert "Condition" not in out
    # Where it comes from, in words a user can place (no install path, no bare text id).
    assert out.rstrip().endswith(
        "Defined in the built-in pack (consequences.yaml:"
        + out.rsplit("consequences.yaml:", 1)[1].split(")")[0]
        + ")\nBased on: the clarity test, its three questions and its traps"
    )
    assert "site-packages" not in out and "source: 003" not in out


def test_show_verbose_gives_every_example_and_the_condition(tmp_path: Path) -> None:
    many = TEAM_PACK.replace(
        "        - {deadline: as soon as possible}\n",
        "".join(f"        - {{deadline: soon number {n}}}\n" for n in range(1, 6)),
    )
    pack = str(write_pack(tmp_path, many))
    short = rules("show", "T102", "--rules", pack)
    assert short.exit_code == 0, short.output
    assert "deadline: soon number 2" in short.stdout
    assert "deadline: soon number 3" not in short.stdout
    assert "... and 3 more (--verbose shows them all)" in short.stdout
    full = rules("show", "T102", "--rules", pack, "--verbose")
    assert full.exit_code == 0, full.output
    assert "deadline: soon number 5" in full.stdout
    assert "more (--verbose" not in full.stdout
    condition = full.stdout[full.stdout.index("Condition") :]
    assert "  matches:\n    field: deadline\n    pattern: \\bsoon\\b\n" in condition


def test_show_gives_both_wordings_where_they_differ(tmp_path: Path) -> None:
    result = rules("show", "T101", "--rules", str(write_pack(tmp_path)))
    assert result.exit_code == 0, result.output
    assert "To the leader: Nobody is named as the owner." in result.stdout
    assert "To the report: You do not know who owns it." in result.stdout
    # The same text for both is said once.
    assert "  Name one person." in result.stdout
    assert "To the leader: Name one person." not in result.stdout


@pytest.mark.parametrize("wanted", ["C101", "c101", "outcome-missing", "OUTCOME-MISSING"])
def test_show_finds_a_rule_by_id_or_name_in_any_case(wanted: str) -> None:
    result = rules("show", wanted)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("C101 · outcome-missing")


@pytest.mark.parametrize(
    ("wanted", "meant"), [("C1O1", "C101"), ("outcome-mising", "outcome-missing")]
)
def test_show_unknown_rule_is_a_usage_error_with_a_suggestion(wanted: str, meant: str) -> None:
    result = rules("show", wanted)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"unknown rule '{wanted}'" in result.stderr
    assert f"did you mean '{meant}'?" in result.stderr
    assert "Traceback" not in result.output


def test_show_as_json(tmp_path: Path) -> None:
    result = rules("show", "t101", "--rules", str(write_pack(tmp_path)), "--format", "json")
    assert result.exit_code == 0, result.output
    rule = json.loads(result.stdout)["rule"]
    assert rule["id"] == "T101"
    assert rule["message"] == {
        "leader": "Nobody is named as the owner.",
        "report": "You do not know who owns it.",
    }
    assert rule["fix"] == {"leader": "Name one person.", "report": "Name one person."}
    assert rule["examples"] == {"fire": [{"owner": ""}], "pass": [{"owner": "Sam"}, {}]}
    assert rule["when"] == {"missing": "owner"}
    assert rule["defined_at"] == f"{tmp_path / 'team.yaml'}:3:5"


def test_show_uses_the_leaders_wording_of_the_builtin_pack() -> None:
    compiled = load_pack().rule("C101")
    assert compiled is not None
    result = rules("show", "C101")
    leader = say(compiled.rule.message, "leader")
    assert " ".join(leader.split()[:4]) in " ".join(result.stdout.split())


def test_show_says_how_a_rule_judged_by_meaning_decides() -> None:
    from clarity.core.judge.banks import load_bank

    bank = load_bank(builtin_pack_path() / "banks" / "B107.yaml")
    assert bank.agree is not None and bank.confirm is not None and bank.ask_from is not None
    result = rules("show", "B107")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    judged = text[text.index("How it is judged") : text.index("How to fix")]
    assert "an answer of decides_alone is judged so" in judged
    assert "the bank banks/B107.yaml of the built-in pack" in judged
    assert f"It fires from a score of {bank.threshold:.2f}" in judged
    assert f'from {bank.confirm.start:.2f} when the answer holds one of the words "need"' in judged
    (first, at), (second, then) = bank.agree.judges
    assert (
        f"from {bank.agree.start:.2f} when, on the same answer, {first} reaches {at:.2f}, "
        f"{second} reaches {then:.2f}, unless it holds one of" in judged
    )
    assert f"Its follow-up question is asked from {bank.ask_from:.2f}." in judged
    data = json.loads(rules("show", "B107", "--format", "json").stdout)["rule"]["judged_by"]
    assert [(j["bank"], j["fields"], j["asked"]) for j in data] == [
        ("B107", ["decides_alone"], True)
    ]
    assert data[0]["agreed_by"]["judges"] == dict(bank.agree.judges)
    assert data[0]["threshold"] == bank.threshold


def test_show_names_a_user_bank_by_its_path_and_a_rule_without_one_has_none(
    tmp_path: Path,
) -> None:
    (tmp_path / "banks").mkdir()
    bank = tmp_path / "banks" / "vague-goal.yaml"
    bank.write_text(
        "field: outcome\nthreshold: 0.7\nfire: [make it nicer, get better at stuff]\n"
        "pass: [churn under 2% by June, 40 demos booked]\n",
        encoding="utf-8",
    )
    pack = write_pack(
        tmp_path,
        TEAM_PACK.replace(
            "when: {missing: owner}",
            "when: {means: {field: outcome, bank: vague-goal, every: true}}",
        ),
    )
    text = " ".join(rules("show", "T101", "--rules", str(pack)).stdout.split())
    assert (
        f"every answer of outcome is judged so by a classifier trained on the bank {bank}" in text
    )
    assert "(2 phrasings that fire, 2 near-misses)" in text
    assert "It fires from a score of 0.70." in text
    assert "follow-up" not in text  # (the rule asks none)
    data = json.loads(rules("show", "T102", "--rules", str(pack), "-f", "json").stdout)
    assert data["rule"]["judged_by"] == []
    assert "How it is judged" not in rules("show", "T102", "--rules", str(pack)).stdout


# --- validate -------------------------------------------------------------------------------


def test_validate_a_valid_pack(tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    result = rules("validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: 2 rules, 0 questions: valid\n"


def test_validate_the_builtin_pack() -> None:
    folder = builtin_pack_path()
    result = rules("validate", str(folder))
    assert result.exit_code == 0, result.output
    count = len(load_pack().rules)
    assert result.stdout.startswith(f"{folder}: {count} rules, ")
    assert result.stdout.endswith(" questions: valid\n")


@pytest.mark.parametrize(
    ("change", "needle", "key", "says"),
    [
        (
            ("'\\bsoon\\b'", "'(a'"),
            "'(a'",
            "rules[1].when.matches.pattern",
            "invalid pattern '(a'",
        ),
        (
            ("{missing: owner}", "{missing: ownr}"),
            "ownr",
            "rules[0].when.missing",
            "unknown field 'ownr'; did you mean 'owner'?",
        ),
        (
            ("severity: info", "severity: fatal"),
            "fatal",
            "rules[1].severity",
            "unexpected value 'fatal'",
        ),
        (
            ("{owner: Sam}", "{owner: Sam, agreed_upfront: maybe}"),
            "maybe",
            "rules[0].examples.pass[0].agreed_upfront",
            "expected yes or no, got 'maybe'",
        ),
        (
            ("{owner: Sam}", "{ownr: Sam}"),
            "ownr",
            "rules[0].examples.pass[0].ownr",
            "unknown key 'ownr'; did you mean 'owner'?",
        ),
    ],
)
def test_validate_names_file_line_column_and_key(
    tmp_path: Path, change: tuple[str, str], needle: str, key: str, says: str
) -> None:
    text = TEAM_PACK.replace(*change)
    assert text != TEAM_PACK
    path = write_pack(tmp_path, text)
    result = rules("validate", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    line, column = position(text, needle)
    (message,) = result.stderr.splitlines()
    assert message.startswith(f"clarity: error: {path}:{line}:{column}: {key}: ")
    assert says in message


def test_validate_reports_each_pack(tmp_path: Path) -> None:
    good = write_pack(tmp_path)
    bad = write_pack(tmp_path, TEAM_PACK.replace("{missing: owner}", "{missing: ownr}"), "bad.yaml")
    result = rules("validate", str(bad), str(good))
    assert result.exit_code == 2
    assert result.stdout == f"{good}: 2 rules, 0 questions: valid\n"
    assert str(bad) in result.stderr


def test_validate_missing_path(tmp_path: Path) -> None:
    result = rules("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "nope.yaml: no such file" in result.stderr


def test_validate_checks_references_against_the_builtin_pack(tmp_path: Path) -> None:
    text = TEAM_PACK.replace("    severity: warning\n", "    severity: warning\n    trap: hubris\n")
    result = rules("validate", str(write_pack(tmp_path, text)))
    assert result.exit_code == 2
    assert "unknown trap 'hubris'" in result.stderr
    assert "micromanaging" in result.stderr  # the built-in traps are the known ones


# --- test -----------------------------------------------------------------------------------


def test_test_passes_when_every_example_does(tmp_path: Path) -> None:
    result = rules("test", str(write_pack(tmp_path)))
    assert result.exit_code == 0, result.output
    assert result.stdout == "5 examples, 0 failed\n"


def test_test_names_each_failing_example_where_it_is(tmp_path: Path) -> None:
    text = TEAM_PACK.replace("{deadline: as soon as possible}", "{deadline: next week}").replace(
        "{deadline: Friday 18:00}", "{deadline: soon}"
    )
    path = write_pack(tmp_path, text)
    result = rules("test", str(path))
    assert result.exit_code == 1
    fire_line, fire_col = position(text, "{deadline: next week}")
    pass_line, pass_col = position(text, "{deadline: soon}")
    assert result.stdout.splitlines() == [
        f"{path}:{fire_line}:{fire_col}: T102 examples.fire[0]: "
        "did not fire (a 'fire' example must fire the rule)",
        f"{path}:{pass_line}:{pass_col}: T102 examples.pass[0]: "
        "fired on 'deadline' (a 'pass' example must not fire the rule)",
        "5 examples, 2 failed",
    ]


def test_test_verbose_lists_passing_examples_too(tmp_path: Path) -> None:
    path = write_pack(tmp_path)
    result = rules("test", "--verbose", str(path))
    assert result.exit_code == 0
    line, col = position(TEAM_PACK, '{owner: ""}')
    assert f"{path}:{line}:{col}: T101 examples.fire[0]: ok" in result.stdout


def test_test_on_an_invalid_pack_is_a_usage_error(tmp_path: Path) -> None:
    path = write_pack(tmp_path, TEAM_PACK.replace("'\\bsoon\\b'", "'(a'"))
    result = rules("test", str(path))
    assert result.exit_code == 2
    assert "invalid pattern '(a'" in result.stderr


def test_test_a_folder_pack(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    write_pack(folder)
    second = (
        TEAM_PACK.replace("T101", "T201").replace("T102", "T202").replace("name: team-rules\n", "")
    )
    write_pack(folder, second, "more.yaml")
    result = rules("test", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout == "10 examples, 0 failed\n"


def test_test_the_builtin_pack() -> None:
    result = rules("test", str(builtin_pack_path()))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.endswith(", 0 failed\n")
