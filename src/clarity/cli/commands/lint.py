"""clarity lint: team charters checked like code, each finding on the line a reviewer sees."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.cli.colour import use_color
from clarity.cli.commands.lint_options import LintOptions as LintOptions
from clarity.core.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, ClarityError
from clarity.core.limits import Limits
from clarity.core.scoring.findings import LintFinding, LintRun
from clarity.core.settings.globs import DEFAULT_INCLUDE, matches_any, relative_to
from clarity.core.values import FrozenValue

if TYPE_CHECKING:
    from clarity.core.settings.config import LoadedConfig


def chosen_format(fmt: str | None) -> str:
    """The format asked for; in GitHub Actions, annotations unless another was asked for."""
    if fmt is not None:
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


class PlainConfig(FrozenValue):
    """The settings when no configuration applies and no rule is selected on the command line:
    what ``config.load_config`` then gives, without loading the configuration models."""

    __slots__ = ("cwd", "exclude", "fail_level", "include", "limits", "packs")
    __match_args__ = ("cwd", "fail_level", "limits", "packs", "include", "exclude")

    def __init__(
        self,
        cwd: Path,
        fail_level: str,
        limits: Limits,
        packs: tuple[Path, ...] = (),
        include: tuple[str, ...] = DEFAULT_INCLUDE,
        exclude: tuple[str, ...] = (),
    ) -> None:
        self.cwd = cwd
        self.fail_level = fail_level
        self.limits = limits
        self.packs = packs
        self.include = include
        self.exclude = exclude

    respect_gitignore = True

    def relative(self, path: str | os.PathLike[str]) -> str:
        return relative_to(self.cwd, self.cwd, path)

    def included(self, path: str) -> bool:
        return matches_any(self.include, self.relative(path))

    def excluded(self, path: str, folder: bool = False) -> bool:
        return matches_any(self.exclude, self.relative(path), folder=folder)

    def check_rules(self, known_ids: set[str], known_names: set[str]) -> None:
        """No selector to check."""


def _may_have_config(cwd: Path) -> bool:
    """Whether ``find_config`` could find a configuration from ``cwd`` (cheap, and never says
    no when there is one)."""
    from clarity.core.settings.configs import may_hold_config
    from clarity.core.settings.project import upward

    return any(may_hold_config(folder) for folder in upward(cwd))


def plain_config(opts: LintOptions) -> PlainConfig | None:
    """The settings without the configuration models, when nothing needs them."""
    from clarity.core.limits import effective

    if opts.config is not None or opts.select or opts.ignore:
        return None
    if opts.fail_level not in (None, "error", "warning", "info"):
        return None
    cwd = Path(os.path.normpath(Path.cwd().absolute()))
    if not opts.no_config and _may_have_config(cwd):
        return None
    return PlainConfig(cwd, opts.fail_level or "error", effective(), tuple(opts.rules))


def _stdin_mode(opts: LintOptions) -> bool:
    """``clarity lint -`` (or ``--stdin-filename`` alone): one charter on standard input."""
    if "-" in opts.paths and len(opts.paths) > 1:
        raise ClarityError(
            "'-' reads one charter from standard input",
            key="PATH",
            hint="give either '-' or files and folders, not both",
        )
    if opts.stdin_filename is not None and opts.paths and opts.paths != ["-"]:
        raise ClarityError(
            "--stdin-filename names the charter read from standard input",
            key="--stdin-filename",
            hint="pass '-' as the only path",
        )
    stdin = opts.paths == ["-"] or (opts.stdin_filename is not None and not opts.paths)
    if stdin:
        from clarity.cli.stdin import refuse_a_terminal

        refuse_a_terminal()
    return stdin


def run(opts: LintOptions) -> int:
    from clarity.core.linting.lint import LintSettings, lint_paths
    from clarity.core.linting.suppress import META_RULES
    from clarity.core.rules.pack import load_pack

    fmt = chosen_format(opts.format)
    if opts.update_baseline and opts.baseline is None:
        raise ClarityError(
            "--update-baseline needs the baseline file to write",
            key="--update-baseline",
            hint="pass --baseline FILE as well",
        )
    if opts.config is not None and opts.no_config:
        raise ClarityError(
            "--config and --no-config cannot be used together", hint="keep one of them"
        )
    stdin = _stdin_mode(opts)
    from clarity.core.settings.configs import Configs

    cli: dict[str, Any] = {
        "select": opts.select or None,
        "ignore": opts.ignore,
        "fail_level": opts.fail_level,
    }
    config: PlainConfig | LoadedConfig | None = plain_config(opts)
    if config is None:
        from clarity.core.settings.config import load_config

        config = load_config(opts.config, opts.no_config, Path.cwd()).with_cli(**cli)
        pack_paths = [*config.packs, *opts.rules]
        base_file = config.file
    else:
        pack_paths = list(config.packs)
        base_file = None
    configs = Configs(
        config,
        base_file=base_file,
        fixed=opts.config is not None or opts.no_config,
        cwd=config.cwd,
        cli=cli,
    )
    settings = LintSettings(config=configs, limits=config.limits)
    limits = config.limits
    pack = load_pack(pack_paths, limits)
    configs.check_rules(
        {c.rule.id for c in pack.rules} | set(META_RULES), {c.rule.name for c in pack.rules}
    )
    gitignore = config.respect_gitignore and not opts.no_respect_gitignore
    if stdin:
        from clarity.cli.stdin import lint_stdin

        result = lint_stdin(
            opts.stdin_filename,
            pack=pack,
            settings=settings,
            rules=configs,
            gitignore=gitignore,
            force_exclude=opts.force_exclude,
            fail_level=config.fail_level,
        )
    else:
        from clarity.cli.progress import progress_for

        result = lint_paths(
            opts.paths or ["."],
            pack=pack,
            pack_paths=pack_paths,
            rules=configs,
            gitignore=gitignore,
            force_exclude=opts.force_exclude,
            settings=settings,
            jobs=opts.jobs,
            cache=not opts.no_cache,
            fail_level=config.fail_level,
            progress=progress_for(opts.output, quiet=opts.quiet > 0),
        )
    from clarity.core.settings.project import project_root

    result.cwd = config.cwd
    result.root = project_root(base_file.parent if base_file is not None else None, config.cwd)
    if opts.baseline is not None:
        _apply_baseline(
            result, opts.baseline, update=opts.update_baseline, limits=limits, quiet=opts.quiet
        )
    _report(result, opts, fmt, [c.rule for c in pack.rules])
    from clarity.cli.guard import err

    if opts.verbose:
        err(f"clarity: configuration: {getattr(config, 'source', None) or 'none (defaults)'}")
        for source in configs.nested():
            err(f"clarity: configuration for its folder: {source}")
        err(f"clarity: project root: {result.root}")
        err(f"clarity: linted {len(result.files)} file(s)")
    if not result.files and not opts.quiet and not stdin:
        include = ", ".join(config.include)
        err(f"clarity: warning: no charter files found (looked for {include})")
    if not opts.quiet:
        _warn_empty(result)
    return exit_code(result, exit_zero=opts.exit_zero)


def _warn_empty(result: LintRun) -> None:
    """A charter that was read but lists no delegation passes, as an empty file passes
    yamllint; it is said on standard error, so that a charter emptied by mistake is seen."""
    from clarity.cli.guard import err

    for file in result.files:
        if file.delegations == 0 and not file.diagnostics:
            err(
                f"clarity: warning: {file.path}: no delegations in this charter; list them under "
                "'delegations:' (YAML) or as '## ' sections (Markdown)"
            )


def _report(result: LintRun, opts: LintOptions, fmt: str, rules: list[Any]) -> None:
    """Write the run where and how it was asked (nothing on standard output with -qq)."""
    from clarity.cli.guard import err

    to_stdout = opts.output is None or str(opts.output) == "-"
    if opts.quiet >= 2 and to_stdout:
        return
    color = use_color(opts.output, opts.color)
    if opts.statistics:
        from clarity.cli.output import emit
        from clarity.cli.render.statistics import render as statistics

        emit(statistics(result, fmt, color=color), opts.output)
    elif fmt == "text" and to_stdout:
        # Written file by file as it is drawn: thousands of charters are never held whole.
        from clarity.cli.render.lint_text import chunks

        for chunk in chunks(result, color=color, summary=not opts.quiet):
            sys.stdout.write(chunk)
        sys.stdout.flush()
    else:
        from clarity.cli.output import emit

        emit(pieces(result, fmt, rules, opts.output, color=color), opts.output)
    if fmt != "text" or not to_stdout or opts.statistics:
        for d in result.diagnostics:
            where = ":".join(str(p) for p in (d.path, d.line, d.column) if p is not None)
            err(f"clarity: error: {where}: {d.message}")


def exit_code(result: LintRun, *, exit_zero: bool = False) -> int:
    """2 if any file could not be linted, else 1 if a finding is at or above the fail level
    (0 with --exit-zero)."""
    if result.diagnostics:
        return EXIT_USAGE
    if result.failing() and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


def _apply_baseline(
    result: LintRun, path: Path, *, update: bool, limits: Limits | None = None, quiet: int = 0
) -> None:
    """Keep only the findings that are not in the baseline (writing it first if asked)."""
    from clarity.core.linting.baseline import load_baseline, write_baseline

    if update:
        write_baseline(path, result.findings, result.where)
        from clarity.cli.guard import err

        if not quiet:
            err(f"clarity: wrote {len(result.findings)} finding(s) to the baseline {path}")
    baseline = load_baseline(path) if limits is None else load_baseline(path, limits)
    kept: Counter[LintFinding] = Counter(baseline.filter(result.findings, result.where))
    for file in result.files:
        remaining = []
        for finding in file.findings:
            if kept[finding] > 0:
                kept[finding] -= 1
                remaining.append(finding)
        file.findings = remaining


def render(
    result: LintRun, fmt: str, rules: list[Any], output: Path | None, *, color: bool | None = None
) -> str:
    """The run in one format, whole (see ``pieces``)."""
    return "".join(pieces(result, fmt, rules, output, color=color))


def pieces(
    result: LintRun, fmt: str, rules: list[Any], output: Path | None, *, color: bool | None = None
) -> Iterable[str]:
    """The run in one format, piece by piece as it is drawn (JSON, SARIF and GitLab reports
    of thousands of charters are never held whole). Renderers are imported only when used."""
    if fmt == "json":
        from clarity.cli.render.lint_json import pieces as as_json

        return as_json(result)
    if fmt == "sarif":
        from clarity.cli.render.sarif import pieces as as_sarif

        return as_sarif(result, rules)
    if fmt == "github":
        from clarity.cli.render.github import pieces as as_github

        return as_github(result)
    if fmt == "junit":
        from clarity.cli.render.junit import pieces as as_junit

        return as_junit(result)
    if fmt == "gitlab":
        from clarity.cli.render.gitlab import chunks as as_gitlab

        return as_gitlab(result)
    from clarity.cli.render.lint_text import chunks

    return chunks(result, color=use_color(output) if color is None else color)
