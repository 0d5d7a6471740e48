"""The configuration of each linted file: the nearest one above it, closest wins (as ruff).

The configuration found from the working directory (or named by ``--config``, or none with
``--no-config``) gives the run's settings: its fail level, limits and rule packs. Each file's
rule selection, severities, overrides, include and exclude come from the configuration
nearest to it, looked for from the file's folder upward and never past the repository root,
so a ``.clarity.yaml`` in a sub-folder is honoured when linting from the top. With
``--config`` or ``--no-config`` one configuration applies to every file. Nothing here loads
the configuration models until a configuration file is there.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity.core.settings.project import absolute, upward

if TYPE_CHECKING:
    from clarity.core.linting.lint import RuleSettings

#: What is looked for in each folder (``config_files.CONFIG_NAMES``; a test keeps them in step).
CONFIG_FILES: tuple[str, ...] = (".clarity.yaml", ".clarity.yml")
PYPROJECT = "pyproject.toml"


def may_hold_config(folder: Path) -> bool:
    """Whether a folder may hold a configuration (cheap; never says no when it does)."""
    try:
        for name in CONFIG_FILES:
            if (folder / name).exists():  # (not a regular file: the loader refuses it)
                return True
        pyproject = folder / PYPROJECT
        return pyproject.exists() and (
            not pyproject.is_file() or b"clarity" in pyproject.read_bytes()
        )
    except OSError:  # let the configuration loader look, and say what is wrong
        return True


class Configs:
    """The configuration for each path: ``base`` for the folders it covers, the nearest
    other one elsewhere. ``fixed`` (--config, --no-config): ``base`` everywhere."""

    def __init__(
        self,
        base: Any,
        *,
        base_file: Path | None,
        fixed: bool,
        cwd: Path,
        cli: dict[str, Any] | None = None,
    ) -> None:
        self.base = base
        self.base_file = base_file
        self.fixed = fixed
        self.cwd = cwd
        self.cli = cli or {}
        self.known: tuple[set[str], set[str]] | None = None
        self._folders: dict[Path, Any] = {}
        self._files: dict[Path, Any] = {}
        self._defaults: Any = None

    # -- which configuration --------------------------------------------------------------

    def _nearest_file(self, folder: Path) -> Path | None:
        from clarity.core.settings.config_files import find_config

        for candidate in upward(folder):
            if may_hold_config(candidate):
                found = find_config(candidate)
                if found is not None and found.parent == candidate:
                    return found
        return None

    def _loaded(self, file: Path | None) -> Any:
        if file is None:
            return self._default()
        if self.base_file is not None and file == self.base_file:
            return self.base
        if file not in self._files:
            from clarity.core.settings.config import load_config

            try:
                shown = Path(os.path.relpath(file, self.cwd))
            except ValueError:  # another drive on Windows
                shown = file
            loaded = load_config(shown, cwd=self.cwd).with_cli(**self.cli)
            if self.known is not None:
                loaded.check_rules(*self.known)
            self._files[file] = loaded
        return self._files[file]

    def _default(self) -> Any:
        """The defaults (with the command line), for a file no configuration covers."""
        if self.base_file is None:
            return self.base
        if self._defaults is None:
            from clarity.core.settings.config import load_config

            self._defaults = load_config(no_config=True, cwd=self.cwd).with_cli(**self.cli)
        return self._defaults

    def for_folder(self, folder: Path) -> Any:
        """The configuration that applies in ``folder`` (absolute)."""
        if self.fixed:
            return self.base
        if folder not in self._folders:
            self._folders[folder] = self._loaded(self._nearest_file(folder))
        return self._folders[folder]

    def for_path(self, path: str | os.PathLike[str]) -> Any:
        """The configuration of a file or folder: the one of the folder it is in (a folder's
        own configuration applies to what is inside it, not to whether it is searched)."""
        return self.for_folder(absolute(path, self.cwd).parent)

    def nested(self) -> list[str]:
        """The configurations read for sub-folders so far, as shown in messages."""
        return sorted(str(getattr(config, "source", "")) for config in self._files.values())

    def check_rules(self, known_ids: set[str], known_names: set[str]) -> None:
        """Check the base's selectors now, and each nested configuration's when it is read."""
        self.known = (known_ids, known_names)
        self.base.check_rules(known_ids, known_names)

    # -- what discovery and lint ask ---------------------------------------------------

    def included(self, path: str) -> bool:
        return bool(self.for_path(path).included(path))

    def excluded(self, path: str, folder: bool = False) -> bool:
        return bool(self.for_path(path).excluded(path, folder))

    def settings_for(self, path: str) -> RuleSettings | None:
        config = self.for_path(path)
        settings_for = getattr(config, "settings_for", None)
        return None if settings_for is None else settings_for(path)
