"""clarity init: a commented example charter and a configuration to start from.

The YAML files' first lines point the YAML language server at copies of their schemas written
next to them (.clarity/charter.schema.json, .clarity/config.schema.json), so editors complete
and check them offline, with the schemas of the clarity version that wrote them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from clarity.core.errors import EXIT_OK, ClarityError, Location

CHARTERS = {"yaml": "delegations.charter.yaml", "markdown": "delegations.charter.md"}
TEMPLATES = {"yaml": "charter.yaml", "markdown": "charter.md"}
CONFIG = ".clarity.yaml"
SCHEMA = ".clarity/charter.schema.json"
CONFIG_SCHEMA = ".clarity/config.schema.json"


def template(name: str) -> str:
    """A template shipped inside the package (src/clarity/templates)."""
    from importlib.resources import files

    return (files("clarity") / "templates" / name).read_text(encoding="utf-8")


def planned(fmt: str) -> list[tuple[str, str]]:
    """The files `clarity init` writes, relative to the folder, with their text."""
    from clarity.core.reading.schemas import shipped_text

    charter = CHARTERS[fmt]
    text = template(TEMPLATES[fmt]).replace("{charter}", charter).replace("{schema}", SCHEMA)
    files = [(charter, text)]
    if fmt == "yaml":
        files.append((SCHEMA, shipped_text("charter")))
    config = template("clarity.yaml").replace("{config_schema}", CONFIG_SCHEMA)
    files += [(CONFIG, config), (CONFIG_SCHEMA, shipped_text("config"))]
    return files


#: The schema copies ``clarity init`` writes, and which schema each one is.
SCHEMA_COPIES = {SCHEMA: "charter", CONFIG_SCHEMA: "config"}


def update_schemas(folder: Path) -> int:
    """Refresh the schema copies under ``folder``/.clarity with this version's, touching no
    charter and no configuration; say which changed."""
    from clarity.core.reading.inputs import read_text
    from clarity.core.reading.schemas import shipped_text
    from clarity.core.text import visible

    if not folder.is_dir():
        raise ClarityError(
            "no such folder", location=Location(str(folder)), hint="give the folder init wrote"
        )
    out = sys.stdout
    for name, schema in SCHEMA_COPIES.items():
        target = folder / name
        text = shipped_text(schema)
        try:  # (the one reader: a FIFO in its place is refused, never waited on)
            same = target.exists() and read_text(target) == text
        except ClarityError:
            same = False
        if same:
            line = f"up to date {_shown(folder, name)}"
        else:
            _write(target, text, force=True)
            line = f"updated {_shown(folder, name)}"
        out.write(visible(line, newlines=False) + "\n")
    return EXIT_OK


def _shown(folder: Path, name: str) -> str:
    return name if folder == Path() else str(folder / name)


def _write(target: Path, text: str, force: bool) -> bool:
    """Write a new file (honouring the umask, unlike a temporary file); False if it exists."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if force:  # replace the file whole; a symbolic link is replaced, never written through
            from clarity.core.fileio import write_file

            write_file(target, text)
            return True
        with target.open("x", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    except OSError as exc:
        raise ClarityError(
            f"cannot write: {exc.strerror or exc}",
            location=Location(str(target)),
            hint="check that the folder is writable",
        ) from None
    return True


def run(folder: Path, fmt: str, force: bool) -> int:
    from clarity.core.text import visible

    if folder.exists() and not folder.is_dir():
        raise ClarityError("is a file, not a folder", location=Location(str(folder)))
    files = planned(fmt)
    existing = [name for name, _ in files if (folder / name).exists()]
    if existing and not force and len(existing) == len(files):
        raise ClarityError(
            "nothing written: " + ", ".join(existing) + " already exist",
            location=Location(str(folder)),
            hint="pass --force to overwrite them",
        )
    written: list[str] = []
    for name, text in files:
        if name in existing and not force:
            continue
        if _write(folder / name, text, force):
            written.append(name)
        elif name not in existing:
            existing.append(name)
    out = sys.stdout
    for name in written:
        out.write(visible(f"wrote {_shown(folder, name)}", newlines=False) + "\n")
    for name in existing:
        if name not in written:
            line = f"kept {_shown(folder, name)}: it exists (--force overwrites it)"
            out.write(visible(line, newlines=False) + "\n")
    charter = CHARTERS[fmt]
    if charter in written:
        out.write(visible(f"next: clarity lint {_shown(folder, charter)}", newlines=False) + "\n")
    return EXIT_OK
