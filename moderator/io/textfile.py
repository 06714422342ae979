"""Reading a small UTF-8 file a user gave us (labels, rules, rule cases), with the project's
own error naming the file, and the line of the first byte that is not UTF-8."""

from __future__ import annotations

from pathlib import Path

from moderator.core import InputError, ModeratorError


def read_utf8(path: str | Path, what: str,
              error: type[ModeratorError] = InputError) -> str:
    """The file's text (a BOM is dropped); ``what`` names the file in messages ("labels")."""
    p = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise error(f"cannot read {what}: {exc.strerror or exc}", path=p) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        noun = what if what.endswith(" file") else f"{what} file"
        raise error(f"{noun} is not UTF-8 text", path=p, line=line) from None
