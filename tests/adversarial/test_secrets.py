"""A file that is not a clarity input (a secret, a password file) named as a rule pack, a
configuration, a baseline or a session file: the error names the file and the place, and never
prints its lines, so a pull request cannot read a secret into a public CI log."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.helpers import CHARTER, assert_refused, invoke

SECRET = "s3cr3t-HASH-Zq9"

#: The shapes of secret files: a password file, an .env file, a token alone, a key file.
FILES = {
    "shadow": f"root:$6${SECRET}$:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n",
    "passwd": f"root:x:0:0:{SECRET}:/root:/bin/bash\n",
    "env": f"API_TOKEN: {SECRET}-{'x' * 40}\n",
    "token": f"{SECRET}{'y' * 40}\n",
    "key": f"-----BEGIN PRIVATE KEY-----\n{SECRET}\n-----END PRIVATE KEY-----\n",
    "json": f'{{"version": "{SECRET}-{"z" * 40}"}}\n',
    "pair": f"fail_level: {SECRET}-{'w' * 40}\n",
    "duplicated": f"{SECRET}-{'v' * 40}: 1\n{SECRET}-{'v' * 40}: 2\n",
}

COMMANDS = {
    "lint --rules": ["lint", "--no-config", "--rules", "secret", "team.charter.yaml"],
    "lint --config": ["lint", "--config", "secret", "team.charter.yaml"],
    "lint --baseline": ["lint", "--no-config", "--baseline", "secret", "team.charter.yaml"],
    "rules validate": ["rules", "validate", "secret"],
    "session check": ["session", "check", "secret"],
    "config --config": ["config", "--config", "secret"],
    ".clarity.yaml rules": ["lint", "team.charter.yaml"],
}


@pytest.mark.parametrize("kind", sorted(FILES))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_secret_file_is_named_never_quoted(kind: str, command: str, tmp_path: Path) -> None:
    (tmp_path / "team.charter.yaml").write_text(CHARTER, encoding="utf-8")
    (tmp_path / "secret").write_text(FILES[kind], encoding="utf-8")
    if command == ".clarity.yaml rules":
        (tmp_path / ".clarity.yaml").write_text("rules: [secret]\n", encoding="utf-8")
    run = invoke(*COMMANDS[command])
    everything = run.stdout + run.stderr
    assert SECRET not in everything, everything
    assert "Traceback" not in everything
    if run.code == 2:  # some shapes are valid YAML clarity can read (keys without values)
        errors = [line for line in run.errors if line.startswith("clarity: error:")]
        assert len(errors) == 1 and "secret:" in errors[0], run.stderr
    else:
        assert run.code in (0, 1), everything


def test_a_word_like_key_is_still_named(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("rulez: []\n", encoding="utf-8")
    run = invoke("rules", "validate", "pack.yaml")
    assert_refused(run, "unknown key 'rulez'", "did you mean 'rules'?", where="pack.yaml:1:1")


def test_answers_are_clarity_input_and_still_quoted(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("task: x\nperspective: whenever-ish-later\n", "utf-8")
    run = invoke("check", "--answers", "a.yaml", "--format", "json")
    assert "whenever-ish-later" in run.stderr
