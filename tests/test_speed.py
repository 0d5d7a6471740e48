"""The fast paths give exactly what the slow ones give (timings are never asserted: see
benchmarks/). Normalized texts, lint's command line from the console script and from the app,
and the imports of a run over charters linted before (pattern sets and the cached pack:
tests/core/rules/)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from clarity.cli.app import app
from tests.conftest import ROOT

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
def test_linting_again_loads_no_models_no_typer_no_rich(tmp_path: Path, args: list[str]) -> None:
    """A charter linted before (its result kept) is reported without the models, the YAML
    reader or the pattern engine, with --no-config or when no configuration is found (the
    configuration's models are loaded only to read one)."""
    (tmp_path / "a.charter.yaml").write_text(
        "delegations:\n  - task: Report\n    outcome: Make it better\n", "utf-8"
    )
    # (Judging a text loads the meaning model, whose numpy imports inspect and dataclasses.)
    code = (
        f"import sys; from clarity.cli.main import main; code = main(['lint', *{args!r}]); "
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'pydantic', 'typer', 'click', 'rich', 'questionary', 'prompt_toolkit', 'yaml', "
        "'regex', 'numpy'}); "
        "print(code, heavy, file=sys.stderr)"
    )
    for _ in range(2):  # the first run builds the pack and lints, the second reads it all back
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
        )
    assert done.stderr.strip().splitlines()[-1] == "1 []", done.stderr


def test_check_reads_the_cached_pack_without_the_pack_models(tmp_path: Path) -> None:
    """The compiled pack is plain data: a check builds none of the pack's models (nor the
    configuration's, where no configuration can be found), whether it reads the pack as
    shipped (an empty cache) or from the cache."""
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
    for _ in range(2):  # the first run reads the pack as shipped and caches it
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
    assert first == "0 []", runs[0].stderr
    assert second == "0 []", runs[1].stderr
    assert any((tmp_path / "cache" / "clarity").glob("pack-*.pickle"))
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
