"""The options of `clarity lint`, as its one parser (cli/lintargs.py) reads them."""

from __future__ import annotations

from pathlib import Path

from clarity.core.values import Value


class LintOptions(Value):
    __slots__ = (
        "baseline",
        "color",
        "config",
        "exit_zero",
        "fail_level",
        "force_exclude",
        "format",
        "ignore",
        "jobs",
        "no_cache",
        "no_config",
        "no_respect_gitignore",
        "output",
        "paths",
        "quiet",
        "rules",
        "select",
        "statistics",
        "stdin_filename",
        "update_baseline",
        "verbose",
    )
    __match_args__ = (
        "paths",
        "format",
        "output",
        "fail_level",
        "jobs",
        "config",
        "no_config",
        "baseline",
        "update_baseline",
        "select",
        "ignore",
        "rules",
        "force_exclude",
        "no_respect_gitignore",
        "color",
        "quiet",
        "verbose",
        "exit_zero",
        "statistics",
        "stdin_filename",
        "no_cache",
    )

    def __init__(
        self,
        paths: list[str] | None = None,
        format: str | None = None,
        output: Path | None = None,
        fail_level: str | None = None,
        jobs: int | None = None,
        config: Path | None = None,
        no_config: bool = False,
        baseline: Path | None = None,
        update_baseline: bool = False,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        rules: list[Path] | None = None,
        force_exclude: bool = False,
        no_respect_gitignore: bool = False,
        color: str | None = None,
        quiet: int = 0,
        verbose: bool = False,
        exit_zero: bool = False,
        statistics: bool = False,
        stdin_filename: str | None = None,
        no_cache: bool = False,
    ) -> None:
        self.paths = [] if paths is None else paths
        self.format = format
        self.output = output
        self.fail_level = fail_level
        self.jobs = jobs
        self.config = config
        self.no_config = no_config
        self.baseline = baseline
        self.update_baseline = update_baseline
        self.select = [] if select is None else select
        self.ignore = [] if ignore is None else ignore
        self.rules = [] if rules is None else rules
        self.force_exclude = force_exclude
        self.no_respect_gitignore = no_respect_gitignore
        #: --color: auto, always or never (None: auto).
        self.color = color
        #: -q: 1 prints findings only (no summary, no warnings); -qq: nothing, the exit code.
        self.quiet = quiet
        self.verbose = verbose
        self.exit_zero = exit_zero
        self.statistics = statistics
        self.stdin_filename = stdin_filename
        #: --no-cache: lint every file, neither reading nor keeping results.
        self.no_cache = no_cache
