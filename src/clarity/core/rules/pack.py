"""The rule pack every command uses: questions, rules, traps, verdicts, advice and scores.

:func:`load_pack` is the one way to get it. It lays the packs over one another (the built-in
pack, then the packs installed through the ``clarity.rules`` entry point group, then the
configuration's and ``--rules``), and gives the compiled pack (``compiled.Pack``, plain data):
from the cache when it holds a current copy (``packcache``), else built from the files
(``build``, where the models validate them) and cached; with an empty cache, the built-in pack
alone is read as compiled when clarity was packaged (``packcache.read_shipped``). ``check``,
``lint``, ``compare``, ``session`` and ``rules`` all load it here, so they all see the same
rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from clarity.core.errors import ClarityError
from clarity.core.limits import DEFAULT_LIMITS, Limits
from clarity.core.places import builtin_pack_path as builtin_pack_path
from clarity.core.places import cache_dir
from clarity.core.record import say as say  # re-exported: pack texts are said per perspective
from clarity.core.rules.compiled import DIMENSIONS as DIMENSIONS
from clarity.core.rules.compiled import SEVERITIES as SEVERITIES
from clarity.core.rules.compiled import VERDICTS as VERDICTS
from clarity.core.rules.compiled import Advice as Advice
from clarity.core.rules.compiled import CompiledRule as CompiledRule
from clarity.core.rules.compiled import Examples as Examples
from clarity.core.rules.compiled import FollowUp as FollowUp
from clarity.core.rules.compiled import Pack as Pack
from clarity.core.rules.compiled import Question as Question
from clarity.core.rules.compiled import Rule as Rule
from clarity.core.rules.compiled import ScoreItem as ScoreItem
from clarity.core.rules.compiled import Scores as Scores
from clarity.core.rules.compiled import Trap as Trap
from clarity.core.rules.compiled import Verdict as Verdict
from clarity.core.rules.compiled import Worded as Worded
from clarity.core.rules.compiled import Wording as Wording


def load_pack(
    paths: Iterable[Path] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    *,
    plugins: bool = True,
) -> Pack:
    """The built-in pack, then the packs installed with the entry point group
    ``clarity.rules`` (unless ``plugins`` is false), then ``paths``, each laid over the last:
    from the cache when it is current, else built (with all its checks and errors) and cached.
    """
    from clarity.core.rules import packcache

    extra = [Path(p) for p in paths or ()]
    folder = cache_dir()
    entry: Path | None = None
    key = ""
    if folder is not None:
        try:
            key = packcache.cache_key(extra, limits, plugins)
            entry = folder / packcache.entry_name(key)
            cached = packcache.read_entry(entry, key) if entry.exists() else None
            if cached is not None:
                return cached
        except Exception:
            entry = None
    shipped = _shipped(extra, limits, plugins) if folder is not None else None  # (no cache: none)
    if shipped is not None:
        pack, read = shipped, [builtin_pack_path()]
    else:
        pack, read = build_pack_from(extra, limits, plugins=plugins)
    if entry is not None:
        packcache.write_entry(entry, key, pack, packcache.pack_folders(read))
    return pack


def _shipped(extra: list[Path], limits: Limits, plugins: bool) -> Pack | None:
    """The built-in pack as compiled when clarity was packaged, when nothing is laid over it
    (no pack of one's own, none installed) and the limits are the defaults it was built with."""
    from clarity.core.rules import packcache

    if extra or limits != DEFAULT_LIMITS:
        return None
    if plugins:
        from clarity.core.rules.plugins import installed_packs

        if installed_packs():
            return None
    return packcache.read_shipped(builtin_pack_path())


def build_pack_from(
    paths: Iterable[Path], limits: Limits = DEFAULT_LIMITS, *, plugins: bool = True
) -> tuple[Pack, list[Path]]:
    """The pack built from its files, without the cache, and the packs (files or folders) it
    was read from."""
    from clarity.core.rules.build import build_layers, load_pack_files

    # The built-in pack is clarity's own: read within the defaults whatever the user's limits.
    read = [builtin_pack_path()]
    layers = [load_pack_files(builtin_pack_path(), DEFAULT_LIMITS)]
    if plugins:
        from clarity.core.rules.plugins import installed_packs

        for plugin in installed_packs():
            try:
                layers.append(load_pack_files(plugin.path, limits))
            except ClarityError as exc:
                origin = f"the pack comes from {plugin.label}"
                exc.hint = f"{exc.hint}; {origin}" if exc.hint else origin
                raise
            read.append(plugin.path)
    for extra in paths:
        layers.append(load_pack_files(extra, limits))
        read.append(extra)
    return build_layers(layers, limits), read
