"""Files that are not what they claim: other encodings, binary, huge, missing, unreadable,
symbolic links that loop. Every entry point that reads a file says so in one line (exit 2)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from clarity.core.limits import DEFAULT_LIMITS
from tests.adversarial.helpers import (
    FILE_ENTRIES,
    VALID,
    args_for,
    assert_clean,
    assert_refused,
    feed,
    invoke,
)

ENTRIES = list(FILE_ENTRIES)
LIMIT = DEFAULT_LIMITS.max_file_bytes


def comment(entry: str, text: str) -> str:
    """A comment line in the entry's format (Markdown ignores plain prose)."""
    return text + "\n" if entry == "lint-md" else f"# {text}\n"


@pytest.mark.parametrize("entry", ENTRIES)
def test_latin1_is_refused_at_the_first_bad_byte(entry: str, tmp_path: Path) -> None:
    text = comment(entry, "a café") + VALID[entry]
    run = feed(entry, tmp_path, text.encode("latin-1"))
    col = 6 if entry == "lint-md" else 8
    assert_refused(
        run,
        "the file is not UTF-8 text (byte 0xe9)",
        "save it as UTF-8",
        where=f"{FILE_ENTRIES[entry]}:1:{col}",
    )


@pytest.mark.parametrize("entry", ENTRIES)
def test_utf16_with_a_byte_order_mark_is_named(entry: str, tmp_path: Path) -> None:
    run = feed(entry, tmp_path, VALID[entry].encode("utf-16"))
    assert_refused(run, "the file is UTF-16, not UTF-8", where=f"{FILE_ENTRIES[entry]}:1:1")


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "3:1"),  # an image
        (b"x: 1\nab\x00cd\n", "2:3"),
        ("x: 1\n".encode("utf-16-le"), "1:2"),  # UTF-16 without a byte-order mark
    ],
    ids=["png", "nul", "utf16le"],
)
def test_binary_with_nul_bytes_is_refused(
    entry: str, raw: bytes, where: str, tmp_path: Path
) -> None:
    run = feed(entry, tmp_path, raw)
    assert_refused(
        run,
        "the file holds a NUL byte: it is binary, not text",
        where=f"{FILE_ENTRIES[entry]}:{where}",
    )


@pytest.mark.parametrize("entry", ENTRIES)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read_whole(
    entry: str, tmp_path: Path
) -> None:
    line = comment(entry, "x" * 1000).encode()
    body = VALID[entry].encode() + line * (LIMIT // len(line) + 1)
    assert len(body) > LIMIT
    started = time.perf_counter()
    run = feed(entry, tmp_path, body)
    assert time.perf_counter() - started < 10
    assert_refused(
        run,
        f"the file is larger than {LIMIT} bytes",
        "CLARITY_MAX_FILE_BYTES",
        where=FILE_ENTRIES[entry],
    )


@pytest.mark.parametrize("entry", ENTRIES)
def test_a_file_just_under_the_size_limit_works_in_bounded_time(entry: str, tmp_path: Path) -> None:
    plain = feed(entry, tmp_path, VALID[entry])
    line = comment(entry, "x" * 1000)
    body = line * ((LIMIT - 4096) // len(line)) + VALID[entry]
    assert LIMIT - 8192 < len(body.encode()) <= LIMIT
    started = time.perf_counter()
    run = feed(entry, tmp_path, body)
    assert time.perf_counter() - started < 20
    assert_clean(run, plain.code)
    assert plain.code in (0, 1)


@pytest.mark.parametrize("kind", ["yaml", "markdown"])
def test_a_charter_of_a_megabyte_of_list_items_works_in_bounded_time(
    kind: str, tmp_path: Path
) -> None:
    items = [f"constraint number {i} keeps client data on the shared drive" for i in range(16_000)]
    if kind == "yaml":
        name = "big.charter.yaml"
        text = "delegations:\n  - task: Big\n    constraints:\n"
        text += "".join(f"      - {item}\n" for item in items)
    else:
        name = "big.charter.md"
        text = "## Big\n\n- **Constraints:**\n" + "".join(f"  - {item}\n" for item in items)
    assert len(text) > 1_000_000
    (tmp_path / name).write_text(text, encoding="utf-8")
    started = time.perf_counter()
    run = invoke("lint", "--no-config", "--format", "json", name)
    assert time.perf_counter() - started < 30
    # The judge refuses a list longer than it reads (each new text costs it milliseconds):
    # the other rules' findings are kept, and the file says why it is incomplete.
    assert_clean(run, 2)
    report = json.loads(run.stdout)
    assert report["summary"]["delegations"] == 1
    assert report["findings"]
    (diagnostic,) = report["diagnostics"]
    assert "16000 different answers to judge in 'constraints'" in diagnostic["message"]
    assert "at most 500 in one delegation" in diagnostic["message"]


@pytest.mark.parametrize("entry", ENTRIES)
def test_a_path_that_does_not_exist(entry: str, tmp_path: Path) -> None:
    run = invoke(*args_for(entry, "nowhere/missing.yaml"))
    message = "no such file or folder" if entry.startswith("lint") else "no such file"
    assert_refused(run, message, where="nowhere/missing.yaml")


def test_answers_from_standard_input_are_bounded_and_decoded_like_a_file() -> None:
    huge = invoke("check", "--answers", "-", input=b"# " + b"x" * LIMIT + b"\n")
    assert_refused(huge, f"the input is larger than {LIMIT} bytes", where="<stdin>")
    latin1 = invoke("check", "--answers", "-", input="task: café\n".encode("latin-1"))
    assert_refused(latin1, "not UTF-8 text (byte 0xe9)", where="<stdin>:1:10")
    bom = invoke("check", "--answers", "-", input=b"\xef\xbb\xbf" + VALID["check"].encode())
    assert_clean(bom)


# -- symbolic links that loop --------------------------------------------------------------


def loop(folder: Path, name: str) -> None:
    (folder / name).symlink_to(folder / f"{name}.other")
    (folder / f"{name}.other").symlink_to(folder / name)


@pytest.mark.parametrize("entry", ENTRIES)
def test_a_symbolic_link_loop_is_named(entry: str, tmp_path: Path) -> None:
    name = FILE_ENTRIES[entry]
    loop(tmp_path, name)
    run = invoke(*args_for(entry, name))
    message = "a symbolic link to nothing" if entry.startswith("lint") else "symbolic links loop"
    assert_refused(run, message, where=name)


def test_a_link_loop_inside_a_folder_being_linted_is_reported_not_skipped(
    tmp_path: Path,
) -> None:
    charters = tmp_path / "charters"
    charters.mkdir()
    (charters / "good.charter.yaml").write_text(VALID["lint"], encoding="utf-8")
    loop(charters, "bad.charter.yaml")
    (charters / "up").symlink_to(tmp_path, target_is_directory=True)  # a folder loop
    run = invoke("lint", "--no-config", "--format", "json", "charters")
    assert_refused(run, "a symbolic link to nothing", where="charters/bad.charter.yaml")
    data = json.loads(run.stdout)
    assert data["summary"]["delegations"] == 1  # the good charter was still linted


# -- folders without permission ----------------------------------------------------------

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
SETPRIV = shutil.which("setpriv")
NOBODY = 65534


@pytest.fixture
def unprivileged(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """The command prefix that runs clarity without the power to read everything.

    As root, permissions do not apply: the case runs as 'nobody' through setpriv, with the
    test's folders made searchable for the time of the test (pytest keeps them private).
    """
    if not AS_ROOT:
        yield [sys.executable, "-m", "clarity"]
        return
    if SETPRIV is None:
        pytest.xfail("running as root and setpriv is not available to drop privileges")
    base = tmp_path_factory.getbasetemp().parent
    chain = [tmp_path, *[p for p in tmp_path.parents if p == base or base in p.parents]]
    modes = {p: p.stat().st_mode & 0o7777 for p in chain}
    try:
        for p in chain:
            p.chmod(modes[p] | 0o711)
        tmp_path.chmod(0o755)
        prefix = [SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        probe = subprocess.run(
            [*prefix, sys.executable, "-c", "import clarity"],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
        if probe.returncode != 0:
            pytest.xfail(f"cannot run clarity as an unprivileged user: {probe.stderr[-200:]}")
        yield [*prefix, sys.executable, "-m", "clarity"]
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


def as_user(prefix: list[str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": "/nonexistent", "NO_COLOR": "1"}
    return subprocess.run(
        [*prefix, *args], capture_output=True, text=True, timeout=60, cwd=cwd, env=env
    )


@pytest.mark.parametrize("entry", ENTRIES)
def test_a_file_in_a_folder_without_permission(
    entry: str, unprivileged: list[str], tmp_path: Path
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    name = f"locked/{FILE_ENTRIES[entry]}"
    (tmp_path / name).write_text(VALID[entry], encoding="utf-8")
    locked.chmod(0)
    try:
        result = as_user(unprivileged, *args_for(entry, name), cwd=tmp_path)
    finally:
        locked.chmod(0o755)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("clarity: error:")]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"clarity: error: {name}:"), errors
    assert "permission denied" in errors[0]


@pytest.mark.parametrize("target", ["charters", "."])
def test_linting_a_folder_without_permission_is_an_error_not_silence(
    target: str, unprivileged: list[str], tmp_path: Path
) -> None:
    charters = tmp_path / "charters"
    (charters / "locked").mkdir(parents=True)
    (charters / "ok.charter.yaml").write_text(VALID["lint"], encoding="utf-8")
    (charters / "locked" / "hidden.charter.yaml").write_text(VALID["lint"], encoding="utf-8")
    (charters / "locked").chmod(0)
    try:
        result = as_user(
            unprivileged, "lint", "--no-config", "--format", "json", target, cwd=tmp_path
        )
    finally:
        (charters / "locked").chmod(0o755)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    assert "clarity: error: charters/locked: cannot read the folder: permission denied" in (
        result.stderr
    )
    assert json.loads(result.stdout)["summary"]["delegations"] == 1


def test_a_rule_pack_folder_without_permission(unprivileged: list[str], tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "rules.yaml").write_text(VALID["rules-validate"], encoding="utf-8")
    pack.chmod(0)
    try:
        result = as_user(unprivileged, "rules", "validate", "pack", cwd=tmp_path)
    finally:
        pack.chmod(0o755)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    assert "clarity: error: pack: cannot read the rule pack folder: permission denied" in (
        result.stderr
    )
