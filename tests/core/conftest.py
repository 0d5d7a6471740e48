from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.models import Answers
from clarity.core.reading.answers import read_answers
from clarity.core.rules.pack import Pack, load_pack
from clarity.core.scoring.engine import Report, score
from tests.conftest import EXAMPLES


@pytest.fixture(scope="session")
def builtin_pack() -> Pack:
    """The built-in rule pack, loaded once for the core's tests (no installed plugin packs)."""
    return load_pack([], plugins=False)


@pytest.fixture(scope="session")
def example_report(builtin_pack: Pack):  # type: ignore[no-untyped-def]
    """Score one of the examples by name (``in-harmony``, ``missed-deadline``, ...)."""

    def scored(name: str, **changes: object) -> Report:
        data = dict(read_answers(str(Path(EXAMPLES) / f"{name}.yaml"), None).data)  # type: ignore[arg-type]
        data.update(changes)
        return score(Answers.validate(data), builtin_pack)

    return scored
