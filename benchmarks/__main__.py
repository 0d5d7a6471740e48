"""``python -m benchmarks``: clarity measured side by side with yamllint and bare libyaml.

Generates synthetic charter trees (YAML and Markdown) in a temporary folder, runs every command
round-robin for N repetitions (after one warm-up round), and prints the medians, the peak
memory and the ratios against the targets of docs/benchmarks.md. Run it from the source tree,
with clarity installed (``pip install -e '.[bench]'``, which brings yamllint).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.generate import ROOT, Tree, answer_sets, make_tree
from benchmarks.interview import first_question, median
from benchmarks.measure import LIBYAML_SCRIPT, Command, alternate
from benchmarks.scoring import Throughput, batches, scoring_throughput

MB = 1024 * 1024
UNIQUE = "every text unique"
NEW_TEXTS = "clarity lint, one charter, texts never judged"
CHECK = "clarity check --answers, one file"


@dataclass(frozen=True)
class Plan:
    sizes: tuple[int, ...]
    repetitions: int
    startup_repetitions: int
    markdown_share: float
    scoring_seconds: float
    scoring_sets: int
    yamllint_max: int


PLANS = {
    "full": Plan((1000, 10000), 3, 15, 0.25, 3.0, 2000, 1000),
    "quick": Plan((100, 1000), 3, 7, 0.25, 1.0, 500, 1000),
    "smoke": Plan((10, 40), 1, 1, 0.25, 0.2, 20, 40),
}


def _tool(name: str) -> str | None:
    """A console script next to this Python (the venv's), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    return shutil.which(name)


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    import yaml

    try:
        from yaml import _yaml  # type: ignore[attr-defined]

        libyaml = str(_yaml.get_version_string())
    except ImportError:
        libyaml = "not available"
    try:
        from importlib.metadata import version

        yamllint = version("yamllint")
    except Exception:
        yamllint = "not installed"
    from clarity import __version__

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "python": platform.python_version(),
        "os": platform.platform(),
        "clarity": __version__,
        "yamllint": yamllint,
        "PyYAML": yaml.__version__,
        "libyaml": libyaml,
    }


@dataclass
class Results:
    machine: dict[str, str]
    plan: Plan
    trees: dict[int, Tree]
    commands: dict[str, Command]
    scoring: Throughput
    scoring_unique: Throughput
    unique_files: int = 0
    #: Seconds from starting ``clarity check`` to its first question, one per round.
    first_question: tuple[float, ...] = ()


def run(plan: Plan, workdir: Path) -> Results:
    clarity = _tool("clarity")
    if clarity is None:
        raise SystemExit("benchmarks: the clarity console script is not installed")
    compile_clarity()
    yamllint = _tool("yamllint")
    trees: dict[int, Tree] = {}
    for size in plan.sizes:
        md = max(1, round(size * plan.markdown_share))
        trees[size] = make_tree(workdir / f"tree-{size}", size, md, seed=size)
        say(f"generated {size} YAML + {md} Markdown charters ({trees[size].bytes / MB:.1f} MiB)")
    compared = _compared(plan.sizes)
    # The same charters with every text made unique: nothing clarity remembers helps (a floor).
    unique_tree = make_tree(
        workdir / f"tree-{compared}-unique", compared, 0, seed=compared, unique=True
    )
    say(f"generated {compared} YAML charters with every text unique")
    one = sorted((trees[plan.sizes[0]].yaml_dir).rglob("*.charter.yaml"))[0]

    def lint(key: str, target: Path, *, kept: bool = False) -> Command:
        # Trees are linted afresh each round (--no-cache: no kept results, only the judges'
        # decisions); one charter linted again is a pre-commit run over an unchanged file.
        again = [] if kept else ["--no-cache"]
        return Command(key, [clarity, "lint", "--no-config", *again, str(target)], ok=(0, 1))

    # Texts never judged: these runs keep their own cache folder (so the built pack stays
    # cached, as on a machine that ran clarity before) and forget every decision first,
    # without touching the decisions the other commands read.
    cold_home = workdir / "cold-cache"

    def cold(key: str, target: Path) -> Command:
        forget = (
            f'rm -f "{cold_home}/clarity/judged.sqlite3"; '
            f'XDG_CACHE_HOME="{cold_home}" exec "$0" "$@"'
        )
        return Command(
            key, ["sh", "-c", forget, clarity, "lint", "--no-config", str(target)], ok=(0, 1)
        )

    startup = [
        Command("python -c pass", [sys.executable, "-c", "pass"]),
        # Linted before (its result is kept: a pre-commit run over a charter that did not
        # change) and never judged (the decisions and results forgotten before each run).
        lint("clarity lint, one charter", one, kept=True),
        cold(NEW_TEXTS, one),
    ]
    if yamllint:
        startup.append(
            Command("yamllint, one charter", [yamllint, "-d", "relaxed", str(one)], (0, 1))
        )
    say(f"start-up: {plan.startup_repetitions} rounds of {len(startup)} commands")
    alternate(startup, plan.startup_repetitions)

    # clarity check on an answers file, and the interview's first question, in a folder with
    # no configuration (as a leader's own folder would be).
    asked = workdir / "check"
    asked.mkdir(exist_ok=True)
    answers = asked / "answers.yaml"
    answers.write_bytes((ROOT / "examples" / "missed-deadline.yaml").read_bytes())
    checking = [Command(CHECK, [clarity, "check", "--answers", answers.name], ok=(0, 1))]
    if yamllint:
        checking.append(
            Command("yamllint, answers, one file", [yamllint, "-d", "relaxed", answers.name])
        )
    say(f"check: {plan.startup_repetitions} rounds of {len(checking)} commands")
    alternate(checking, plan.startup_repetitions, cwd=str(asked))
    say(f"check: the first question, {plan.startup_repetitions} starts")
    asking = first_question(clarity, plan.startup_repetitions, asked)
    startup += checking

    trees_cmds: list[Command] = []
    for size, tree in trees.items():
        trees_cmds.append(lint(f"clarity lint, {size} YAML", tree.yaml_dir))
        if yamllint and size <= plan.yamllint_max:
            trees_cmds.append(
                Command(
                    f"yamllint, {size} YAML",
                    [yamllint, "-d", "relaxed", str(tree.yaml_dir)],
                    (0, 1),
                )
            )
        trees_cmds.append(
            Command(
                f"libyaml parse, {size} YAML",
                [sys.executable, "-c", LIBYAML_SCRIPT, str(tree.yaml_dir)],
            )
        )
        trees_cmds.append(lint(f"clarity lint, {size} YAML+MD", tree.root))
    trees_cmds.append(cold(f"clarity lint, {compared} YAML, {UNIQUE}", unique_tree.yaml_dir))
    trees_cmds.append(
        Command(
            f"libyaml parse, {compared} YAML, {UNIQUE}",
            [sys.executable, "-c", LIBYAML_SCRIPT, str(unique_tree.yaml_dir)],
        )
    )
    say(f"trees: {plan.repetitions} rounds of {len(trees_cmds)} commands")
    alternate(trees_cmds, plan.repetitions)

    say(
        f"scoring: new answer sets in batches of {plan.scoring_sets} for {plan.scoring_seconds:g} s"
    )
    throughput = _score(batches(answer_sets, plan.scoring_sets), plan.scoring_seconds)
    say("scoring again, with every text unique")
    unique = _score(batches(answer_sets, plan.scoring_sets, unique=True), plan.scoring_seconds)
    commands = {c.key: c for c in startup + trees_cmds}
    return Results(
        machine(), plan, trees, commands, throughput, unique, unique_tree.yaml_files, tuple(asking)
    )


def _score(sets: Iterator[list[dict[str, Any]]], seconds: float) -> Throughput:
    try:
        return scoring_throughput(sets, seconds)
    except Exception as exc:  # report what was measured, and why this was not
        say(f"scoring failed: {type(exc).__name__}: {exc}")
        return Throughput(0, 0.0)


def compile_clarity() -> None:
    """Write the byte code of the installed clarity, as pip does when it installs a package
    (an editable install, or PYTHONDONTWRITEBYTECODE, would leave clarity compiling its own
    source on every start while yamllint does not)."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("clarity")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("benchmarks: clarity is not installed")
    for folder in spec.submodule_search_locations:
        if not compileall.compile_dir(folder, quiet=1):
            say(f"warning: could not compile everything under {folder}")


def say(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


# -- the table ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    target: str
    measured: str
    ratio: float
    limit: float
    higher_is_better: bool = False

    @property
    def met(self) -> bool:
        if math.isnan(self.ratio):
            return False
        return self.ratio >= self.limit if self.higher_is_better else self.ratio <= self.limit


def _compared(sizes: tuple[int, ...]) -> int:
    """The tree compared with yamllint and libyaml (and again with every text unique)."""
    return 1000 if 1000 in sizes else sizes[0]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.2f} s"


def checks(results: Results) -> list[Check]:
    c = results.commands
    sizes = results.plan.sizes
    small, large = sizes[0], sizes[-1]
    out: list[Check] = []

    def ratio(a: str, b: str) -> float:
        if a in c and b in c and c[a].times and c[b].times:
            return c[a].median / c[b].median
        return float("nan")

    out.append(
        Check(
            "one charter linted before: clarity lint ≤ 1.0× yamllint (same file)",
            "clarity lint / yamllint, one YAML charter, its result kept",
            ratio("clarity lint, one charter", "yamllint, one charter"),
            1.0,
        )
    )
    out.append(
        Check(
            "one charter never judged: clarity lint ≤ 2× yamllint (same file)",
            "clarity lint / yamllint, one YAML charter, texts new",
            ratio(NEW_TEXTS, "yamllint, one charter"),
            2.0,
        )
    )
    compared = _compared(sizes)
    out.append(
        Check(
            f"{compared} YAML charters: clarity lint ≤ 0.10× yamllint (same tree)",
            f"clarity lint / yamllint, {compared} YAML files",
            ratio(f"clarity lint, {compared} YAML", f"yamllint, {compared} YAML"),
            0.10,
        )
    )
    out.append(
        Check(
            f"{compared} YAML charters: clarity lint ≤ 3× bare libyaml parsing",
            f"clarity lint / libyaml parse, {compared} YAML files",
            ratio(f"clarity lint, {compared} YAML", f"libyaml parse, {compared} YAML"),
            3.0,
        )
    )
    out.append(
        Check(
            f"{compared} YAML charters, every text never judged: clarity lint ≤ 5× bare libyaml",
            f"clarity lint / libyaml parse, {compared} YAML files, {UNIQUE}, decisions forgotten",
            ratio(
                f"clarity lint, {compared} YAML, {UNIQUE}",
                f"libyaml parse, {compared} YAML, {UNIQUE}",
            ),
            5.0,
        )
    )
    out.append(
        Check(
            "one answers file: clarity check --answers ≤ 2× yamllint (same file)",
            "clarity check / yamllint, one answers file",
            ratio(CHECK, "yamllint, answers, one file"),
            2.0,
        )
    )
    out.append(
        Check(
            "the interview's first question on screen within 0.5 s",
            "seconds from starting clarity check to its first question (80x24 terminal)",
            median(list(results.first_question)),
            0.5,
        )
    )
    peak = max(
        (cmd.peak_mb for key, cmd in c.items() if key.startswith("clarity") and cmd.peaks),
        default=float("nan"),
    )
    out.append(
        Check(
            f"{large} charters: peak memory of any process ≤ 150 MB",
            "largest RSS of any clarity process (MB)",
            peak,
            150.0,
        )
    )
    factor = large / small
    out.append(
        Check(
            f"{factor:g}× the files costs ≤ {1.1 * factor:g}× the time",
            f"clarity lint time, {large} / {small} YAML+MD",
            ratio(f"clarity lint, {large} YAML+MD", f"clarity lint, {small} YAML+MD"),
            1.1 * factor,
        )
    )
    return out


def table(results: Results) -> list[str]:
    lines = ["", "| command | files | median | peak memory | runs |", "|---|---:|---:|---:|---:|"]
    files = {"one charter": 1, "texts never judged": 1, "one file": 1, UNIQUE: results.unique_files}
    for size, tree in results.trees.items():
        files[f"{size} YAML+MD"] = tree.files
        files[f"{size} YAML"] = tree.yaml_files
    for key, cmd in results.commands.items():
        count = next((str(n) for suffix, n in files.items() if key.endswith(suffix)), "-")
        lines.append(
            f"| {key} | {count} | {_ms(cmd.median)} | {cmd.peak_mb:,.1f} MB | {len(cmd.times)} |"
        )
    lines.append("")
    for label, s in (
        ("wording drawn from the corpus", results.scoring),
        ("every text unique", results.scoring_unique),
    ):
        lines.append(
            f"scoring ({label}): {s.sets:,} answer sets, each scored once, in {s.seconds:.2f} s "
            f"= {s.per_second:,.0f} per second"
        )
    lines += ["", "| target | measured | ratio | limit | met |", "|---|---|---:|---:|---|"]
    for check in checks(results):
        shown = f"{check.ratio:,.0f}" if check.limit >= 100 else f"{check.ratio:.3f}"
        limit = f"{check.limit:,.0f}" if check.limit >= 100 else f"{check.limit:g}"
        verdict = "met" if check.met else "NOT MET"
        lines.append(f"| {check.target} | {check.measured} | {shown} | {limit} | {verdict} |")
    errors = [(k, e) for k, cmd in results.commands.items() for e in cmd.errors]
    for key, error in errors[:10]:
        lines.append(f"warning: {key}: {error}")
    return lines


def as_json(results: Results) -> dict[str, object]:
    return {
        "machine": results.machine,
        "plan": results.plan.__dict__,
        "trees": {
            str(k): {
                "yaml": t.yaml_files,
                "markdown": t.markdown_files,
                "bytes": t.bytes,
                "delegations": t.delegations,
            }
            for k, t in results.trees.items()
        },
        "commands": {
            k: {
                "argv": c.argv,
                "times": c.times,
                "median": c.median,
                "peak_mb": c.peak_mb,
                "codes": c.codes,
                "errors": c.errors,
            }
            for k, c in results.commands.items()
        },
        "scoring": {
            "sets": results.scoring.sets,
            "seconds": results.scoring.seconds,
            "per_second": results.scoring.per_second,
        },
        "scoring_every_text_unique": {
            "sets": results.scoring_unique.sets,
            "seconds": results.scoring_unique.seconds,
            "per_second": results.scoring_unique.per_second,
        },
        "first_question_seconds": list(results.first_question),
        "checks": [
            {"target": x.target, "ratio": x.ratio, "limit": x.limit, "met": x.met}
            for x in checks(results)
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="100 and 1,000 files, 3 rounds")
    mode.add_argument("--smoke", action="store_true", help="a few seconds: checks it runs")
    parser.add_argument("--sizes", help="tree sizes in YAML files, e.g. 1000,10000")
    parser.add_argument("--repetitions", "-n", type=int, help="rounds over the tree commands")
    parser.add_argument("--startup-repetitions", type=int, help="rounds over one-file commands")
    parser.add_argument("--scoring-seconds", type=float, help="how long to score")
    parser.add_argument(
        "--yamllint-max", type=int, help="run yamllint on trees up to this size (slow)"
    )
    parser.add_argument("--workdir", type=Path, help="generate the trees here (kept)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write raw figures here")
    args = parser.parse_args(argv)
    plan = PLANS["smoke" if args.smoke else "quick" if args.quick else "full"]
    changes: dict[str, object] = {}
    if args.sizes:
        changes["sizes"] = tuple(int(s) for s in args.sizes.split(","))
    for name in ("repetitions", "startup_repetitions", "scoring_seconds", "yamllint_max"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    plan = Plan(**{**plan.__dict__, **changes})  # type: ignore[arg-type]
    if len(plan.sizes) < 2 or any(s < 1 for s in plan.sizes):
        parser.error("--sizes needs two or more positive sizes, smallest first")
    info = machine()
    sys.stdout.write(
        f"clarity {info['clarity']} on {info['cpu']}, {info['cores']} cores, {info['memory']}, "
        f"Python {info['python']}, {info['os']}; yamllint {info['yamllint']}, "
        f"PyYAML {info['PyYAML']}, libyaml {info['libyaml']}\n"
    )
    sys.stdout.flush()
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        results = run(plan, args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="clarity-bench-") as tmp:
            results = run(plan, Path(tmp))
    sys.stdout.write("\n".join(table(results)) + "\n")
    if args.json:
        args.json.write_text(json.dumps(as_json(results), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
