"""A validated configuration kept in the user's cache: read back unchanged without pydantic,
validated again when the file (or what it extends) changes, and reported the same way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clarity.core.errors import ClarityError
from clarity.core.settings.config import load_config
from clarity.core.settings.config_models import Config
from clarity.core.settings.config_values import ConfigValue

CONFIG = """\
fail_level: warning
ignore: [C1]
severity: {B104: info}
overrides:
  - files: ["drafts/**"]
    ignore: [B1]
limits: {max_depth: 40}
"""


def test_the_plain_defaults_are_the_models_defaults() -> None:
    assert ConfigValue() == ConfigValue.of(Config())


def test_the_values_are_those_the_models_validated(tmp_path: Path) -> None:
    (tmp_path / ".clarity.yaml").write_text(CONFIG, encoding="utf-8")
    first = load_config(cwd=tmp_path)
    again = load_config(cwd=tmp_path)
    assert first.document is not None, "validated now"
    assert again.document is None, "read back from the cache"
    assert again.config == first.config
    assert again.config.overrides[0].files == ["drafts/**"]
    assert again.config.limits["max_depth"] == 40 and again.limits.max_depth == 40
    assert again.config.given == {"fail_level", "ignore", "severity", "overrides", "limits"}
    assert again.provenance() == first.provenance()


def test_a_changed_file_is_validated_again(tmp_path: Path) -> None:
    config = tmp_path / ".clarity.yaml"
    config.write_text("fail_level: warning\n", encoding="utf-8")
    assert load_config(cwd=tmp_path).fail_level == "warning"
    config.write_text("fail_level: loud\n", encoding="utf-8")
    with pytest.raises(ClarityError, match="fail_level") as caught:
        load_config(cwd=tmp_path)
    assert str(caught.value).startswith(".clarity.yaml:1:")


def test_a_file_that_extends_another_sees_it_change(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text("fail_level: info\n", encoding="utf-8")
    (tmp_path / ".clarity.yaml").write_text("extends: base.yaml\n", encoding="utf-8")
    assert load_config(cwd=tmp_path).fail_level == "info"
    (tmp_path / "base.yaml").write_text("fail_level: warning\n", encoding="utf-8")
    assert load_config(cwd=tmp_path).fail_level == "warning"


def test_an_unknown_rule_in_a_kept_configuration_is_still_located(tmp_path: Path) -> None:
    (tmp_path / ".clarity.yaml").write_text("select: [C101]\nignore: [C999]\n", "utf-8")
    load_config(cwd=tmp_path)
    again = load_config(cwd=tmp_path)
    assert again.document is None
    with pytest.raises(ClarityError, match="unknown rule 'C999'") as caught:
        again.check_rules({"C101", "C102"}, {"outcome-missing"})
    assert str(caught.value).startswith(".clarity.yaml:2:10:")


def test_lint_with_a_configuration_read_before_does_not_import_pydantic(tmp_path: Path) -> None:
    """The whole command, twice: the second run reads the configuration from the cache and the
    charter's result too, and says the same."""
    (tmp_path / ".clarity.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "team.charter.md").write_text(
        "## Launch the spring menu\n\n- **Outcome:** the new menu feels fresher\n",
        encoding="utf-8",
    )
    code = (
        "import sys; from clarity.cli.main import main; code = main(['lint', '--format', "
        "'json']); print('pydantic' in sys.modules, file=sys.stderr)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env
        )
        for _ in range(2)
    ]
    assert [r.stderr.strip().splitlines()[-1] for r in runs] == ["True", "False"]
    first, again = (json.loads(r.stdout)["findings"] for r in runs)
    assert again == first
    assert first and all(not f["rule"].startswith("C1") for f in first)  # (ignore: [C1])
    assert runs[0].returncode == runs[1].returncode
