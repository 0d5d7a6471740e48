"""One error type for everything a user can fix, and the exit-code table."""

from __future__ import annotations

from clarity.core.values import FrozenValue

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class Location(FrozenValue):
    """Where in an input something is: 1-based line and column."""

    __slots__ = ("column", "line", "source")
    __match_args__ = ("source", "line", "column")

    def __init__(self, source: str, line: int | None = None, column: int | None = None) -> None:
        self.source = source
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.line is None:
            return self.source
        if self.column is None:
            return f"{self.source}:{self.line}"
        return f"{self.source}:{self.line}:{self.column}"


class ClarityError(Exception):
    """A problem with the user's input or usage: reported in one line, exit code 2."""

    exit_code = EXIT_USAGE

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.key = key
        self.hint = hint

    def __str__(self) -> str:
        parts = []
        if self.location is not None:
            parts.append(f"{self.location}:")
        if self.key:
            parts.append(f"{self.key}:")
        parts.append(self.message)
        text = " ".join(parts)
        if self.hint:
            text = f"{text}; {self.hint}"
        return text


class NoAnswersError(ClarityError):
    """Nothing to score: no terminal to ask on and no answers given."""
