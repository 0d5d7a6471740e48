"""clarity lint: team charters checked like code, each finding on the line a reviewer sees."""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from clarity.core.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, ClarityError
from clarity.core.findings import LintFinding, LintRun

if TYPE_CHECKING:
    from clarity.core.pack import Rule


@dataclass
class LintOptions:
    paths: list[str] = field(default_factory=list)
    format: str | None = None
    output: Path | None = None
    fail_level: str | None = None
    jobs: int | None = None
    config: Path | None = None
    no_config: bool = False
    baseline: Path | None = None
    update_baseline: bool = False
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    rules: list[Path] = field(default_factory=list)


def chosen_format(fmt: str | None) -> str:
    """The format asked for; in GitHub Actions, annotations unless another was asked for."""
    if fmt is not None:
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def run(opts: LintOptions) -> int:
    from clarity.core.config import load_config
    from clarity.core.lint import LintSettings, lint_paths
    from clarity.core.pack import load_pack
    from clarity.core.suppress import META_RULES

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
    config = load_config(opts.config, opts.no_config, Path.cwd()).with_cli(
        select=opts.select or None, ignore=opts.ignore, fail_level=opts.fail_level
    )
    pack_paths = [*config.packs, *opts.rules]
    limits = config.limits
    pack = load_pack(pack_paths, limits)
    config.check_rules(
        {c.rule.id for c in pack.rules} | set(META_RULES), {c.rule.name for c in pack.rules}
    )
    result = lint_paths(
        opts.paths or ["."],
        pack=pack,
        pack_paths=pack_paths,
        include=config.include,
        exclude=config.exclude,
        relative=config.relative,
        settings=LintSettings(config=config, limits=limits),
        jobs=opts.jobs,
        fail_level=config.fail_level,
    )
    if opts.baseline is not None:
        _apply_baseline(result, opts.baseline, update=opts.update_baseline)
    text = render(result, fmt, [c.rule for c in pack.rules], opts.output)
    from clarity.cli.guard import err
    from clarity.cli.output import emit

    emit(text, opts.output)
    if fmt != "text" or (opts.output is not None and str(opts.output) != "-"):
        for d in result.diagnostics:
            where = ":".join(str(p) for p in (d.path, d.line, d.column) if p is not None)
            err(f"clarity: error: {where}: {d.message}")
    if not result.files:
        err(
            "clarity: warning: no charter files found (looked for "
            + ", ".join(config.include)
            + ")"
        )
    return exit_code(result)


def exit_code(result: LintRun) -> int:
    """2 if any file could not be linted, else 1 if a finding is at or above the fail level."""
    if result.diagnostics:
        return EXIT_USAGE
    if result.failing():
        return EXIT_FINDINGS
    return EXIT_OK


def _apply_baseline(result: LintRun, path: Path, *, update: bool) -> None:
    """Keep only the findings that are not in the baseline (writing it first if asked)."""
    from clarity.core.baseline import load_baseline, write_baseline

    if update:
        write_baseline(path, result.findings)
        from clarity.cli.guard import err

        err(f"clarity: wrote {len(result.findings)} finding(s) to the baseline {path}")
    baseline = load_baseline(path)
    kept: Counter[LintFinding] = Counter(baseline.filter(result.findings))
    for file in result.files:
        remaining = []
        for finding in file.findings:
            if kept[finding] > 0:
                kept[finding] -= 1
                remaining.append(finding)
        file.findings = remaining


def render(result: LintRun, fmt: str, rules: list[Rule], output: Path | None) -> str:
    """The run in one format. Renderers are imported only when they are used."""
    if fmt == "json":
        from clarity.cli.render.lint_json import render as as_json

        return as_json(result)
    if fmt == "sarif":
        from clarity.cli.render.sarif import render as as_sarif

        return as_sarif(result, rules)
    if fmt == "github":
        from clarity.cli.render.github import render as as_github

        return as_github(result, rules)
    if fmt == "junit":
        from clarity.cli.render.junit import render as as_junit

        return as_junit(result, rules)
    from clarity.cli.render.lint_text import render as as_text

    return as_text(result, color=_color(output))


def _color(output: Path | None) -> bool:
    if output is not None and str(output) != "-":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
