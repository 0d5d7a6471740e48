"""clarity config: the effective configuration, and where each value came from."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clarity.core.errors import EXIT_OK, ClarityError
from clarity.core.settings.config import LoadedConfig, load_config
from clarity.core.text import visible

ORIGINS = {
    "found": "the nearest to the working directory",
    "--config": "--config",
    "--no-config": "--no-config: defaults only",
    "default": "none found: defaults only",
}
_WIDTH = 48


@dataclass
class ConfigOptions:
    config: Path | None = None
    no_config: bool = False
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_level: str | None = None
    format: str = "text"


def resolve(opts: ConfigOptions) -> LoadedConfig:
    """The configuration the options ask for, with its rules checked against the packs."""
    if opts.config is not None and opts.no_config:
        raise ClarityError(
            "--config and --no-config cannot be used together", hint="give one of them"
        )
    loaded = load_config(opts.config, opts.no_config).with_cli(
        select=opts.select, ignore=opts.ignore, fail_level=opts.fail_level
    )
    from clarity.core.rules.pack import load_pack

    pack = load_pack(loaded.packs, loaded.limits)
    loaded.check_rules({c.rule.id for c in pack.rules}, {c.rule.name for c in pack.rules})
    return loaded


def run(opts: ConfigOptions) -> int:
    loaded = resolve(opts)
    rows = loaded.provenance()
    if opts.format == "json":
        from clarity.cli.render.json_ import dumps

        text = dumps(
            {
                "version": 1,
                "config": loaded.source,
                "origin": loaded.origin,
                "settings": [{"key": k, "value": v, "source": s} for k, v, s in rows],
            }
        )
    else:
        text = render_text(loaded, rows)
    sys.stdout.write(text)
    sys.stdout.flush()
    return EXIT_OK


def _show(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def render_text(loaded: LoadedConfig, rows: list[tuple[str, Any, str]]) -> str:
    """One line per setting: key, value, and the file:line, option or 'default' it came from."""
    origin = ORIGINS.get(loaded.origin, loaded.origin)
    if loaded.source:
        head = f"{loaded.source} ({origin})"
    else:
        head = "none found (defaults only)" if loaded.origin == "default" else f"none ({origin})"
    lines = [f"Configuration file: {head}", ""]
    table = [(key, _show(value), source) for key, value, source in rows if key != "config"]
    key_width = max(len(key) for key, _, _ in table)
    value_width = min(_WIDTH, max(len(value) for _, value, _ in table))
    lines.append(f"{'setting':<{key_width}}  {'value':<{value_width}}  from")
    for key, value, source in table:
        lines.append(f"{key:<{key_width}}  {value:<{value_width}}  {source}")
    return "".join(visible(line, newlines=False) + "\n" for line in lines)
