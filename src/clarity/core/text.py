"""Text helpers shared by the engine and every renderer."""

from __future__ import annotations

import re
from typing import Any

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_SPACE = re.compile(r"\s+")

# C0 and C1 controls, DEL, line and paragraph separators, the bidirectional marks, overrides
# and isolates, lone surrogates (from undecodable file names) and the two non-characters: none
# of them is printable (``str.isprintable``), so printable text is shown as it is and the
# pattern is only compiled (by ``re``, once) for a text that needs it.
# Invisible characters too (the soft hyphen, the Arabic letter mark, the Mongolian vowel
# separator, the zero-width space, the word joiner and invisible operators, the deprecated
# format characters, the zero-width no-break space and the tag characters), which hide text or
# make two texts look the same. The zero-width joiner and non-joiner are kept: scripts (Persian,
# the Indic scripts) and emoji need them to be written at all.
#: Line and paragraph separators, bidi marks, overrides and isolates, and the invisible
#: characters: a regular-expression class body, shared with the JSON writer.
HIDDEN = (
    "\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u00ad\u061c\u180e\u200b\u2060-\u2064\u206a-\u206f\ufeff\U000e0000-\U000e007f"
)
_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f" + HIDDEN + "\ud800-\udfff\ufffe\uffff]"


#: The line breaks besides LF that some reader counts: CRLF, a lone CR, NEL, LS and PS.
_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")


def unify_newlines(text: str) -> str:
    """Every line break as one LF: CRLF, lone CR (old Mac files), NEL, U+2028 and U+2029.

    YAML counts all of them as line breaks, Markdown and Python's ``splitlines`` only some:
    every file clarity reads is decoded through this, so that every reader and every position
    (``file:line:col``) sees the same lines, and a position always points into the file."""
    if "\r" not in text and text.isascii():
        return text
    return _BREAKS.sub("\n", text)


def lines_of(text: str) -> list[str]:
    """The lines of a text whose breaks are unified: split on LF only (``splitlines`` also
    splits on form feeds and other separators, which no reader counts)."""
    return text.split("\n")


#: Whitespace that ``normalize`` changes: two in a row, or any but a plain space.
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")


def normalize(text: str) -> str:
    """The form patterns are matched against: straight quotes, single spaces."""
    if text.isascii() and not _ODD_SPACE.search(text):  # (most answers: nothing to change)
        return text.strip(" ")
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str, *, newlines: bool = True) -> str:
    """User text made safe to show: control and bidi characters become visible escapes.

    Tabs and (when ``newlines``) line feeds are kept; everything that could move the cursor,
    change colours, set the clipboard, open a hyperlink or reorder text is shown as ``\\xNN``.
    """
    if text.isprintable():  # the common case (tabs and line feeds are not printable)
        return text
    out = re.sub(_UNSAFE, _escape, text)
    if not newlines:
        out = out.replace("\n", "\\n").replace("\t", " ")
    return out


def visible_data(value: Any, *, newlines: bool = True) -> Any:
    """A report's data with every text in it made ``visible`` (keys too), for the renderers
    that print: pack texts (messages, verdicts, advice) are data as much as answers are."""
    if isinstance(value, str):
        return visible(value, newlines=newlines)
    if isinstance(value, dict):
        return {
            visible_data(key, newlines=newlines): visible_data(item, newlines=newlines)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [visible_data(item, newlines=newlines) for item in value]
    return value


#: A token an error about a private file may quote: a word or a short value, never a line.
_TOKEN = re.compile(r"[\w.:+-]{1,32}")


def is_token(text: str) -> bool:
    """Whether an error may quote ``text`` of a private file (see ``token``)."""
    return _TOKEN.fullmatch(text) is not None


def token(value: object) -> str:
    """A key or value of a file that is not a clarity input (configuration, rule pack, session,
    baseline), for an error message: quoted when it is word-like and short, otherwise only
    described. A pull request can point the configuration at any file (a secret,
    ``/etc/shadow``): its error names the file and the place, and never prints its lines."""
    text = str(value)
    if is_token(text):
        return f"'{text}'"
    return f"({len(text)} characters, not shown)"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_escape(text: str) -> str:
    """Text as inert Markdown, its lines kept: every character that could start emphasis, a
    link, an image, raw HTML, a heading or a table is escaped (make controls visible first)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
