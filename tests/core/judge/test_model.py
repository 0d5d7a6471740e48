"""The meaning model's files: found, or one clear error."""

from __future__ import annotations

import pytest

from clarity.core.errors import ClarityError
from clarity.core.judge import model as model_module


def test_a_missing_model_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_module.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ClarityError, match="meaning model is missing"):
        model_module.model_files()
