"""Shared text handling for rules: normalising, tokenising, offsets back into the shown body.

Every rule sees the same tokens, computed once per comment, so adding a rule costs set look-ups,
not another pass of regular expressions over the text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

# A word: letters/digits, with inner apostrophes ("don't") and the characters people put in
# words to dodge filters ("a$$hole", "f*ck", "sh1t", "@ss").
_TOKEN_RE = re.compile(r"[\w$@*]+(?:['’][\w$@*]+)*")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # lower-cased, curly apostrophe straightened
    start: int
    end: int
    raw: str  # as written


def words_of(lower_text: str) -> list[str]:
    """The words of already lower-cased text, in order (curly apostrophes straightened)."""
    return _TOKEN_RE.findall(lower_text.replace("’", "'"))


def normalise(text: str) -> str:
    """NFC, the form rules score on (comments are shown as written)."""
    return unicodedata.normalize("NFC", text)


def tokenize(text: str) -> list[Token]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        raw = m.group()
        word = raw.lower().replace("’", "'")
        # Trailing '*'/'@' that are punctuation, not letters ("great*" footnotes) are kept:
        # the profanity matcher decides what they mean.
        out.append(Token(word, m.start(), m.end(), raw))
    return out


class OffsetMap:
    """Maps offsets in the normalised text back to the body as written.

    Only built when normalising changed the text (rare: decomposed accents), so the common
    case costs nothing.
    """

    def __init__(self, shown: str) -> None:
        self._shown = shown
        # cumulative normalised length after each prefix of the shown text
        self._lengths = [len(normalise(shown[:i])) for i in range(len(shown) + 1)]

    def to_shown(self, offset: int, *, end: bool = False) -> int:
        """A start maps to the first shown character that normalises at ``offset``; an end
        takes in the combining marks that normalise into the character before it."""
        if end:
            i = bisect.bisect_right(self._lengths, offset) - 1
        else:
            i = bisect.bisect_left(self._lengths, offset)
        return max(0, min(i, len(self._shown)))
