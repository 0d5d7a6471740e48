"""The pre-commit hook, run by the real pre-commit against temporary repositories.

pre-commit installs this project into its own virtual environment (from PyPI for the
dependencies), so the first run takes a while: the test is marked slow.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from clarity.core.rules.pack import load_pack
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

#: What pip needs to build and install the project, and the hook manifest.
PROJECT_PARTS = (
    "pyproject.toml",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    ".pre-commit-hooks.yaml",
    "src",
    "rules",
    "models",
    "schemas",
)
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".mypy_cache")


def git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    for name in ("GITHUB_ACTIONS", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"):
        env.pop(name, None)
    env.update(
        HOME=str(home),
        GIT_AUTHOR_NAME="clarity tests",
        GIT_AUTHOR_EMAIL="tests@clarity.invalid",
        GIT_COMMITTER_NAME="clarity tests",
        GIT_COMMITTER_EMAIL="tests@clarity.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(home / "pre-commit-cache"),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    return env


def git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=60)


def commit_all(repo: Path, env: dict[str, str]) -> None:
    git(repo, env, "init", "--quiet", "--initial-branch=main")
    git(repo, env, "add", "--all")
    git(repo, env, "commit", "--quiet", "--no-verify", "--message", "snapshot")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A committed copy of this project (try-repo clones HEAD), and an environment."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("precommit")
    env = git_env(base)
    project = base / "clarity"
    project.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=_IGNORE)
        elif source.is_file():
            shutil.copy2(source, project / part)
    commit_all(project, env)
    return project, env


@pytest.fixture
def charters(tmp_path: Path, workspace: tuple[Path, dict[str, str]]) -> Path:
    """A team's repository with one broken charter and one healthy charter."""
    _, env = workspace
    repo = tmp_path / "team"
    repo.mkdir()
    base = {
        k: v for k, v in load_pack().example_base.items() if k not in ("perspective", "symptoms")
    }
    healthy = {"team": "Client Services", "delegations": [base]}
    broken = {"team": "Client Services", "delegations": [{**base, "outcome": ""}]}
    for name, data in (("healthy.charter.yaml", healthy), ("broken.charter.yaml", broken)):
        (repo / name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    commit_all(repo, env)
    return repo


def try_repo(
    project: Path, repo: Path, env: dict[str, str], *files: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(project),
            "clarity-lint",
            "--color",
            "never",
            "--verbose",
            "--files",
            *files,
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_the_hook_fails_a_broken_charter_and_passes_a_healthy_one(
    workspace: tuple[Path, dict[str, str]], charters: Path
) -> None:
    project, env = workspace
    broken = try_repo(project, charters, env, "broken.charter.yaml")
    output = broken.stdout + broken.stderr
    assert broken.returncode == 1, output
    assert "clarity lint" in output and "Failed" in output
    assert "C101" in output
    assert "broken.charter.yaml" in output

    healthy = try_repo(project, charters, env, "healthy.charter.yaml")
    output = healthy.stdout + healthy.stderr
    assert healthy.returncode == 0, output
    assert "Passed" in output
    assert "C101" not in output


def test_the_hook_only_looks_at_charters(
    workspace: tuple[Path, dict[str, str]], charters: Path
) -> None:
    project, env = workspace
    (charters / "notes.yaml").write_text("delegations: [{task: x}]\n", encoding="utf-8")
    result = try_repo(project, charters, env, "notes.yaml")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "(no files to check)" in output


def readme_snippet() -> str:
    """The README's .pre-commit-config.yaml, exactly as written there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### pre-commit and CI", 1)[1]
    match = re.search(r"```yaml\n(repos:.*?)```", section, re.DOTALL)
    assert match, "the README has no pre-commit snippet"
    return match.group(1)


def test_the_readme_snippet_works_as_written_with_pre_commit_run(
    workspace: tuple[Path, dict[str, str]], charters: Path
) -> None:
    """Copy the README's snippet, fill in the repository URL, run `pre-commit run --all-files`:
    the broken charter fails, and the configuration's exclude applies to the files pre-commit
    names (the hook passes --force-exclude)."""
    project, env = workspace
    snippet = readme_snippet().replace("<the URL of the clarity repository>", project.as_uri())
    (charters / ".pre-commit-config.yaml").write_text(snippet, encoding="utf-8")
    git(charters, env, "add", "--all")
    git(charters, env, "commit", "--quiet", "--no-verify", "--message", "hook")

    def run_all() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
            cwd=charters,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    failed = run_all()
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "C101" in output and "broken.charter.yaml" in output

    (charters / ".clarity.yaml").write_text("exclude: [broken.charter.yaml]\n", encoding="utf-8")
    git(charters, env, "add", "--all")
    git(charters, env, "commit", "--quiet", "--no-verify", "--message", "exclude")
    passed = run_all()
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "Passed" in output and "C101" not in output


def readme_actions_steps() -> list[str]:
    """The `run:` lines of the README's GitHub Actions example, exactly as written there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### pre-commit and CI", 1)[1]
    match = re.search(r"```yaml\n(name: clarity\n.*?)```", section, re.DOTALL)
    assert match, "the README has no GitHub Actions example"
    workflow = yaml.safe_load(match.group(1))
    steps = workflow["jobs"]["charters"]["steps"]
    return [step["run"] for step in steps if "run" in step]


def readme_gitlab_script() -> list[str]:
    """The `script:` lines of the README's GitLab CI example, exactly as written there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### pre-commit and CI", 1)[1]
    match = re.search(r"```yaml\n(clarity:\n.*?)```", section, re.DOTALL)
    assert match, "the README has no GitLab CI example"
    script: list[str] = yaml.safe_load(match.group(1))["clarity"]["script"]
    return script


def test_the_readme_github_actions_steps_work_as_written(
    workspace: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """Each `run:` step of the README's workflow, in a fresh virtual environment as on a
    runner (GITHUB_ACTIONS=true), with the repository URL filled in: the install, the
    annotations, and the SARIF file for upload-sarif."""
    project, env = workspace
    repo = tmp_path / "team"
    (repo / "charters").mkdir(parents=True)
    base = {
        k: v for k, v in load_pack().example_base.items() if k not in ("perspective", "symptoms")
    }
    broken = {"team": "Client Services", "delegations": [{**base, "outcome": ""}]}
    (repo / "charters" / "broken.charter.yaml").write_text(
        yaml.safe_dump(broken, sort_keys=False), encoding="utf-8"
    )
    commit_all(repo, env)
    venv = tmp_path / "runner"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    runner_env = {
        **env,
        "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        "GITHUB_ACTIONS": "true",
    }
    results = []
    for step in readme_actions_steps():
        # pip wants a host in a git URL (as github.com in real use): file://localhost/...
        url = "file://localhost" + project.as_posix()
        command = step.replace("<the URL of the clarity repository>", url)
        results.append(
            subprocess.run(
                ["bash", "-e", "-c", command],
                cwd=repo,
                env=runner_env,
                capture_output=True,
                text=True,
                timeout=1200,
            )
        )
    install, annotate, report = results
    assert install.returncode == 0, install.stdout + install.stderr
    assert annotate.returncode == 1, annotate.stdout + annotate.stderr
    assert "::error file=charters/broken.charter.yaml," in annotate.stdout
    assert "C101" in annotate.stdout
    assert report.returncode == 1, report.stderr
    sarif = json.loads((repo / "clarity.sarif").read_text(encoding="utf-8"))
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "C101"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "charters/broken.charter.yaml"

    # The GitLab CI example's script, in the same runner environment (a script stops at the
    # first failing line, as GitLab's does; the report is kept with `when: always`).
    gitlab_env = {k: v for k, v in runner_env.items() if k != "GITHUB_ACTIONS"}
    script = "\n".join(readme_gitlab_script()).replace("<the URL of the clarity repository>", url)
    gitlab = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=repo,
        env=gitlab_env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert gitlab.returncode == 1, gitlab.stdout + gitlab.stderr
    issues = json.loads((repo / "gl-code-quality.json").read_text(encoding="utf-8"))
    assert {"C101"} <= {i["check_name"] for i in issues}
    assert {i["location"]["path"] for i in issues} == {"charters/broken.charter.yaml"}
