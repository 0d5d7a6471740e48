"""Bounds on untrusted input, applied before anything expensive runs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """How much input clarity accepts. Every bound is checked before parsing goes deeper."""

    max_file_bytes: int = 5 * 1024 * 1024
    max_depth: int = 64
    max_text_chars: int = 20_000
    pattern_timeout_seconds: float = 0.25


DEFAULT_LIMITS = Limits()
