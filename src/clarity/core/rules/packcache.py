"""The compiled rule pack, kept between runs in the user's cache folder.

Building the pack means reading its YAML, validating it with the models and compiling every
pattern: most of a short run's time. The compiled pack (``compiled.Pack``) is plain, picklable
data, so it is kept in the user's cache folder and read back in a few milliseconds, without
pydantic, by every command (``pack.load_pack``). The cache is only a copy:

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
from typing import Any

from clarity import __version__
from clarity.core.limits import Limits
from clarity.core.places import Stamp, stamp, trusted
from clarity.core.rules.compiled import Pack

#: Bumped whenever what is pickled changes shape.
CACHE_FORMAT = 10
#: The modules whose objects are in the cache, or that decide what is built: a change to any of
#: them is a new format.
_PICKLED_MODULES = (
    "rules/build.py",
    "rules/checks.py",
    "rules/compiled.py",
    "rules/compiler.py",
    "rules/conditions.py",
    "rules/fragments.py",
    "rules/pack_models.py",
    "rules/patterns.py",
    "judge/__init__.py",
    "record.py",
    "values.py",
)


def pack_folders(paths: Iterable[Path]) -> list[Path]:
    return [p for p in paths if p.is_dir()]


def cache_key(paths: Sequence[Path], limits: Limits, plugins: bool = True) -> str:
    """What a cache entry must have been written for (then its stamps must still hold)."""
    from importlib.util import find_spec

    core = Path(__file__).resolve().parent.parent
    code = [stamp(core / name) for name in _PICKLED_MODULES]
    spec = find_spec("regex")  # the engine the patterns were compiled for (not imported)
    engine: list[Stamp] = []
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent
        engine = [stamp(p) for p in sorted(folder.iterdir()) if p.name.startswith("_regex.")]
    parts = (
        CACHE_FORMAT,
        __version__,
        sys.version,
        engine,
        repr(limits),
        [str(p.absolute()) for p in paths],
        code,
        _installed() if plugins else "no plugins",
    )
    return repr(parts)


def _installed() -> list[Stamp]:
    """The folders Python imports from, as they are now. Installing or removing a package
    (and with it a rule pack of the ``clarity.rules`` entry point group) changes its folder,
    so the pack is built again; reading the entry points themselves would cost more than a
    cached run. The current folder is left out: ``python -m clarity`` puts it on the path, and
    any file written there (a report, a charter) would have rebuilt the pack on every run;
    packages are not installed into it."""
    stamps = []
    here = Path.cwd()
    for entry in sys.path:
        try:
            if entry and Path(entry).absolute() != here and Path(entry).is_dir():
                stamps.append(stamp(entry))
        except OSError:
            continue
    return stamps


def entry_name(key: str) -> str:
    import zlib

    text = key.encode("utf-8", "surrogatepass")
    return f"pack-{zlib.crc32(text):08x}{zlib.adler32(text):08x}.pickle"


def _stamps(files: Iterable[str], folders: Iterable[str | Path]) -> tuple[list[Stamp], ...]:
    return [stamp(f) for f in files], [stamp(f) for f in folders]


def read_entry(path: Path, key: str) -> Pack | None:
    try:
        if not trusted(path):
            return None
        with path.open("rb") as handle:
            stored = pickle.load(handle)
        if not isinstance(stored, tuple) or len(stored) != 4:
            return None
        form, stored_key, stamps, pack = stored
        if form != CACHE_FORMAT or stored_key != key or not isinstance(pack, Pack):
            return None
        files, folders = stamps
        if _stamps([s[0] for s in files], [s[0] for s in folders]) != stamps:
            return None
        return pack
    except Exception:  # a cache is only a copy: anything wrong with it means rebuild
        return None


def write_entry(path: Path, key: str, pack: Pack, folders: list[Path]) -> None:
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


# ---------------------------------------------------------------------------------------------
# The built-in pack as shipped: compiled when clarity is packaged

#: In the built-in pack's folder: the built-in pack compiled (``tools/ship_pack.py``), so that a
#: machine whose cache is empty (a fresh CI runner) reads it instead of building the pack.
#: Building it is about 110 ms here (importing pydantic and the pack's models, reading and
#: validating the YAML, compiling the patterns), reading this file about 10 ms.
SHIPPED = "compiled.pickle"
#: What stands for the pack's folder in the shipped file's texts and paths: the pack is
#: compiled in one place and read in another (its rules' locations name their files).
_HERE = "\x00pack\x00"


def shipped_digest(folder: Path, names: Sequence[str]) -> str:
    """What the shipped pack was compiled from, as bytes: clarity's version, the modules whose
    objects it holds, the pack folder's YAML file names, and the files ``names``."""
    import hashlib

    core = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{__version__}\0".encode())
    for name in _PICKLED_MODULES:
        digest.update(name.encode() + b"\0" + (core / name).read_bytes())
    digest.update("\0".join(sorted(p.name for p in folder.glob("*.yaml"))).encode())
    for name in names:
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")
    return digest.hexdigest()


def write_shipped(pack: Pack, folder: Path) -> Path:
    """Write the compiled built-in pack into its folder, its folder's path taken out."""
    import io

    prefix = str(folder.resolve())

    class Relative(pickle.Pickler):
        def persistent_id(self, obj: object) -> object:
            if isinstance(obj, Path) and prefix in str(obj):
                return ("path", str(obj).replace(prefix, _HERE))
            if isinstance(obj, str) and prefix in obj:
                return ("text", obj.replace(prefix, _HERE))
            return None

    names = [Path(source).relative_to(prefix).as_posix() for source in pack.sources]
    buffer = io.BytesIO()
    Relative(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(pack)
    target = folder / SHIPPED
    header = (CACHE_FORMAT, names, shipped_digest(folder, names))
    target.write_bytes(pickle.dumps((header, buffer.getvalue()), protocol=pickle.HIGHEST_PROTOCOL))
    return target


def read_shipped(folder: Path) -> Pack | None:
    """The shipped built-in pack, its paths those of ``folder``, when it was compiled from the
    files there as they are now and by this clarity; else None (the pack is built)."""
    import io

    try:
        header, body = pickle.loads((folder / SHIPPED).read_bytes())
        form, names, digest = header
        if form != CACHE_FORMAT or digest != shipped_digest(folder, names):
            return None
        here = str(folder.resolve())

        class Placed(pickle.Unpickler):
            def persistent_load(self, pid: Any) -> object:
                kind, text = str(pid[0]), str(pid[1])
                placed = text.replace(_HERE, here)
                return Path(placed) if kind == "path" else placed

        pack = Placed(io.BytesIO(body)).load()
        return pack if isinstance(pack, Pack) else None
    except Exception:  # a copy only: anything wrong with it means the pack is built
        return None
