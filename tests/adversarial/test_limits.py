"""The four limits on untrusted input (largest file, deepest nesting, longest text, time per
pattern): each can be changed in the configuration (``limits:``) and by an environment
variable that wins over it, within a range; and each is enforced where files are read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clarity.core.limits import DEFAULT_LIMITS, ENV, RANGES, Limits, effective, from_env
from tests.adversarial.helpers import (
    HARMONY,
    PACK,
    VALID,
    Run,
    assert_clean,
    assert_refused,
    invoke,
)


def configure(folder: Path, **limits: object) -> None:
    body = "".join(f"  {key}: {value}\n" for key, value in limits.items())
    (folder / ".clarity.yaml").write_text(f"limits:\n{body}", encoding="utf-8")


def padded(text: str, size: int) -> str:
    return text + "#" * (size - len(text) - 1) + "\n"


# -- max_file_bytes ---------------------------------------------------------------------------


def entry_run(entry: str, folder: Path, text: str) -> Run:
    """Run an entry point that honours the configuration found in the working folder."""
    names = {"check": "answers.yaml", "lint": "team.charter.yaml", "rules": "pack.yaml"}
    (folder / names[entry]).write_text(text, encoding="utf-8")
    args = {
        "check": ["check", "--answers", "answers.yaml", "--format", "json"],
        "lint": ["lint", "--format", "json", "team.charter.yaml"],
        "rules": ["rules", "validate", "pack.yaml"],
    }[entry]
    return invoke(*args)


BASE = {"check": HARMONY, "lint": VALID["lint"], "rules": PACK}


@pytest.mark.parametrize("entry", ["check", "lint", "rules"])
@pytest.mark.parametrize("how", ["config", "env"])
def test_max_file_bytes_is_changed_and_enforced(
    entry: str, how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = max(len(BASE[entry]) + 500, RANGES["max_file_bytes"][1])
    if how == "config":
        configure(tmp_path, max_file_bytes=size)
    else:
        monkeypatch.setenv("CLARITY_MAX_FILE_BYTES", str(size))
    fits = entry_run(entry, tmp_path, padded(BASE[entry], size))
    assert fits.code in (0, 1), fits.stderr
    over = entry_run(entry, tmp_path, padded(BASE[entry], size + 1))
    assert_refused(over, f"larger than {size} bytes")


def test_the_file_limit_can_be_raised_past_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = padded(HARMONY, DEFAULT_LIMITS.max_file_bytes + 1000)
    assert_refused(entry_run("check", tmp_path, big), "larger than")
    monkeypatch.setenv("CLARITY_MAX_FILE_BYTES", str(8 * 1024 * 1024))
    assert_clean(entry_run("check", tmp_path, big))


def test_the_environment_wins_over_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = len(HARMONY) + 500
    configure(tmp_path, max_file_bytes=1_000_000)
    monkeypatch.setenv("CLARITY_MAX_FILE_BYTES", str(size))
    run = entry_run("check", tmp_path, padded(HARMONY, size + 1))
    assert_refused(run, f"larger than {size} bytes")
    configure(tmp_path, max_file_bytes=size)
    monkeypatch.setenv("CLARITY_MAX_FILE_BYTES", "1_000_000")
    assert_clean(entry_run("check", tmp_path, padded(HARMONY, size + 1)))


# -- max_depth --------------------------------------------------------------------------------


def test_max_depth_is_changed_and_enforced(tmp_path: Path) -> None:
    configure(tmp_path, max_depth=4)
    # the file's mapping, the list of delegations, a delegation, its constraints: 4 levels
    four = "delegations:\n  - task: T\n    constraints: [a, b]\n"
    assert_clean(entry_run("lint", tmp_path, four), 1)
    five = "delegations:\n  - task: T\n    constraints: [[a], b]\n"
    run = entry_run("lint", tmp_path, five)
    assert_refused(run, "nesting deeper than 4 levels", where="team.charter.yaml:3:19")
    # the built-in pack is clarity's own: it still loads under a low limit
    assert_clean(entry_run("check", tmp_path, HARMONY))


def test_max_depth_applies_to_json_and_toml_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLARITY_MAX_DEPTH", "4")
    (tmp_path / "answers.json").write_text('{"task": "\\/", "x": [[[[1]]]]}', encoding="utf-8")
    run = invoke("check", "--answers", "answers.json")
    assert_refused(run, "nesting deeper than 4 levels", where="answers.json:1:")
    (tmp_path / "pyproject.toml").write_text(
        "[tool.clarity]\nexclude = [[[[['a']]]]]\n", encoding="utf-8"
    )
    run = invoke("config")
    assert_refused(run, "nesting deeper than 4 levels", where="pyproject.toml:2:")


# -- max_text_chars ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["yaml", "markdown", "answers"])
def test_max_text_chars_is_changed_and_enforced(kind: str, tmp_path: Path) -> None:
    configure(tmp_path, max_text_chars=200)
    long, short = "x" * 201, "x" * 200
    if kind == "answers":
        runs = [entry_run("check", tmp_path, HARMONY.replace("owner: Platform team", f"owner: {t}"))
                for t in (short, long)]  # fmt: skip
        where = "answers.yaml:4:8"
    elif kind == "yaml":
        runs = [entry_run("lint", tmp_path, f"delegations:\n  - task: T\n    owner: {t}\n")
                for t in (short, long)]  # fmt: skip
        where = "team.charter.yaml:3:12"
    else:
        for t, name in ((short, "a"), (long, "b")):
            (tmp_path / f"{name}.charter.md").write_text(f"## T\n\n- **Owner:** {t}\n")
        runs = [invoke("lint", "--format", "json", f"{n}.charter.md") for n in "ab"]
        where = "b.charter.md:3:14"
    assert runs[0].code in (0, 1), runs[0].stderr
    assert_refused(runs[1], "a text longer than 200 characters", where=where)


def test_the_default_text_limit(tmp_path: Path) -> None:
    text = HARMONY.replace("owner: Platform team", "owner: " + "x" * 20_001)
    assert_refused(entry_run("check", tmp_path, text), "a text longer than 20000 characters")


# -- pattern_timeout --------------------------------------------------------------------------


def slow_pack(folder: Path) -> None:
    pack = PACK.replace(
        "when: {missing: owner}", "when: {matches: {field: owner, pattern: '(a|aa)+$'}}"
    )
    (folder / "pack.yaml").write_text(pack, encoding="utf-8")


@pytest.mark.parametrize(("seconds", "a_count", "fails"), [(0.01, 22, True), (None, 22, False),
                                                          (None, 30, True), (10, 30, False)])  # fmt: skip
def test_pattern_timeout_is_changed_and_enforced(
    seconds: float | None, a_count: int, fails: bool, tmp_path: Path
) -> None:
    slow_pack(tmp_path)
    if seconds is not None:
        configure(tmp_path, pattern_timeout=seconds)
    answers = HARMONY.replace("owner: Platform team", f'owner: "{"a" * a_count}!"')
    (tmp_path / "answers.yaml").write_text(answers, encoding="utf-8")
    run = invoke("check", "--answers", "answers.yaml", "--rules", "pack.yaml")
    if fails:
        limit = f"{seconds:g}" if seconds is not None else "0.25"
        assert_refused(run, f"a pattern took longer than {limit} s")
    else:
        assert_clean(run)


# -- ranges, errors and provenance ------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("max_depth: 1000", "limits.max_depth: 1000 is too large; give at most 256"),
        ("max_depth: 1", "limits.max_depth: 1 is too small; give at least 4"),
        ("max_file_bytes: lots", "limits.max_file_bytes: expected a whole number, got 'lots'"),
        ("pattern_timeout: 3600", "limits.pattern_timeout: 3600 is too large; give at most 10"),
        ("max_files: 3", "unknown key 'max_files'; did you mean 'max_file_bytes'?"),
    ],
)
def test_a_limit_out_of_range_in_the_configuration(
    setting: str, message: str, tmp_path: Path
) -> None:
    (tmp_path / ".clarity.yaml").write_text(f"limits:\n  {setting}\n", encoding="utf-8")
    run = invoke("config")
    assert_refused(run, message, where=".clarity.yaml:2:")


@pytest.mark.parametrize("value", ["abc", "3", "1000", "-1", "nan", "1e400"])
def test_a_limit_out_of_range_in_the_environment(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLARITY_MAX_DEPTH", value)
    run = entry_run("check", tmp_path, HARMONY)
    assert_refused(
        run,
        f"CLARITY_MAX_DEPTH={value!r} is not allowed",
        "set it to a whole number from 4 to 256, or unset it",
        where="environment",
    )


def test_the_limits_in_force_and_where_they_come_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.clarity.limits]\nmax_depth = 32\nmax_text_chars = 5000\n", encoding="utf-8"
    )
    monkeypatch.setenv("CLARITY_MAX_TEXT_CHARS", "1000")
    run = invoke("config", "--format", "json")
    assert_clean(run)
    rows = {s["key"]: (s["value"], s["source"]) for s in json.loads(run.stdout)["settings"]}
    assert rows["limits.max_depth"] == (32, "pyproject.toml:2")
    assert rows["limits.max_text_chars"] == (1000, "CLARITY_MAX_TEXT_CHARS")
    assert rows["limits.max_file_bytes"] == (DEFAULT_LIMITS.max_file_bytes, "default")
    assert rows["limits.pattern_timeout"] == (0.25, "default")


def test_the_limits_module() -> None:
    assert set(RANGES) == set(ENV)
    assert effective() == DEFAULT_LIMITS
    assert effective({"max_depth": 10}) == Limits(max_depth=10)
    assert from_env(environ={"CLARITY_PATTERN_TIMEOUT": "2.5"}).pattern_timeout_seconds == 2.5
    assert from_env(environ={"CLARITY_MAX_FILE_BYTES": "  "}) == DEFAULT_LIMITS


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["--set", "task=" + "x" * 100_000, "--set", "outcome=y"], "--set: task:"),
        (["--set", "outcome=" + "x" * 20_001], "--set: outcome:"),
        (["x" * 30_000, "--set", "outcome=y"], "TASK:"),
    ],
    ids=["set-task", "set-outcome", "task-argument"],
)
def test_command_line_texts_are_bounded_as_file_texts_are(
    args: list[str], where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLARITY_JOURNAL", str(tmp_path / "journal.db"))
    run = invoke("check", *args, "--save", "--format", "json")
    assert_refused(run, "a text longer than 20000 characters", "CLARITY_MAX_TEXT_CHARS")
    assert where in run.stderr
    assert not (tmp_path / "journal.db").exists()  # nothing saved


def test_command_line_texts_follow_a_raised_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLARITY_MAX_TEXT_CHARS", "50000")
    run = invoke("check", "--set", "task=" + "x" * 30_000, "--set", "outcome=y", "--format", "json")
    assert run.code in (0, 1), run.stderr
