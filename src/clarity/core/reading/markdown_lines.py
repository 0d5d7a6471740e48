"""What one line of Markdown is, read with plain string operations (never a regular expression).

The pieces the Markdown charter reader (``charter_md``) is built from: HTML comments blanked,
the indentation, a code fence, an ATX heading, a list item and a bold label. Each looks at one
line only, so reading a file stays linear in its size.
"""

from __future__ import annotations


def blank_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """The line with HTML comments replaced by spaces (columns are kept)."""
    out: list[str] = []
    i = 0
    while True:
        if in_comment:
            end = line.find("-->", i)
            if end == -1:
                out.append(" " * (len(line) - i))
                return "".join(out), True
            out.append(" " * (end + 3 - i))
            i = end + 3
            in_comment = False
        else:
            start = line.find("<!--", i)
            if start == -1:
                out.append(line[i:])
                return "".join(out), False
            out.append(line[i:start])
            out.append("    ")
            i = start + 4
            in_comment = True


def indent_of(line: str) -> tuple[int, int]:
    """The indentation width (tabs to the next multiple of 4) and the first text index."""
    width = 0
    for i, char in enumerate(line):
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            return width, i
    return width, len(line)


def fence_of(content: str) -> str | None:
    """The fence (```` ``` ```` or ``~~~``, with its length) a line opens, if any."""
    if content[:3] in ("```", "~~~"):
        char = content[0]
        run = len(content) - len(content.lstrip(char))
        return char * run
    return None


def heading_of(content: str) -> tuple[int, int] | None:
    """The level of an ATX heading and the index its text starts at (within content)."""
    level = len(content) - len(content.lstrip("#"))
    if not 1 <= level <= 6:
        return None
    if level < len(content) and content[level] not in " \t":
        return None
    start = level
    while start < len(content) and content[start] in " \t":
        start += 1
    return level, start


def heading_text(text: str) -> str:
    """Heading text without an ATX closing sequence (``## Task ##``)."""
    text = text.rstrip()
    stripped = text.rstrip("#")
    if stripped != text and (not stripped or stripped[-1] in " \t"):
        text = stripped.rstrip()
    return text


def bullet_of(content: str) -> int | None:
    """If a line's content is a list item, the index its text starts at."""
    if not content:
        return None
    if content[0] in "-*+":
        marker = 1
    else:
        digits = len(content) - len(content.lstrip("0123456789"))
        if not 1 <= digits <= 9 or digits >= len(content) or content[digits] not in ".)":
            return None
        marker = digits + 1
    if marker < len(content) and content[marker] not in " \t":
        return None
    start = marker
    while start < len(content) and content[start] in " \t":
        start += 1
    return start


def bold_label(text: str) -> tuple[str, bool, int] | None:
    """``**Label:** rest`` → (label, had a colon, index of the rest); also ``**Label**:``."""
    mark = text[:2]
    if mark not in ("**", "__"):
        return None
    end = text.find(mark, 2)
    if end == -1:
        return None
    label = text[2:end].strip()
    rest = end + 2
    colon = label.endswith(":")
    if colon:
        label = label[:-1].rstrip()
    else:
        after = rest
        while after < len(text) and text[after] in " \t":
            after += 1
        if after < len(text) and text[after] == ":":
            colon = True
            rest = after + 1
    if not label:
        return None
    return label, colon, rest
