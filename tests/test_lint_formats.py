"""The machine formats of `clarity lint` (SARIF, GitHub annotations, JUnit), from LintRun values."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from clarity import __version__
from clarity.cli.render import github, junit, sarif
from clarity.core.rules.pack import Examples, Rule, Worded, load_pack
from clarity.core.scoring.findings import Diagnostic, FileResult, LintFinding, LintRun

#: The official SARIF 2.1.0 schema, as published; the repository carries its own copy.
SCHEMA = Path(__file__).resolve().parent / "fixtures" / "sarif-schema-2.1.0.json"

HOSTILE_TASK = (
    "Pay [bold]x[/] \x1b[31mred\u202e, 100%: done\r\n::set-output name=a::b\n::add-mask::"
)
FORGED = ("::set-output", "::add-mask", "::warning::forged", "::error::forged", "::stop-commands")
# Characters no output may carry raw: ESC and other controls, bidi overrides, lone surrogates.
RAW_UNSAFE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def make_rule(rule_id: str, name: str, severity: str, dimension: str = "consequences") -> Rule:
    return Rule(
        id=rule_id,
        name=name,
        title=f"Title of {name}",
        dimension=dimension,
        severity=severity,
        trap=None,
        field=None,
        when={"missing": "outcome"},
        message=Worded(f"Leader says {name}.", f"Report says {name}."),
        why=f"Because {name} matters.",
        fix=f"Do the {name} thing.",
        examples=Examples([{"outcome": ""}], [{"outcome": "done"}]),
        reads=("outcome",),
    )


RULES = [
    make_rule("C101", "outcome-missing", "error"),
    make_rule("B101", "decides-alone-missing", "warning", "boundaries"),
    make_rule("C105", "check-in-vague", "info"),
]


def finding(
    path: str,
    line: int,
    column: int,
    delegation: str,
    rule: Rule,
    *,
    severity: str | None = None,
) -> LintFinding:
    return LintFinding(
        path=path,
        line=line,
        column=column,
        delegation=delegation,
        field="outcome",
        rule=rule.id,
        name=rule.name,
        title=rule.title,
        dimension=rule.dimension,
        severity=severity or rule.severity,
        message=f"Leader says {rule.name}.",
        why=f"Because {rule.name} matters.",
        fix=f"Do the {rule.name} thing.",
    )


C101, B101, C105 = RULES
TEAM = "charters/team a.charter.yaml"
ODD = "odd,dir:%/b.charter.md"
USER_RULE = make_rule("X901", "house-rule", "warning")


def sample_run(fail_level: str = "error") -> LintRun:
    """Several files, every severity, a rule from an unlisted pack, diagnostics, hostile text."""
    return LintRun(
        files=[
            FileResult(
                path="broken.charter.yaml",
                diagnostics=[
                    Diagnostic(
                        "broken.charter.yaml",
                        2,
                        7,
                        "mapping values are not allowed\n::error::forged",
                    )
                ],
            ),
            FileResult(path="clean.charter.yaml", delegations=2),
            FileResult(
                path=TEAM,
                delegations=3,
                findings=[
                    finding(TEAM, 3, 5, "Ship the release", C101),
                    finding(TEAM, 7, 3, "Ship the release", B101),
                    finding(TEAM, 12, 1, HOSTILE_TASK, C105),
                    finding(TEAM, 14, 9, HOSTILE_TASK, USER_RULE),
                ],
            ),
            FileResult(
                path=ODD,
                delegations=2,
                findings=[
                    finding(ODD, 4, 1, "::warning::forged", C101),
                    finding(ODD, 9, 1, "::warning::forged", C101),
                ],
            ),
            FileResult(
                path="unreadable.charter.md",
                diagnostics=[Diagnostic("unreadable.charter.md", None, None, "permission denied")],
            ),
        ],
        fail_level=fail_level,
    )


def all_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *all_strings(v))]
    if isinstance(value, list):
        return [s for item in value for s in all_strings(item)]
    return []


# SARIF ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    from jsonschema.validators import validator_for

    if not SCHEMA.is_file():
        pytest.fail(
            f"the official SARIF 2.1.0 schema is missing: expected {SCHEMA} (tests/fixtures/)"
        )
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    if "properties" not in schema and "Root" in schema.get("definitions", {}):
        # This copy keeps the log's own constraints in definitions/Root and does not refer to
        # them: as it is, it would accept anything. Validate against the root definition.
        schema = {**schema, "allOf": [{"$ref": "#/definitions/Root"}]}
    cls = validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    assert not validator.is_valid({}), "the SARIF schema accepts an empty object"
    return validator


def validate_sarif(validator: Any, text: str) -> dict[str, Any]:
    log = json.loads(text)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    return log  # type: ignore[no-any-return]


def test_sarif_validates_against_the_official_schema(sarif_validator: Any) -> None:
    log = validate_sarif(sarif_validator, sarif.render(sample_run(), RULES))
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "clarity"
    assert driver["version"] == __version__


def test_sarif_schema_check_can_fail(sarif_validator: Any) -> None:
    log = json.loads(sarif.render(sample_run(), RULES))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(sarif_validator.iter_errors(log))


def test_sarif_clean_run_validates_and_succeeds(sarif_validator: Any) -> None:
    run = LintRun(files=[FileResult(path="a.charter.yaml", delegations=1)])
    log = validate_sarif(sarif_validator, sarif.render(run, RULES))
    assert log["runs"][0]["results"] == []
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["toolExecutionNotifications"] == []


def test_sarif_carries_rule_metadata() -> None:
    log = json.loads(sarif.render(sample_run(), RULES))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["C101", "B101", "C105", "X901"]
    c101 = rules[0]
    assert c101["name"] == "outcome-missing"
    assert c101["shortDescription"]["text"] == "Title of outcome-missing"
    assert c101["fullDescription"]["text"] == "Leader says outcome-missing."
    assert "Because outcome-missing matters." in c101["help"]["text"]
    assert "Do the outcome-missing thing." in c101["help"]["text"]
    assert "Do the outcome-missing thing." in c101["help"]["markdown"]
    assert c101["properties"]["dimension"] == "consequences"
    assert "consequences" in c101["properties"]["tags"]
    assert rules[1]["properties"]["dimension"] == "boundaries"
    levels = [r["defaultConfiguration"]["level"] for r in rules[:3]]
    assert levels == ["error", "warning", "note"]


def test_sarif_results_point_at_their_rule_and_line() -> None:
    log = json.loads(sarif.render(sample_run(), RULES))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == 6
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    first = results[0]
    assert first["ruleId"] == "C101"
    assert first["level"] == "error"
    assert first["message"]["text"] == "Leader says outcome-missing. (delegation: Ship the release)"
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {
        "uri": "charters/team%20a.charter.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert physical["region"] == {"startLine": 3, "startColumn": 5}
    assert [r["level"] for r in results] == [
        "error",
        "warning",
        "note",
        "warning",
        "error",
        "error",
    ]
    assert results[3]["ruleId"] == "X901"


@pytest.mark.parametrize("path", [TEAM, ODD, "a b/#c?d.charter.yaml", "dir/ünï.charter.md"])
def test_sarif_uris_are_relative_references_that_decode_to_the_path(path: str) -> None:
    location = sarif.artifact_location(path)
    uri = location["uri"]
    assert location["uriBaseId"] == "%SRCROOT%"
    split = urlsplit(uri)
    assert (split.scheme, split.netloc, split.query, split.fragment) == ("", "", "", "")
    assert re.fullmatch(r"[A-Za-z0-9/!$&'()*+,;=@._~%-]+", uri)
    assert unquote(uri) == path


def test_sarif_absolute_paths_are_file_uris(tmp_path: Path) -> None:
    path = tmp_path / "x y.charter.yaml"
    location = sarif.artifact_location(str(path))
    assert location == {"uri": path.as_uri()}
    assert location["uri"].startswith("file:///")


def test_sarif_fingerprints_survive_line_moves_and_tell_findings_apart() -> None:
    run = sample_run()
    prints = [
        r["partialFingerprints"] for r in json.loads(sarif.render(run, RULES))["runs"][0]["results"]
    ]
    values = [p["clarity/v1"] for p in prints]
    assert len(set(values)) == len(values)
    moved = LintRun(
        files=[
            result.replace(
                findings=[f.replace(line=f.line + 40, column=1) for f in result.findings]
            )
            for result in run.files
        ]
    )
    moved_prints = [
        r["partialFingerprints"]
        for r in json.loads(sarif.render(moved, RULES))["runs"][0]["results"]
    ]
    assert moved_prints == prints
    renamed = run.findings[0].replace(delegation="Ship the other release")
    assert sarif.fingerprint(renamed, 0) != sarif.fingerprint(run.findings[0], 0)
    other_file = run.findings[0].replace(path="other.charter.yaml")
    assert sarif.fingerprint(other_file, 0) != sarif.fingerprint(run.findings[0], 0)


def test_sarif_reports_diagnostics_as_failed_execution() -> None:
    log = json.loads(sarif.render(sample_run(), RULES))
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "error"]
    assert notes[0]["descriptor"]["id"] == "parse-error"
    assert notes[0]["message"]["text"].startswith("mapping values are not allowed")
    physical = notes[0]["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "broken.charter.yaml"
    assert physical["region"] == {"startLine": 2, "startColumn": 7}
    assert "region" not in notes[1]["locations"][0]["physicalLocation"]


def test_sarif_shows_hostile_text_as_data() -> None:
    text = sarif.render(sample_run(), RULES)
    assert not RAW_UNSAFE.search(text)
    strings = all_strings(json.loads(text))
    assert not any(RAW_UNSAFE.search(s) for s in strings)
    messages = [s for s in strings if "Pay [bold]x[/]" in s]
    assert messages
    assert all("\\x1b[31m" in s and "\\u202e" in s for s in messages)


def test_sarif_output_is_stable() -> None:
    assert sarif.render(sample_run(), RULES) == sarif.render(sample_run(), list(RULES))


def test_sarif_with_the_real_rule_files(sarif_validator: Any) -> None:
    rules = [compiled.rule for compiled in load_pack([], plugins=False).rules]
    assert rules
    run = LintRun(files=[FileResult(TEAM, 1, [finding(TEAM, 2, 3, "Ship", rules[0])])])
    log = validate_sarif(sarif_validator, sarif.render(run, rules))
    descriptors = log["runs"][0]["tool"]["driver"]["rules"]
    assert [d["id"] for d in descriptors] == [r.id for r in rules]
    assert log["runs"][0]["results"][0]["ruleIndex"] == 0


# GitHub annotations -------------------------------------------------------------------------

LINE = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


def unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse_annotations(text: str) -> list[tuple[str, dict[str, str], str]]:
    parsed = []
    for line in text.splitlines():
        match = LINE.fullmatch(line)
        assert match, f"not a workflow command: {line!r}"
        props = dict(item.split("=", 1) for item in match.group(2).split(","))
        parsed.append(
            (match.group(1), {k: unescape(v) for k, v in props.items()}, unescape(match.group(3)))
        )
    return parsed


def test_github_writes_one_annotation_per_finding_and_diagnostic() -> None:
    run = sample_run()
    text = github.render(run, RULES)
    assert text.endswith("\n")
    annotations = parse_annotations(text)
    assert len(annotations) == len(run.findings) + len(run.diagnostics)
    kind, props, message = annotations[0]
    assert kind == "error"
    assert props == {
        "file": "broken.charter.yaml",
        "line": "2",
        "col": "7",
        "title": "clarity parse-error",
    }
    assert message == "mapping values are not allowed\n::error::forged"
    kind, props, message = annotations[1]
    assert kind == "error"
    assert props == {"file": TEAM, "line": "3", "col": "5", "title": "C101 outcome-missing"}
    assert message == "Leader says outcome-missing. (delegation: Ship the release)"
    assert [a[0] for a in annotations] == [
        "error", "error", "warning", "notice", "warning", "error", "error", "error"
    ]  # fmt: skip
    odd = annotations[5][1]
    assert odd["file"] == ODD
    assert "file=odd%2Cdir%3A%25/b.charter.md,line=4,col=1," in text.splitlines()[5]
    assert annotations[-1][1] == {"file": "unreadable.charter.md", "title": "clarity parse-error"}


def test_github_no_user_text_can_begin_a_line_or_forge_a_command() -> None:
    text = github.render(sample_run(), RULES)
    assert "\r" not in text
    lines = text.split("\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        assert re.match(r"::(error|warning|notice) file=", line), line
        assert not line.startswith(FORGED)
    assert not RAW_UNSAFE.search(text)
    hostile = parse_annotations(text)[3][2]
    assert "\\x1b[31m" in hostile and "\\u202e" in hostile and "\\x0d" in hostile
    assert "[bold]x[/]" in hostile and "100%: done" in hostile


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\nb", "a%0Ab", "a%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("%0A", "%250A", "%250A"),
        ("x\r", "x\\x0d", "x\\x0d"),
        ("\u2028::add-mask::", "\\u2028::add-mask::", "\\u2028%3A%3Aadd-mask%3A%3A"),
        ("\x1b]8;;http://x\x07", "\\x1b]8;;http://x\\x07", "\\x1b]8;;http%3A//x\\x07"),
    ],
)
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert github.escape_data(raw) == data
    assert github.escape_property(raw) == prop


def test_github_is_silent_when_clean_and_stable() -> None:
    clean = LintRun(files=[FileResult(path="a.charter.yaml", delegations=3)])
    assert github.render(clean, RULES) == ""
    assert github.render(sample_run(), RULES) == github.render(sample_run(), RULES)


# JUnit ---------------------------------------------------------------------------------------

XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def parse_junit(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert not XML_ILLEGAL.search(text)
    return ET.fromstring(text.encode("utf-8"))


def check_counts(root: ET.Element) -> None:
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(1 for c in cases if c.find("failure") is not None),
            "errors": sum(1 for c in cases if c.find("error") is not None),
        }
        assert {k: int(suite.get(k, "-1")) for k in counts} == counts, suite.get("name")
        for case in cases:
            assert len(case.findall("failure")) + len(case.findall("error")) <= 1
        for key in totals:
            totals[key] += counts[key]
    assert {k: int(root.get(k, "-1")) for k in totals} == totals


def test_junit_parses_with_consistent_counts() -> None:
    root = parse_junit(junit.render(sample_run(), RULES))
    check_counts(root)
    assert root.tag == "testsuites"
    assert root.get("name") == "clarity"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "broken.charter.yaml", "clean.charter.yaml", TEAM, ODD, "unreadable.charter.md"
    ]  # fmt: skip
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("8", "3", "2")


def test_junit_one_case_per_delegation_failing_at_the_fail_level() -> None:
    root = parse_junit(junit.render(sample_run(), RULES))
    team = root.findall("testsuite")[2]
    cases = team.findall("testcase")
    assert [c.get("classname") for c in cases] == [TEAM] * 3
    ship, hostile, rest = cases
    assert ship.get("name") == "Ship the release"
    assert ship.get("line") == "3"
    failure = ship.find("failure")
    assert failure is not None
    assert failure.get("type") == "C101"
    assert failure.get("message") == "C101 outcome-missing: Leader says outcome-missing."
    body = failure.text or ""
    assert f"{TEAM}:3:5: error C101 outcome-missing (field: outcome)" in body
    assert "Why: Because outcome-missing matters." in body
    assert "Fix: Do the outcome-missing thing." in body
    assert "B101" not in body
    below = ship.find("system-out")
    assert below is not None and "warning B101 decides-alone-missing" in (below.text or "")
    assert hostile.find("failure") is None
    assert "C105" in (hostile.findtext("system-out") or "")
    assert rest.get("name") == "1 delegation without findings"
    assert list(rest) == []


def test_junit_gathers_several_failures_into_one() -> None:
    root = parse_junit(junit.render(sample_run("info"), RULES))
    check_counts(root)
    team = root.findall("testsuite")[2]
    ship = team.findall("testcase")[0]
    failure = ship.find("failure")
    assert failure is not None
    assert failure.get("type") == "C101,B101"
    assert failure.get("message") == "2 findings: C101 outcome-missing, B101 decides-alone-missing"
    assert ship.find("system-out") is None
    assert team.get("failures") == "2"
    odd = root.findall("testsuite")[3].findall("testcase")
    # The same rule twice under one task: two delegations that share a task, two test cases.
    assert [c.get("name") for c in odd] == ["::warning::forged"] * 2
    assert [c.get("line") for c in odd] == ["4", "9"]
    assert [c.find("failure") is not None for c in odd] == [True, True]


def test_junit_reports_diagnostics_as_errors() -> None:
    root = parse_junit(junit.render(sample_run(), RULES))
    broken = root.findall("testsuite")[0]
    (case,) = broken.findall("testcase")
    error = case.find("error")
    assert error is not None
    assert error.get("type") == "parse-error"
    assert error.get("message") == "mapping values are not allowed\\n::error::forged"
    assert (error.text or "").startswith("broken.charter.yaml:2:7: mapping values")
    clean = root.findall("testsuite")[1]
    assert [c.get("name") for c in clean.findall("testcase")] == ["2 delegations without findings"]


def test_junit_shows_hostile_text_as_data() -> None:
    text = junit.render(sample_run(), RULES)
    root = parse_junit(text)
    hostile = root.findall("testsuite")[2].findall("testcase")[1]
    name = hostile.get("name") or ""
    assert "\n" not in name and "\x1b" not in name and "\u202e" not in name
    assert "[bold]x[/]" in name and "\\x1b[31m" in name and "\\u202e" in name
    assert not RAW_UNSAFE.search(text)
    nasty = LintRun(
        files=[
            FileResult(
                "x.charter.yaml",
                1,
                [finding("x.charter.yaml", 1, 1, "a\x00b\x0bc\ufffed\ud800e", C101)],
            )
        ]
    )
    case = parse_junit(junit.render(nasty, RULES)).find("testsuite/testcase")
    assert case is not None
    assert case.get("name") == "a\\x00b\\x0bc\\ufffed\\ud800e"


def test_junit_empty_run_and_stability() -> None:
    root = parse_junit(junit.render(LintRun(), RULES))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("0", "0", "0")
    assert junit.render(sample_run(), RULES) == junit.render(sample_run(), RULES)


def test_sarif_lists_each_rule_once() -> None:
    log = json.loads(sarif.render(sample_run(), [*RULES, RULES[0]]))
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == ["C101", "B101", "C105", "X901"]


@pytest.mark.parametrize("module", [sarif, github, junit])
def test_undecodable_names_still_render_as_utf8(module: Any) -> None:
    path = "bad\udcff.charter.yaml"  # a file name that was not UTF-8, as os.fsdecode gives it
    run = LintRun(
        files=[
            FileResult(path, 1, [finding(path, 1, 1, "task \ud800", C101)]),
            FileResult(path, diagnostics=[Diagnostic(path, 1, 1, "bad \udcff")]),
        ]
    )
    text = module.render(run, RULES)
    text.encode("utf-8")
    assert "\\udcff" in text or "%FF" in text
