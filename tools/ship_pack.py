"""Compile the built-in rule pack into its folder (``rules/compiled.pickle``), as shipped.

Run from the repository after changing the built-in pack's YAML files or the modules whose
objects the compiled pack holds (``packcache._PICKLED_MODULES``): python tools/ship_pack.py.
A machine whose cache is empty reads this file instead of building the pack; a test fails when
it is stale (and clarity then builds the pack, as without it).
"""

from __future__ import annotations

from clarity.core.limits import DEFAULT_LIMITS
from clarity.core.places import builtin_pack_path
from clarity.core.rules.pack import build_pack_from
from clarity.core.rules.packcache import write_shipped


def main() -> None:
    pack, _ = build_pack_from([], DEFAULT_LIMITS, plugins=False)
    target = write_shipped(pack, builtin_pack_path())
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
