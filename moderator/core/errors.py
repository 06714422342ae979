"""The project's own errors: each names the file, the line when known, and what was expected."""

from __future__ import annotations


class ModeratorError(Exception):
    """Base of every error moderator reports to a user (exit code 2 on the command line)."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 key: str | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.key = key
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = str(self.path)
            if self.line is not None:
                where += f", line {self.line}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        key = f"[{self.key}] " if self.key else ""
        return f"{where}{key}{self.message}"


class InputError(ModeratorError):
    """A thread, labels or session file that cannot be read as what it claims to be."""


class RulesError(ModeratorError):
    """A rules file (TOML) that is malformed or names unknown rules, keys or bad values."""
