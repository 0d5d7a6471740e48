"""The rule pack as ``clarity lint`` needs it, compiled once and cached between runs.

Loading the pack means reading its YAML, validating it with the models and compiling every
pattern: most of a short run's time. What lint needs of it (each rule's texts and its compiled
check) is plain, picklable data, so it is kept in the user's cache folder and read back in a few
milliseconds, without pydantic. The cache is only a copy:

* an entry is used only if it was written by this clarity, this Python and this ``regex``, from
  pack files of exactly the sizes and modification times they have now (every file the pack was
  built from, and the folders that hold them, so an added file is seen), with the same limits,
  and with the import folders unchanged (so a rule pack installed as a package is seen);
* it is read only if it belongs to the user and nobody else may write it;
* anything wrong with it (missing, stale, unreadable, from another version) means the pack is
  built again from its files, as without a cache, and the entry rewritten; a cache that cannot
  be written is simply not used. ``CLARITY_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clarity import __version__
from clarity.core.errors import Location
from clarity.core.limits import DEFAULT_LIMITS, Limits
from clarity.core.places import builtin_pack_path as builtin_pack_path
from clarity.core.places import cache_dir as cache_dir
from clarity.core.record import say
from clarity.core.rules.checks import Check
from clarity.core.values import FrozenValue

if TYPE_CHECKING:
    from clarity.core.rules.pack import Pack

#: Bumped whenever what is pickled changes shape.
CACHE_FORMAT = 6
#: The modules whose objects are in the cache: a change to any of them is a new format.
_PICKLED_MODULES = ("rules/checks.py", "rules/lintpack.py", "rules/conditions.py", "record.py")


class Words(FrozenValue):
    """A text said one way to the leader and another to the person asking for autonomy."""

    __slots__ = ("leader", "report")
    __match_args__ = ("leader", "report")

    def __init__(self, leader: str, report: str) -> None:
        self.leader = leader
        self.report = report


class LintRule(FrozenValue):
    """What lint and its reports read of a rule."""

    __slots__ = (
        "dimension",
        "field",
        "fix",
        "help_uri",
        "id",
        "message",
        "name",
        "reads",
        "severity",
        "source",
        "title",
        "trap",
        "why",
    )
    __match_args__ = (
        "id",
        "name",
        "title",
        "dimension",
        "severity",
        "trap",
        "field",
        "message",
        "why",
        "fix",
        "source",
        "reads",
        "help_uri",
    )

    def __init__(
        self,
        id: str,
        name: str,
        title: str,
        dimension: str,
        severity: str,
        trap: str | None,
        field: str | None,
        message: str | Words,
        why: str | Words,
        fix: str | Words,
        source: str | None,
        reads: tuple[str, ...],
        help_uri: str | None = None,
    ) -> None:
        self.id = id
        self.name = name
        self.title = title
        self.dimension = dimension
        self.severity = severity
        self.trap = trap
        self.field = field
        self.message = message
        self.why = why
        self.fix = fix
        self.source = source
        #: The record fields the rule's condition reads, in order.
        self.reads = reads
        #: A page that explains the rule (SARIF helpUri), when the pack gives one.
        self.help_uri = help_uri


class LintCheck(FrozenValue):
    """A rule and its compiled check (what ``engine.evaluate`` runs)."""

    __slots__ = ("check", "rule", "where")
    __match_args__ = ("rule", "check", "where")

    def __init__(self, rule: LintRule, check: Check, where: Location) -> None:
        self.rule = rule
        self.check = check
        self.where = where


class LintPack(FrozenValue):
    __slots__ = ("name", "rules", "sources", "version")
    __match_args__ = ("name", "version", "rules", "sources")

    def __init__(self, name: str, version: str, rules: list[LintCheck], sources: list[str]) -> None:
        self.name = name
        self.version = version
        self.rules = rules
        self.sources = sources

    def rule(self, rule_id: str) -> LintCheck | None:
        for compiled in self.rules:
            if rule_id in (compiled.rule.id, compiled.rule.name):
                return compiled
        return None


def _words(text: Any) -> str | Words:
    return text if isinstance(text, str) else Words(text.leader, text.report)


def from_pack(pack: Pack) -> LintPack:
    """The lint view of a loaded pack."""
    from clarity.core.rules.conditions import referenced_fields

    rules = []
    for compiled in pack.rules:
        rule = compiled.rule
        lint_rule = LintRule(
            id=rule.id,
            name=rule.name,
            title=say(rule.title, "leader"),
            dimension=rule.dimension,
            severity=rule.severity,
            trap=rule.trap,
            field=rule.field,
            message=_words(rule.message),
            why=_words(rule.why),
            fix=_words(rule.fix),
            source=rule.source,
            reads=tuple(dict.fromkeys(referenced_fields(rule.when))),
            help_uri=rule.help_uri,
        )
        rules.append(LintCheck(lint_rule, compiled.check, compiled.where))
    return LintPack(pack.name, pack.version, rules, list(pack.sources))


# ---------------------------------------------------------------------------------------------
# The cache


Stamp = tuple[str, int, int]


def _stamp(path: str | Path) -> Stamp:
    st = Path(path).stat()
    return (os.fspath(path), st.st_mtime_ns, st.st_size)


def _folders(paths: Iterable[Path]) -> list[Path]:
    return [p for p in paths if p.is_dir()]


def _key(paths: Sequence[Path], limits: Limits) -> str:
    """What a cache entry must have been written for (then its stamps must still hold)."""
    from importlib.util import find_spec

    core = Path(__file__).resolve().parent.parent
    code = [_stamp(core / name) for name in _PICKLED_MODULES]
    spec = find_spec("regex")  # the engine the patterns were compiled for (not imported)
    engine: list[Stamp] = []
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent
        engine = [_stamp(p) for p in sorted(folder.iterdir()) if p.name.startswith("_regex.")]
    parts = (
        CACHE_FORMAT,
        __version__,
        sys.version,
        engine,
        repr(limits),
        [str(p.absolute()) for p in paths],
        code,
        _installed(),
    )
    return repr(parts)


def _installed() -> list[Stamp]:
    """The folders Python imports from, as they are now. Installing or removing a package
    (and with it a rule pack of the ``clarity.rules`` entry point group) changes its folder,
    so the pack is built again; reading the entry points themselves would cost more than a
    cached run."""
    stamps = []
    for entry in sys.path:
        try:
            if entry and Path(entry).is_dir():
                stamps.append(_stamp(entry))
        except OSError:
            continue
    return stamps


def _entry_name(key: str) -> str:
    import zlib

    text = key.encode("utf-8", "surrogatepass")
    return f"pack-{zlib.crc32(text):08x}{zlib.adler32(text):08x}.pickle"


def _stamps(files: Iterable[str], folders: Iterable[str | Path]) -> tuple[list[Stamp], ...]:
    return [_stamp(f) for f in files], [_stamp(f) for f in folders]


def _trusted(path: Path) -> bool:
    """Only the user's own files, which nobody else may change, are unpickled."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the folder is per user
        return True
    for item in (path.parent, path):
        st = item.stat()
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            return False
    return True


def _read(path: Path, key: str) -> LintPack | None:
    try:
        if not _trusted(path):
            return None
        with path.open("rb") as handle:
            stored = pickle.load(handle)
        if not isinstance(stored, tuple) or len(stored) != 4:
            return None
        form, stored_key, stamps, pack = stored
        if form != CACHE_FORMAT or stored_key != key or not isinstance(pack, LintPack):
            return None
        files, folders = stamps
        if _stamps([s[0] for s in files], [s[0] for s in folders]) != stamps:
            return None
        return pack
    except Exception:  # a cache is only a copy: anything wrong with it means rebuild
        return None


def _write(path: Path, key: str, pack: LintPack, folders: list[Path]) -> None:
    try:
        stamps = _stamps(pack.sources, folders)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = pickle.dumps((CACHE_FORMAT, key, stamps, pack), protocol=pickle.HIGHEST_PROTOCOL)
        import tempfile

        handle, tmp = tempfile.mkstemp(prefix=".pack-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:  # no cache then: the next run builds the pack again
        return


def load_lint_pack(
    paths: Iterable[Path] | None = None, limits: Limits = DEFAULT_LIMITS
) -> LintPack:
    """The built-in pack with ``paths`` layered over it, for lint: from the cache when it is
    current, else loaded (``pack.load_pack``, with all its checks and errors) and cached."""
    extra = [Path(p) for p in paths or ()]
    folder = cache_dir()
    entry: Path | None = None
    key = ""
    if folder is not None:
        try:
            key = _key(extra, limits)
            entry = folder / _entry_name(key)
            cached = _read(entry, key) if entry.exists() else None
            if cached is not None:
                return cached
        except Exception:
            entry = None
    from clarity.core.rules.pack import load_pack

    pack = from_pack(load_pack(extra, limits))
    if entry is not None:
        _write(entry, key, pack, _folders([builtin_pack_path(), *extra]))
    return pack
