"""The options of `clarity check`, as its one parser (cli/checkargs.py) reads them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class CheckOptions:
    task: str | None = None
    answers: str | None = None
    sets: list[str] = field(default_factory=list)
    perspective: str | None = None
    format: str = "text"
    output: Path | None = None
    strict: bool = False
    rules: list[Path] = field(default_factory=list)
    save: bool | None = None  # --save/--no-save; None: the configuration's `save`
    journal: Path | None = None
    detail: bool = False  # the whole text report, not the first screen
    pager: bool = False
    defaults: bool = False  # ask nothing: the task's latest saved answers fill what is not given
