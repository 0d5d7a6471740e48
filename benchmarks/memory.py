"""Peak memory of `clarity lint` by output format, on a tree of synthetic charters.

    python -m benchmarks.memory                 # 10,000 charters, every format, output to a file
    python -m benchmarks.memory --charters 500  # a quicker look

After one unmeasured run (which compiles and caches the rule pack), each format runs once as
its own process (``--format F --output FILE``), measured by
``measure.run_once`` (``os.wait4``'s peak resident set of the command or of any worker it
waited for). Prints a Markdown table: the figures recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.generate import make_tree
from benchmarks.measure import run_once

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")


def clarity() -> str:
    found = Path(sys.executable).parent / "clarity"
    return str(found) if found.exists() else shutil.which("clarity") or "clarity"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memory")
    parser.add_argument(
        "--charters", type=int, default=10_000, help="YAML charters (default 10,000)"
    )
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="clarity-memory-") as work:
        root = Path(work)
        tree = make_tree(root / "tree", args.charters, 0)
        sys.stderr.write(f"{args.charters:,} charters, {tree.delegations:,} delegations\n")
        sys.stdout.write("| format | peak memory | output | wall time | exit |\n")
        sys.stdout.write("|---|---:|---:|---:|---:|\n")
        # A first run compiles and caches the rule pack: not what is measured.
        run_once([clarity(), "lint", "--no-config", "--output", str(root / "warm"), str(tree.root)])
        for fmt in args.formats.split(","):
            out = root / f"report.{fmt}"
            argv_ = [clarity(), "lint", "--no-config", "--format", fmt, "--output", str(out)]
            elapsed, peak, code, tail = run_once([*argv_, str(root / "tree")])
            size = out.stat().st_size / 2**20 if out.exists() else 0.0
            row = f"| {fmt} | {peak / 1024:.0f} MB | {size:.0f} MiB | {elapsed:.1f} s | {code} |"
            sys.stdout.write(row + "\n")
            sys.stdout.flush()
            if code not in (0, 1):
                sys.stderr.write(f"  {fmt}: {tail}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
