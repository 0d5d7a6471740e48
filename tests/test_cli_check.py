"""clarity check from the command line (typer's runner): formats, exit codes, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from tests.conftest import EXAMPLES

runner = CliRunner()
MISSED = str(EXAMPLES / "missed-deadline.yaml")
ASKING = str(EXAMPLES / "asking-for-autonomy.yaml")
HARMONY = str(EXAMPLES / "in-harmony.yaml")


def check(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["check", *args], input=input)


def as_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = check(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_text_report_puts_the_verdict_first() -> None:
    result = check("--answers", MISSED)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines[1].startswith("Verdict: consequences")
    assert "It needs clearer consequences" in result.stdout
    assert "Autonomy" in result.stdout and "Accountability" in result.stdout
    assert "C108" in result.stdout
    assert "I'll be disappointed" in check("--answers", MISSED, "--detail").stdout


def test_json_report_is_versioned_and_complete() -> None:
    data = as_json("--answers", MISSED)
    assert data["version"] == 1
    assert data["verdict"] == "consequences"
    assert set(data["scores"]) >= {"autonomy", "accountability", "autonomy_outruns_accountability"}
    assert 0 <= data["scores"]["autonomy"] <= 100
    assert 0 <= data["scores"]["accountability"] <= 100
    assert data["scores"]["autonomy_outruns_accountability"] is True
    rules = {f["rule"] for f in data["findings"]}
    assert {"C102", "C106", "C108"} <= rules
    for finding in data["findings"]:
        assert set(finding) >= {"rule", "dimension", "severity", "message", "why", "fix", "answer"}
        assert finding["dimension"] == "consequences"


def test_healthy_delegation_is_in_harmony() -> None:
    data = as_json("--answers", HARMONY)
    assert data["verdict"] == "in-harmony"
    assert data["findings"] == []
    assert data["scores"]["autonomy_outruns_accountability"] is False


def test_report_perspective_changes_the_advice() -> None:
    report = as_json("--answers", ASKING)
    assert report["perspective"] == "report"
    assert report["verdict"] == "boundaries"
    assert {a["id"] for a in report["advice"]} >= {"pilot", "coaching"}
    leader = as_json("--answers", ASKING, "--as", "leader")
    assert leader["perspective"] == "leader"
    assert not {a["id"] for a in leader["advice"]} & {"pilot", "coaching"}
    same = {f["rule"]: f["fix"] for f in report["findings"]}
    other = {f["rule"]: f["fix"] for f in leader["findings"]}
    assert same.keys() == other.keys()
    assert same != other


def test_markdown_report(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = check("--answers", MISSED, "--format", "markdown", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_text()
    assert text.startswith("# Clarity check: Redesign the customer onboarding emails")
    assert "## Verdict: `consequences`" in text
    assert "C108" in text


def test_strict_exits_1_unless_in_harmony() -> None:
    assert check("--answers", MISSED, "--strict").exit_code == 1
    assert check("--answers", HARMONY, "--strict").exit_code == 0
    assert check("--answers", MISSED).exit_code == 0


def test_answers_from_stdin() -> None:
    text = Path(HARMONY).read_text()
    result = check("--answers", "-", "--format", "json", input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["verdict"] == "in-harmony"


def test_set_overrides_the_file_and_task_argument_sets_the_task() -> None:
    data = as_json("New task name", "--answers", HARMONY, "--set", "consequences=we'll see")
    assert data["task"] == "New task name"
    assert "C108" in {f["rule"] for f in data["findings"]}


def test_sets_alone_are_enough_when_complete() -> None:
    args = [
        "--set",
        "task=Forecast",
        "--set",
        "outcome=Forecast within 5% of actuals for every region",
        "--set",
        "deadline=2026-12-15",
        "--set",
        "quality=Reviewed by finance; every assumption sourced",
        "--set",
        "consequences=we will figure it out",
        "--set",
        "agreed_upfront=no",
        "--set",
        "can_fail_differently=yes",
    ]
    data = as_json(*args)
    assert data["verdict"] in {"consequences", "both"}


def test_answers_left_out_are_unknown_and_not_failures(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("task: x\noutcome: 30 new stockists signed by 1 March\n")
    result = check("--answers", str(answers), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    unknown = [item["field"] for item in report["unknown"]]
    assert "can_fail_differently" in unknown and "deadline" in unknown
    assert "outcome" not in unknown
    assert report["verdict"] == "in-harmony", "questions not asked are not failures"
    assert not [f for f in report["findings"] if f["field"] in unknown]
    text = check("--answers", str(answers))
    assert "Not asked" in text.stdout and "deadline" in text.stdout
    text = check("--answers", str(answers), "--detail")
    assert "Not asked" in text.stdout and "deadline: By when is it due?" in text.stdout


def test_what_the_answers_given_show_stands_though_others_were_not_asked(
    tmp_path: Path,
) -> None:
    """An impossible deadline is a finding whether or not review dates were asked (C115 reads
    both); a rule that reads what is missing (no review dates, C111) waits for the answer."""
    answers = tmp_path / "a.yaml"
    answers.write_text("task: x\ndeadline: 2027-02-30\n")
    report = json.loads(check("--answers", str(answers), "--format", "json").stdout)
    assert "checkpoints" in [item["field"] for item in report["unknown"]]
    assert [f["rule"] for f in report["findings"]] == ["C115"]
    assert report["verdict"] == "consequences"
    assert report["scores"]["accountability"] == 0  # (an impossible date is no deadline)
    answers.write_text("task: x\ndeadline: 2027-02-28\n")
    report = json.loads(check("--answers", str(answers), "--format", "json").stdout)
    assert report["findings"] == [] and report["scores"]["accountability"] == 100
    answers.write_text("task: x\ndeadline: 2027-03-31\ncheckpoints: [2027-01-15, 2027-02-29]\n")
    report = json.loads(check("--answers", str(answers), "--format", "json").stdout)
    (finding,) = report["findings"]
    assert (finding["rule"], finding["field"]) == ("C115", "checkpoints")
    assert "a review" in finding["message"]


def test_an_answer_given_empty_is_an_answer(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("task: x\noutcome: 30 new stockists signed by 1 March\ndeadline:\n")
    report = json.loads(check("--answers", str(answers), "--format", "json").stdout)
    assert "deadline" not in [item["field"] for item in report["unknown"]]
    assert "C103" in [f["rule"] for f in report["findings"]]


def test_bad_answers_file_is_one_line_with_location(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(Path(HARMONY).read_text() + "agreed_upfront: yes\n")
    result = check("--answers", str(answers))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f"{answers}:" in lines[0] and "duplicate key 'agreed_upfront'" in lines[0]


def test_missing_answers_file() -> None:
    result = check("--answers", "does-not-exist.yaml")
    assert result.exit_code == 2
    assert "does-not-exist.yaml: no such file" in result.stderr


def test_no_terminal_and_no_answers_exits_2_with_a_hint() -> None:
    result = check()
    assert result.exit_code == 2
    assert "--answers" in result.stderr


def test_bad_option_value_is_a_usage_error() -> None:
    result = check("--answers", MISSED, "--format", "pdf")
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["check", "--as", "boss"], "'boss' is not one of the choices; use leader or report"),
        (
            ["lint", "--fail-level", "bogus"],
            "'bogus' is not one of the choices; use error, warning or info",
        ),
        (["lint", "--jobs", "x"], "'--jobs' / '-j': must be a whole number"),
        (["lint", "--jobs", "0"], "'--jobs' / '-j': must be at least 1"),
        (["rules", "eval", "--min-precision", "x"], "'--min-precision': must be a number"),
    ],
)
def test_a_bad_option_value_is_told_in_plain_words(args: list[str], said: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    for theirs in ("Value error", "Input should be", "unable to parse"):
        assert theirs not in result.stderr


@pytest.mark.parametrize(
    "hostile",
    [
        "[bold red]boom[/] [link=https://evil.example]x[/link]",
        "\x1b[2J\x1b]52;c;ZXZpbA==\x07 \x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
        "\u202eevil\u202c \x9b31m",
    ],
)
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_user_text_is_never_markup_or_control_sequences(hostile: str, fmt: str) -> None:
    result = check(
        hostile, "--answers", HARMONY, "--set", f"consequences={hostile}", "--format", fmt
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\u202c"):
        assert raw not in out
    if fmt == "text":
        shown = {
            "[": "[bold red]boom[/] [link=https://evil.example]x[/link]",
            "\x1b": "\\x1b[2J\\x1b]52;c;",
            "\u202e": "\\u202eevil\\u202c \\x9b31m",
        }
        assert next(v for k, v in shown.items() if hostile.startswith(k)) in out


def test_control_characters_in_the_task_are_visible_escapes() -> None:
    result = check("Task\x1b[31m", "--answers", HARMONY)
    assert "Task\\x1b[31m" in result.stdout


def test_output_file_is_written_atomically_and_replaces_the_old(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("old")
    result = check("--answers", HARMONY, "--format", "json", "--output", str(out))
    assert result.exit_code == 0
    assert json.loads(out.read_text())["verdict"] == "in-harmony"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_output_into_a_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    result = check("--answers", HARMONY, "--output", str(tmp_path / "nope" / "r.txt"))
    assert result.exit_code == 2
    assert "cannot write the report" in result.stderr


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = runner.invoke(app, [flag])
    assert result.exit_code == 0
    assert result.stdout.startswith("clarity ")


def test_internal_error_is_one_line_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import clarity.cli.commands.check as command

    def broken(*args: object, **kwargs: object) -> None:
        secret = "local value"  # noqa: F841 - must never be shown
        raise RuntimeError("boom")

    monkeypatch.setattr(command, "score", broken)
    result = check("--answers", HARMONY)
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("clarity: internal error: RuntimeError: boom")
    assert "bug" in lines[0]
    assert "Traceback" not in result.output and "local value" not in result.output
    debug = check("--answers", HARMONY, "--debug")
    assert debug.exit_code == 3
    assert "Traceback" in debug.stderr
    assert "local value" not in debug.stderr


def test_check_scores_with_the_configured_rule_packs_like_lint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "rules.yaml").write_text("disable: [C108]\n")
    (tmp_path / ".clarity.yaml").write_text("rules: [team/]\n")
    monkeypatch.chdir(tmp_path)
    without = {
        f["rule"]
        for f in as_json("--answers", MISSED, "--set", "consequences=we'll see")["findings"]
    }
    assert "C108" not in without
    (tmp_path / ".clarity.yaml").write_text("rules: []\n")
    with_it = {
        f["rule"]
        for f in as_json("--answers", MISSED, "--set", "consequences=we'll see")["findings"]
    }
    assert "C108" in with_it


def test_help_lists_the_commands_in_the_order_users_meet_them_without_cutting() -> None:
    result = runner.invoke(app, ["-h"])
    assert result.exit_code == 0
    listed = result.stdout.split("Commands:", 1)[1]
    names = [
        line.split()[0] for line in listed.splitlines() if line.startswith("  ") and line[2] != " "
    ]
    assert names == [
        "check", "lint", "compare", "history", "session", "rules", "config", "init", "schema",
    ]  # fmt: skip
    assert "..." not in listed


def test_a_symptom_answered_always_is_not_reported_as_often(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("task: x\nsymptoms: {sign_offs: always}\n", encoding="utf-8")
    report = as_json("--answers", str(answers))
    [finding] = [f for f in report["findings"] if f["rule"] == "S101"]
    assert finding["answer"] == "always"
    assert "often" not in finding["message"]


def test_a_rule_that_fires_on_several_items_names_each_in_every_format(tmp_path: Path) -> None:
    """A rule gives one finding; the report names every item of the list that makes it fire,
    not only the first (two impossible review dates, one possible between them)."""
    path = tmp_path / "answers.yaml"
    path.write_text(
        "task: Billing migration\n"
        "outcome: Ship the billing migration with zero failed invoices by 30 June\n"
        "deadline: 2026-06-30\n"
        "quality: Finance signs off the reconciliation report\n"
        "decides_alone: [Which tools to use]\n"
        "constraints: [Stay within the 20k budget]\n"
        "consequences: If it slips, we re-plan together and I answer for the delay to the CFO\n"
        'checkpoints: ["2026-02-31", "2026-05-01", "2026-04-31"]\n',
        encoding="utf-8",
    )
    found = [f for f in as_json("--answers", str(path))["findings"] if f["rule"] == "C115"]
    assert [(f["field"], f["item"], f["answer"]) for f in found] == [
        ("checkpoints", 1, "2026-02-31")
    ]
    assert found[0]["also"] == [{"item": 3, "answer": "2026-04-31"}]
    text = check("--answers", str(path), "--detail").stdout
    assert "Answer (checkpoints item 1): 2026-02-31" in text
    assert "Answer (checkpoints item 3): 2026-04-31" in text
    assert "2026-05-01" not in text.split("Findings", 1)[1].split("Why:", 1)[0]
    markdown = check("--answers", str(path), "--format", "markdown").stdout
    assert "- **Answer** (checkpoints item 3): 2026-04-31" in markdown
    page = check("--answers", str(path), "--format", "html").stdout
    assert "(checkpoints item 3): " in page and "2026-04-31" in page
