from __future__ import annotations

import signal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    """Started in the background (``cmd &``, ``nohup``), the run inherits SIGINT ignored, and so
    would every clarity it starts: the tests of Ctrl-C stand for a user at a terminal, whose
    clarity gets SIGINT, so the run gives its children the default handling back."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True)
def _no_home_writes(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test may write to the real home folder: point HOME at a temporary one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    # One cache folder for the whole run: the built pack and the judges' decisions are keyed
    # by what they came from, so sharing them is what a user's machine does, and it spares
    # every command of every test loading the meaning model again. Tests of the caches
    # themselves point XDG_CACHE_HOME (or CLARITY_NO_CACHE) elsewhere.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "shared-cache"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    # Reports take their size from COLUMNS and LINES: the ones a test runs under must not leak in.
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
