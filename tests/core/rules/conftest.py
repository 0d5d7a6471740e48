"""Fixtures of the rule pack's tests."""

from __future__ import annotations

import pytest

from clarity.core.rules import pack as pack_module


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times the pack is built from its files (a 1 per build)."""
    built: list[int] = []
    build = pack_module.build_pack_from

    def counted(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        built.append(1)
        return build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pack_module, "build_pack_from", counted)
    return built
