"""Configuration for `clarity lint`: which rules, how severe, which files, where it came from.

A configuration is ``.clarity.yaml`` (or ``.clarity.yml``), or the ``[tool.clarity]`` table of
``pyproject.toml``: the nearest one found walking up from the working directory
(``config_files``), never past the repository root (in one folder ``.clarity.yaml`` wins; a ``pyproject.toml`` without
``[tool.clarity]`` is passed over). ``--config FILE`` names one; ``--no-config`` uses the defaults.

Rule selection works like ruff's: ``select`` and ``ignore`` take rule ids, rule names, id
prefixes (``C1``) or ``ALL``; within one layer the more specific selector wins and ``ignore``
wins a tie. The layers are the file, then each matching override in order, then the command
line; a layer with ``select`` decides every rule afresh, one with only ``ignore`` (or an
override) changes just the rules it names. As with ruff's per-file-ignores, what a matching
override ignores stays off whatever the command line selects.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.core.errors import ClarityError, Location
from clarity.core.limits import ENV, RANGES, Limits, effective, value_of
from clarity.core.settings.config_files import display, find_config, read_document, read_values
from clarity.core.settings.config_values import SELECTOR_HELP, ConfigValue, RuleTable
from clarity.core.settings.globs import glob_match as glob_match  # re-exported
from clarity.core.settings.globs import matches_any, relative_to
from clarity.core.settings.selection import ALL, Layer, Settings

if TYPE_CHECKING:
    from clarity.core.reading.yamlsafe import Document, PathKey

# -- the loaded configuration ------------------------------------------------------------


@dataclass(frozen=True)
class LoadedConfig:
    """A validated configuration, where it came from, and the command line over it."""

    config: ConfigValue = field(default_factory=ConfigValue)
    source: str | None = None
    root: Path = field(default_factory=Path.cwd)
    cwd: Path = field(default_factory=Path.cwd)
    origin: str = "default"
    #: The file's document, where it was just read (see ``read_document``).
    document: Document | None = field(default=None, compare=False, repr=False)
    cli_select: tuple[str, ...] | None = None
    cli_ignore: tuple[str, ...] = ()
    cli_fail_level: str | None = None
    #: The configuration file (absolute), when there is one.
    file: Path | None = None

    @property
    def fail_level(self) -> str:
        return self.cli_fail_level or self.config.fail_level

    @property
    def include(self) -> list[str]:
        return list(self.config.include)

    @property
    def exclude(self) -> list[str]:
        return list(self.config.exclude)

    @property
    def limits(self) -> Limits:
        """The limits in force: the defaults, this file's ``limits``, then the environment."""
        return effective(self.config.limits)

    @property
    def packs(self) -> list[Path]:
        """The extra rule packs, as paths (relative ones resolved from the file's folder)."""
        return [self.root / pack for pack in self.config.rules]

    def with_cli(
        self,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        fail_level: str | None = None,
    ) -> LoadedConfig:
        """The command line over the file: --select decides afresh, --ignore turns off."""
        if fail_level is not None and fail_level not in ("error", "warning", "info"):
            raise ClarityError(
                f"unexpected value '{fail_level}'",
                location=Location("--fail-level"),
                hint="use one of error, warning or info",
            )
        return replace(
            self,
            cli_select=tuple(_split(select)) if select is not None else self.cli_select,
            cli_ignore=self.cli_ignore + tuple(_split(ignore or ())),
            cli_fail_level=fail_level or self.cli_fail_level,
        )

    def relative(self, path: str | os.PathLike[str]) -> str:
        """A file's posix path relative to the configuration's folder (as given otherwise)."""
        return relative_to(self.root, self.cwd, path)

    def included(self, path: str | os.PathLike[str]) -> bool:
        """Whether a file found in a folder is a charter (its name matches ``include``)."""
        return matches_any(self.config.include, self.relative(path))

    def excluded(self, path: str | os.PathLike[str], folder: bool = False) -> bool:
        return matches_any(self.config.exclude, self.relative(path), folder=folder)

    @property
    def respect_gitignore(self) -> bool:
        return self.config.respect_gitignore

    def settings_for(self, path: str | os.PathLike[str]) -> Settings:
        """The rule settings for one file (given as on the command line, or absolute)."""
        rel = self.relative(path)
        cfg = self.config
        layers = [
            Layer(_tuple(cfg.select) if cfg.select is not None else (ALL,), tuple(cfg.ignore), True)
        ]
        severities: list[Mapping[str, str]] = [cfg.severity]
        turned_off: list[Layer] = []
        for override in cfg.overrides:
            if matches_any(override.files, rel):
                layers.append(Layer(_tuple(override.select), tuple(override.ignore)))
                severities.append(override.severity)
                if override.ignore:
                    turned_off.append(Layer(None, tuple(override.ignore)))
        if self.cli_select is not None or self.cli_ignore:
            layers.append(Layer(self.cli_select, self.cli_ignore, self.cli_select is not None))
            # As ruff's per-file-ignores: --select does not bring back what a path's override
            # turned off.
            layers.extend(turned_off)
        return Settings(tuple(layers), tuple(severities))

    # -- checks and reports ---------------------------------------------------------------

    def check_rules(self, known_ids: set[str], known_names: set[str]) -> None:
        """Refuse a selector that names no rule, at its file:line:col, with a did-you-mean."""
        ids = set(known_ids)
        names = set(known_names)
        for selector, place in self._selectors():
            if selector == ALL or selector in ids or selector in names:
                continue
            if selector and any(rule_id.startswith(selector) for rule_id in ids):
                continue
            close = suggest(selector, ids | names)
            where, key = self._place(place)
            raise ClarityError(
                f"unknown rule '{selector}'",
                location=where,
                key=key,
                hint=f"did you mean '{close}'?"
                if close
                else "give " + SELECTOR_HELP + " ('clarity rules list' shows them)",
            )

    def _selectors(self) -> Iterator[tuple[str, str | tuple[PathKey, bool]]]:
        """Every selector, with its place: a command-line option, or its path in the file (and
        whether it is a key there)."""
        cfg = self.config
        tables: list[tuple[PathKey, RuleTable]] = [((), cfg)]
        tables += [(("overrides", i), o) for i, o in enumerate(cfg.overrides)]
        for prefix, rules in tables:
            for name in ("select", "ignore"):
                for i, selector in enumerate(getattr(rules, name) or ()):
                    yield selector, ((*prefix, name, i), False)
            for selector in rules.severity:
                yield selector, ((*prefix, "severity", selector), True)
        for selector in self.cli_select or ():
            yield selector, "--select"
        for selector in self.cli_ignore:
            yield selector, "--ignore"

    def _place(self, place: str | tuple[PathKey, bool]) -> tuple[Location, str | None]:
        """A selector's location and key label (the file is read again only for this)."""
        from clarity.core.reading.validation import key_label

        if isinstance(place, str):
            return Location(place), None
        path, key = place
        doc = self.read_document()
        if doc is None:
            return Location(self.source or "configuration"), key_label(path)
        return (doc.key_where(path) if key else doc.where(path)), key_label(path)

    def read_document(self) -> Document | None:
        """The file's document (its data and where each key is): as read, or read again when
        the values came from the cache (for an error's place, or ``provenance``)."""
        if self.document is None and self.file is not None and self.source is not None:
            return read_document(self.file, self.source)
        return self.document

    def provenance(self) -> list[tuple[str, Any, str]]:
        """Every setting's effective value and where it came from: a file:line, an option or
        'default'."""
        cfg = self.config
        doc = self.read_document()
        data = doc.data if doc is not None else None
        given = {k for k, v in data.items() if v is not None} if isinstance(data, dict) else set()

        extended = data.get("extends") if isinstance(data, dict) else None

        def where(path: PathKey) -> str:
            if doc is None or self.source is None:
                return "default"
            pos = doc.key_positions.get(path) or doc.positions.get(path)
            return f"{self.source}:{pos[0]}" if pos else self.source

        def origin(key: str) -> str:
            if key in given:
                return where((key,))
            if extended and key in cfg.given:  # from the configuration it extends
                return "extends: " + ", ".join(
                    [extended] if isinstance(extended, str) else extended
                )
            return "default"

        rows: list[tuple[str, Any, str]] = [("config", self.source, self.origin)]
        if extended:
            rows.append(("extends", extended, origin("extends")))
        if self.cli_select is not None:
            rows.append(("select", list(self.cli_select), "--select"))
        else:
            rows.append(
                ("select", cfg.select if cfg.select is not None else [ALL], origin("select"))
            )
        rows.append(("ignore", list(cfg.ignore), origin("ignore")))
        if self.cli_ignore:
            rows.append(("ignore", list(self.cli_ignore), "--ignore"))
        if cfg.severity:
            for rule, level in cfg.severity.items():
                rows.append((f"severity.{rule}", level, where(("severity", rule))))
        else:
            rows.append(("severity", {}, origin("severity")))
        rows.append(("rules", list(cfg.rules), origin("rules")))
        if cfg.overrides:
            for i, override in enumerate(cfg.overrides):
                rows.append((f"overrides[{i}]", override.own(), where(("overrides", i))))
        else:
            rows.append(("overrides", [], origin("overrides")))
        if self.cli_fail_level is not None:
            rows.append(("fail_level", self.cli_fail_level, "--fail-level"))
        else:
            rows.append(("fail_level", cfg.fail_level, origin("fail_level")))
        rows.append(("include", list(cfg.include), origin("include")))
        rows.append(("exclude", list(cfg.exclude), origin("exclude")))
        rows.append(("respect_gitignore", cfg.respect_gitignore, origin("respect_gitignore")))
        rows.append(("save", cfg.save, origin("save")))
        limits = self.limits
        for name in RANGES:
            if os.environ.get(ENV[name], "").strip():
                where_set = ENV[name]
            elif cfg.limits.get(name) is not None:
                where_set = where(("limits", name))
            else:
                where_set = "default"
            rows.append((f"limits.{name}", value_of(limits, name), where_set))
        return rows


def _distance(a: str, b: str) -> int:
    """Levenshtein distance: the edits that turn one word into the other."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a mistyped rule id or name, if one is close enough."""
    folded = word.casefold()
    scored = sorted((_distance(folded, c.casefold()), c) for c in candidates)
    if scored and scored[0][0] <= max(1, len(word) // 3):
        return scored[0][1]
    close = get_close_matches(word, sorted(c for _, c in scored), n=1, cutoff=0.75)
    return close[0] if close else None


def _tuple(values: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(values)


def _split(values: Iterable[str]) -> list[str]:
    """Options may be repeated or comma-separated: ``--select C1,B101 --select B102``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


# -- loading ------------------------------------------------------------------------------


def load_config(
    explicit: Path | None = None, no_config: bool = False, cwd: Path | None = None
) -> LoadedConfig:
    """The configuration to use: ``explicit`` (--config), none (--no-config), or the nearest."""
    here = Path(os.path.normpath((cwd if cwd is not None else Path.cwd()).absolute()))
    if no_config:
        return LoadedConfig(root=here, cwd=here, origin="--no-config")
    if explicit is not None:
        path = here / explicit
        source, origin = str(explicit), "--config"
    else:
        found = find_config(here)
        if found is None:
            return LoadedConfig(root=here, cwd=here, origin="default")
        path, source, origin = found, display(found, here), "found"
    config, doc = read_values(path, source)
    loaded = LoadedConfig(
        config=config,
        source=source,
        root=Path(os.path.normpath(path.parent)),
        cwd=here,
        origin=origin,
        document=doc,
        file=Path(os.path.normpath(path)),
    )
    for i, pack in enumerate(loaded.packs):
        if not pack.exists():
            read = loaded.read_document()
            raise ClarityError(
                f"no such rule pack '{config.rules[i]}'",
                location=read.where(("rules", i)) if read is not None else Location(source),
                key=f"rules[{i}]",
                hint=f"paths are relative to the folder of {source}",
            )
    return loaded
