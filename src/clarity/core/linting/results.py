"""What linting a charter found, kept in the user's cache folder, as ruff keeps its results.

A pre-commit hook lints the same unchanged charters on every commit. A file whose bytes, path
(as given, and where it is) and rule settings are what they were when it was last linted,
under the same rules, judges and clarity, gets that run's result back without being read as
YAML or Markdown, validated, or judged: the run never imports what those need.

"The same rules, judges and clarity" is the pack's cache key (``packcache.cache_key``: this
clarity and Python, the limits, the pack paths and the installed packages) together with the
size and modification time of every file that can change a result: the files the pack was
built from (installed packs' too), the ``banks`` folder of each (a bank, its trained weights),
the shipped models and clarity's own modules. Only results without diagnostics are kept: a
file that could not be read or linted whole is linted again. The results live in the judges'
store (``judge/memory.py``: one SQLite file), so ``CLARITY_NO_CACHE=1`` turns both off.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from clarity.core.limits import Limits
from clarity.core.places import Stamp, stamp
from clarity.core.rules.compiled import Pack
from clarity.core.rules.packcache import cache_key
from clarity.core.scoring.findings import Diagnostic, FileResult, LintFinding

#: Bumped when what is stored changes shape.
FORMAT = "1"


def _stamps(roots: Iterable[Path]) -> list[Stamp]:
    """Every file under ``roots`` (a root may be one file, or missing)."""
    found = []
    for root in roots:
        if root.is_file():
            found.append(stamp(root))
            continue
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(s for s in subfolders if s != "__pycache__")
            found += [stamp(Path(folder, name)) for name in sorted(files)]
    return found


def run_identity(pack: Pack, pack_paths: Sequence[Path], limits: Limits) -> str:
    """What every result kept for this run must have been made under (see the module)."""
    import clarity
    from clarity.core.places import shipped

    roots = [
        *(Path(source) for source in pack.sources),
        *(Path(judges.folder) / "banks" for judges in pack.judges),
        shipped("models"),
        Path(clarity.__file__).parent,
    ]
    identity = repr((FORMAT, cache_key(list(pack_paths), limits), _stamps(roots)))
    return hashlib.blake2b(identity.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Results:
    """The kept results of one run's files: ``get`` before linting a file, ``put`` after."""

    def __init__(self, identity: str, settings: Any) -> None:
        from clarity.core.judge.memory import memory

        self._identity = identity
        self._settings = settings
        self._store = memory()

    @classmethod
    def open(cls, pack: Pack, pack_paths: Sequence[Path], settings: Any) -> Results | None:
        """The run's results, or None when nothing is kept (caching off, or a file of the
        pack that cannot be looked at now)."""
        from clarity.core.places import cache_dir

        if cache_dir() is None:
            return None
        try:
            return cls(run_identity(pack, pack_paths, settings.limits), settings)
        except OSError:
            return None

    def _key(self, path: str) -> str | None:
        from clarity.core.errors import ClarityError
        from clarity.core.judge.memory import key
        from clarity.core.reading.inputs import read_bytes

        try:  # (read as every input is: a FIFO or a device is refused, never waited on)
            data = read_bytes(Path(path), path, self._settings.limits)
        except ClarityError:  # linting the file says why
            return None
        config = self._settings.config
        rules = config.settings_for(path) if config is not None else None
        content = hashlib.blake2b(data, digest_size=16).hexdigest()
        where = str(Path(path).absolute())  # (the same name in another folder is another file)
        return key("lint", self._identity, repr(rules), where, path, content)

    def get(self, path: str) -> tuple[str | None, FileResult | None]:
        """The file's key (None if it cannot be read now) and its kept result, if any."""
        name = self._key(path)
        if name is None:
            return None, None
        found = self._store.get(name)
        if found is None:
            return name, None
        try:
            return name, from_data(json.loads(found))
        except (ValueError, TypeError, KeyError):
            return name, None

    def put(self, name: str | None, result: FileResult) -> None:
        if name is not None and not result.diagnostics:
            self._store.put(name, json.dumps(as_data(result), separators=(",", ":")))


def as_data(result: FileResult) -> dict[str, Any]:
    """A file's result as JSON data."""
    return {
        "path": result.path,
        "delegations": result.delegations,
        "findings": [[getattr(f, n) for n in LintFinding.__match_args__] for f in result.findings],
        "diagnostics": [
            [getattr(d, n) for n in Diagnostic.__match_args__] for d in result.diagnostics
        ],
        "tasks": [list(task) for task in result.tasks],
    }


def from_data(data: dict[str, Any]) -> FileResult:
    """A file's result from the JSON data of :func:`as_data`."""
    return FileResult(
        data["path"],
        data["delegations"],
        [LintFinding(*row) for row in data["findings"]],
        [Diagnostic(*row) for row in data["diagnostics"]],
        [(task, line) for task, line in data["tasks"]],
    )
