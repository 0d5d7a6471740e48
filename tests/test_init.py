"""clarity init: an example charter (YAML or Markdown) and a configuration, never overwriting."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from clarity.cli.app import app
from clarity.core.models import Charter, record_of
from clarity.core.reading.schemas import schema_for
from clarity.core.reading.validation import validate
from clarity.core.reading.yamlsafe import load_yaml
from clarity.core.rules.pack import load_pack
from clarity.core.scoring.engine import evaluate

runner = CliRunner()

CONFIG_FILES = [".clarity.yaml", ".clarity/config.schema.json"]
YAML_FILES = ["delegations.charter.yaml", ".clarity/charter.schema.json", *CONFIG_FILES]
MARKDOWN_FILES = ["delegations.charter.md", *CONFIG_FILES]


def init(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["init", *args])


def written(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_init_writes_a_yaml_charter_its_schema_and_a_config(tmp_path: Path) -> None:
    result = init(str(tmp_path))
    assert result.exit_code == 0, result.output
    assert written(tmp_path) == sorted(YAML_FILES)
    for name in YAML_FILES:
        assert f"wrote {tmp_path / name}\n" in result.stdout
    assert f"next: clarity lint {tmp_path / 'delegations.charter.yaml'}" in result.stdout


def test_the_yaml_charter_points_editors_at_the_schema_next_to_it(tmp_path: Path) -> None:
    assert init(str(tmp_path)).exit_code == 0
    charter = tmp_path / "delegations.charter.yaml"
    first = charter.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    schema_path = (
        charter.parent / first[len(prefix) :]
    )  # relative to the charter, as editors read it
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert schema == schema_for("charter")
    jsonschema.Draft202012Validator.check_schema(schema)
    # The charter, read the way clarity reads it (every scalar is text), fits the schema.
    doc = load_yaml(charter.read_text(encoding="utf-8"), str(charter))
    jsonschema.validate(doc.data, schema, cls=jsonschema.Draft202012Validator)


def test_the_yaml_charter_is_a_healthy_charter(tmp_path: Path) -> None:
    assert init(str(tmp_path)).exit_code == 0
    charter = tmp_path / "delegations.charter.yaml"
    model = validate(Charter, load_yaml(charter.read_text(encoding="utf-8"), str(charter)))
    assert model.team
    assert len(model.delegations) >= 2
    pack = load_pack()
    for delegation in model.delegations:
        findings = evaluate(record_of(delegation), pack.rules)
        assert [(f.rule.id, f.field) for f in findings] == [], delegation.task


def test_init_writes_a_markdown_charter(tmp_path: Path) -> None:
    result = init(str(tmp_path), "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert written(tmp_path) == sorted(MARKDOWN_FILES)
    assert "charter.schema.json" not in result.stdout
    text = (tmp_path / "delegations.charter.md").read_text(encoding="utf-8")
    assert text.count("\n## ") == 2
    assert "- **Outcome:** " in text and "- **Agreed upfront:** yes" in text


@pytest.mark.parametrize(
    ("fmt", "charter"),
    [("yaml", "delegations.charter.yaml"), ("markdown", "delegations.charter.md")],
)
def test_the_example_charter_lints_clean_with_its_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, charter: str
) -> None:
    assert init(str(tmp_path), "--format", fmt).exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["lint", charter, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["findings"] == []
    assert data["summary"]["delegations"] == 2


def test_the_config_is_what_clarity_config_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert init(str(tmp_path)).exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 0, result.output
    assert ".clarity.yaml" in result.stdout


def test_init_defaults_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = init()
    assert result.exit_code == 0, result.output
    assert "wrote delegations.charter.yaml\n" in result.stdout
    assert written(tmp_path) == sorted(YAML_FILES)


def test_init_creates_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "docs" / "team"
    result = init(str(folder), "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert written(folder) == sorted(MARKDOWN_FILES)


def test_init_keeps_existing_files(tmp_path: Path) -> None:
    config = tmp_path / ".clarity.yaml"
    config.write_text("fail_level: warning\n", encoding="utf-8")
    result = init(str(tmp_path))
    assert result.exit_code == 0, result.output
    assert config.read_text(encoding="utf-8") == "fail_level: warning\n"
    assert f"kept {config}: it exists (--force overwrites it)" in result.stdout
    assert f"wrote {config}" not in result.stdout
    assert (tmp_path / "delegations.charter.yaml").is_file()


def test_init_refuses_when_everything_exists(tmp_path: Path) -> None:
    assert init(str(tmp_path)).exit_code == 0
    charter = tmp_path / "delegations.charter.yaml"
    charter.write_text("team: Ours\n", encoding="utf-8")
    result = init(str(tmp_path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "already exist; pass --force to overwrite them" in result.stderr
    assert charter.read_text(encoding="utf-8") == "team: Ours\n"


def test_init_force_overwrites(tmp_path: Path) -> None:
    charter = tmp_path / "delegations.charter.yaml"
    charter.write_text("team: Ours\n", encoding="utf-8")
    result = init(str(tmp_path), "--force")
    assert result.exit_code == 0, result.output
    assert f"wrote {charter}" in result.stdout
    assert charter.read_text(encoding="utf-8").startswith("# yaml-language-server:")


def test_init_into_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    result = init(str(target))
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.stderr


def test_both_example_charters_say_the_same(tmp_path: Path) -> None:
    from clarity.core.reading.charters import read_charter

    assert init(str(tmp_path / "y")).exit_code == 0
    assert init(str(tmp_path / "m"), "--format", "markdown").exit_code == 0
    as_yaml = read_charter(tmp_path / "y" / "delegations.charter.yaml")
    as_markdown = read_charter(tmp_path / "m" / "delegations.charter.md")
    assert as_markdown.team == as_yaml.team == "Client Services"
    assert [e.record for e in as_markdown.entries] == [e.record for e in as_yaml.entries]


def test_update_schemas_refreshes_the_copies_and_leaves_charters_alone(tmp_path: Path) -> None:
    assert init(str(tmp_path)).exit_code == 0
    charter = tmp_path / "delegations.charter.yaml"
    charter.write_text(charter.read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")
    config = (tmp_path / ".clarity.yaml").read_text(encoding="utf-8")
    stale = tmp_path / ".clarity" / "charter.schema.json"
    stale.write_text('{"$id": "an older version"}\n', encoding="utf-8")
    result = init(str(tmp_path), "--update-schemas")
    assert result.exit_code == 0, result.output
    assert "updated" in result.stdout and "charter.schema.json" in result.stdout
    assert "up to date" in result.stdout and "config.schema.json" in result.stdout
    shown = runner.invoke(app, ["schema", "charter"]).stdout
    assert stale.read_text(encoding="utf-8") == shown
    assert charter.read_text(encoding="utf-8").endswith("# my edit\n")
    assert (tmp_path / ".clarity.yaml").read_text(encoding="utf-8") == config
