"""Drawing rich renderables to text: the one place reports meet a rich Console."""

from __future__ import annotations

import io
from typing import Any


def to_text(renderable: Any, *, color: bool, width: int | None = None) -> str:
    """Draw a renderable as text: colour only when asked, never markup, emoji or highlighting
    (user text reaches rich only as Text objects); without colour, no trailing spaces."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width or 100,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    console.print(renderable)
    text = buffer.getvalue()
    if not color:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text
