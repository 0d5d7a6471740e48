"""The fast paths give exactly what the slow ones give (timings are never asserted: see
benchmarks/). Fast validation of charters, lint's command line from the console script and
from the app, and the imports of the lint path (pattern sets and the cached pack:
tests/core/rules/)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.models import DELEGATION_FIELDS, Charter, record_of
from clarity.core.reading.fastvalid import fast_records
from tests.conftest import ROOT

# -- fast validation of charters ---------------------------------------------------------------

_SPACES = ["", " ", "\t", "\n", "\x1c", "\x1f", "\u3000", "\xa0", "\u2028", "\x85"]
_WORDS = ["yes", "no", "On", "TBD", "x", "Make it better", "n/a", "", "a; b ;; c", "t", "2026"]
text = st.builds(lambda a, w, b: a + w + b, st.sampled_from(_SPACES), st.sampled_from(_WORDS),
                 st.sampled_from(_SPACES))  # fmt: skip
value = st.one_of(
    st.none(), text, st.lists(st.one_of(text, st.none()), max_size=3), st.booleans(),
    st.dictionaries(st.sampled_from(["a"]), text, max_size=1), st.text(max_size=5),
)  # fmt: skip
delegation = st.dictionaries(
    st.sampled_from([*DELEGATION_FIELDS, "tasks", "perspective"]), value, max_size=8
)
charter = st.fixed_dictionaries(
    {}, optional={"team": value, "delegations": st.lists(delegation, max_size=3), "x": value}
)


def _models(data: Any) -> tuple[str | None, list[dict[str, Any]]] | None:
    try:
        model = Charter.model_validate(data)
    except Exception:
        return None
    return model.team, [record_of(d) for d in model.delegations]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(charter)
def test_fast_validation_is_the_models_or_steps_aside(data: dict[str, Any]) -> None:
    fast = fast_records(data)
    slow = _models(data)
    if fast is not None:
        assert slow is not None, data
        assert fast == slow
    if slow is None:
        assert fast is None


@pytest.mark.parametrize(
    "data",
    [
        {"delegations": [{"task": " Report\u3000", "agreed_upfront": " YES ", "owner": "\x1c"}]},
        {"team": "  ", "delegations": [{"task": "R", "constraints": "a; ; b", "outcome": " "}]},
        {"delegations": [{"task": "R", "checkpoints": [" 2026-01-01 ", "", "\t"]}]},
    ],
)
def test_fast_validation_takes_the_usual_charters(data: dict[str, Any]) -> None:
    assert fast_records(data) == _models(data)


@pytest.mark.parametrize(
    "data",
    [
        {"delegations": [{"task": ""}]},
        {"delegations": [{"task": "R", "agreed_upfront": "maybe"}]},
        {"delegations": [{"task": "R", "owner": ["a"]}]},
        {"delegations": [{"task": "a\ud800"}]},
        {"delegations": None},
        {"teams": "x"},
    ],
)
def test_fast_validation_leaves_errors_to_the_models(data: dict[str, Any]) -> None:
    assert fast_records(data) is None


# -- normalized texts -------------------------------------------------------------------------


@settings(max_examples=500)
@given(
    st.text(
        alphabet=st.sampled_from(list(" a\t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2019\u3000.")), max_size=8
    )
)
def test_the_short_way_of_normalizing_gives_the_long_way(text: str) -> None:
    from clarity.core.text import _QUOTES, _SPACE, normalize

    assert normalize(text) == _SPACE.sub(" ", text.translate(_QUOTES)).strip()


@pytest.fixture(autouse=True)
def _a_cache_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests of this module look at the cache folder: each gets an empty one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


# -- the lint command line (its parser: tests/test_lintargs.py) ----------------------------


def test_the_console_script_gives_what_the_app_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.charter.yaml").write_text(
        "delegations:\n  - task: Report\n    outcome: Make it better\n", "utf-8"
    )
    env = {**os.environ, "NO_COLOR": "1"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        code = "import sys; from clarity.cli.main import main; sys.exit(main(sys.argv[1:]))"
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    fast = run("lint", "--no-config")
    app_result = CliRunner().invoke(app, ["lint", "--no-config"], env={"NO_COLOR": "1"})
    assert fast.returncode == app_result.exit_code == 1
    assert fast.stdout == app_result.stdout
    bad = run("lint", "--format", "xml")
    assert bad.returncode == 2 and "xml" in bad.stderr


@pytest.mark.parametrize("args", [["--no-config"], []], ids=["no-config", "none-found"])
def test_the_lint_path_loads_no_models_no_typer_no_rich(tmp_path: Path, args: list[str]) -> None:
    """Neither with --no-config nor when no configuration is found (the configuration's models
    are loaded only to read one)."""
    (tmp_path / "a.charter.yaml").write_text(
        "delegations:\n  - task: Report\n    outcome: Make it better\n", "utf-8"
    )
    # (Judging a text loads the meaning model, whose numpy imports inspect and dataclasses.)
    code = (
        f"import sys; from clarity.cli.main import main; code = main(['lint', *{args!r}]); "
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'pydantic', 'typer', 'click', 'rich', 'questionary', 'prompt_toolkit'}); "
        "print(code, heavy, file=sys.stderr)"
    )
    for _ in range(2):  # the first run builds the pack (with the models) and caches it
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
        )
    assert done.stderr.strip().splitlines()[-1] == "1 []", done.stderr


def test_check_reads_the_cached_pack_without_the_pack_models(tmp_path: Path) -> None:
    """The cached compiled pack is plain data: a check builds none of the pack's models (nor
    the configuration's, where no configuration can be found)."""
    answers = tmp_path / "answers.yaml"
    answers.write_text((ROOT / "examples" / "in-harmony.yaml").read_text("utf-8"), "utf-8")
    code = (
        "import sys; from clarity.cli.main import main; "
        "code = main(['check', '--answers', 'answers.yaml', '--format', 'json']); "
        "built = sorted(m for m in sys.modules if m in ('clarity.core.rules.build', "
        "'clarity.core.rules.pack_models', 'clarity.core.rules.conditions', "
        "'clarity.core.settings.config_models')); "
        "print(code, built, file=sys.stderr)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = []
    for _ in range(2):  # the first run builds the pack (with the models) and caches it
        runs.append(
            subprocess.run(
                [sys.executable, "-c", code],
                cwd=tmp_path,
                capture_output=True,
                text=True,
                check=False,
                env=env,
            )
        )
    first, second = (done.stderr.strip().splitlines()[-1] for done in runs)
    assert "clarity.core.rules.build" in first
    assert second == "0 []", runs[1].stderr
    assert runs[0].stdout == runs[1].stdout


# -- the benchmark itself ----------------------------------------------------------------------


@pytest.mark.slow
def test_the_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", "--workdir", str(tmp_path / "trees")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "| target | measured | ratio | limit | met |" in done.stdout
    assert "answer sets, each scored once" in done.stdout
    assert "clarity lint, one charter, texts never judged" in done.stdout
    assert "clarity lint, one charter" in done.stdout
