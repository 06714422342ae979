"""Shared text handling for rules: normalising, tokenising, offsets back into the shown body.

Every rule sees the same tokens, computed once per comment, so adding a rule costs set look-ups,
not another pass of regular expressions over the text.
"""

from __future__ import annotations

import bisect
import re
import string
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter

# A word: letters/digits, with inner apostrophes ("don't") and the characters people put in
# words to dodge filters ("a$$hole", "f*ck", "sh1t", "@ss").
_TOKEN_RE = re.compile(r"[\w$@*]+(?:['’][\w$@*]+)*")

# The fast path of ``words_of`` for ASCII text: every byte that cannot be in a word becomes a
# space (the apostrophe stays, for now), then a plain split. Same words as ``_TOKEN_RE``.
_WORD_BYTES = frozenset((string.ascii_letters + string.digits + "_$@*'").encode())
_TO_SPACE = bytes(b if b in _WORD_BYTES else 32 for b in range(256))
# The same, lower-casing as it goes: ``text_words`` on text as written, in one pass.
_TO_LOWER_SPACE = bytes(b + 32 if 65 <= b <= 90 else _TO_SPACE[b] for b in range(256))
# Punctuation outside ASCII that separates words like a space (so the fast path still applies).
_WIDE_PUNCT = "“”‘–—…•«»"
_intern = sys.intern
# ``str.lower`` as the interpreter does it. The rules' modules call this instead of the method:
# compiled, the method is mypyc's own, which misses the final-sigma rule ("ΟΔΟΣ" gives
# "οδοσ", not "οδος") and so would cut some Greek words differently from the source.
lower: Callable[[str], str] = str.lower
# Every word met so far, each as its one interned copy: a comment's words are looked up in one
# C call (``itemgetter``), cheaper than interning them one by one. Started afresh when large.
_VOCAB: dict[str, str] = {}
_MAX_VOCAB = 500_000


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # lower-cased, curly apostrophe straightened
    start: int
    end: int
    raw: str  # as written


def words_of(lower_text: str) -> list[str]:
    """The words of already lower-cased text, in order (curly apostrophes straightened).

    Words are interned: a thread of 100,000 comments holds each distinct word once, and set
    and dict look-ups on them compare pointers.
    """
    text = _prepared(lower_text)
    if not text.isascii():  # letters beyond ASCII: the regular expression knows them
        return _interned(_TOKEN_RE.findall(text))
    return _split(text.encode("ascii").translate(_TO_SPACE))


def text_words(text: str) -> list[str]:
    """The words of ``text`` as written, lower-cased: the list ``words_of(text.lower())``
    gives, without a lower-cased copy of the text when it is ASCII once curly apostrophes and
    wide punctuation are set aside (nearly every comment): the bytes are lower-cased as the
    separators become spaces."""
    plain = _prepared(text)
    if not plain.isascii():  # beyond ASCII, lower-casing may change letters and lengths
        return words_of(lower(text))
    return _split(plain.encode("ascii").translate(_TO_LOWER_SPACE))


def body_words(body: str) -> list[str]:
    """The words of a comment's body as written: ``text_words(normalise(body))``, the same
    list. ASCII with curly quotes and wide punctuation is NFC already (none of them composes
    with its neighbours), so most bodies skip the normal-form check."""
    plain = _prepared(body)
    if not plain.isascii():
        return text_words(normalise(body))
    return _split(plain.encode("ascii").translate(_TO_LOWER_SPACE))


def _prepared(text: str) -> str:
    """Curly apostrophes straightened; in text beyond ASCII, wide punctuation made spaces
    (so that the fast path of ``words_of`` still applies)."""
    if "’" in text:
        text = text.replace("’", "'")
    if not text.isascii():
        for mark in _WIDE_PUNCT:
            if mark in text:
                text = text.replace(mark, " ")
                if text.isascii():
                    break
    return text


def _split(data: bytes) -> list[str]:
    """The words of ASCII bytes whose separators are spaces already (apostrophes aside)."""
    if b"'" in data and not _inner_only(data):
        # An apostrophe belongs to a word only between two word characters ("don't"): the
        # others become spaces. Padding makes those at either end of the text border a space
        # (and is only needed there). Each replacement only where it has something to
        # replace: a copy costs more than a look.
        if data[0] == 39 or data[-1] == 39:  # "'"
            data = b" " + data + b" "
        if b"''" in data:
            data = data.replace(b"''", b"  ")
        if b" '" in data:
            data = data.replace(b" '", b"  ")
        if b"' " in data:
            data = data.replace(b"' ", b"  ")
    return _interned(data.decode("ascii").split())


def _inner_only(data: bytes) -> bool:
    """Is every apostrophe in ``data`` (bytes whose separators are spaces) between two word
    characters? Most are ("don't"); looking at each is cheaper than searching for ``b"' "``,
    a two-byte pattern that ends in the most common byte of all."""
    at = data.find(39)
    last = len(data) - 1
    while at != -1:
        if at == 0 or at == last or data[at - 1] in (32, 39) or data[at + 1] in (32, 39):
            return False
        at = data.find(39, at + 1)
    return True


def _interned(words: list[str]) -> list[str]:
    """``words``, each as the one interned copy of it (the same list ``sys.intern`` gives)."""
    vocab = _VOCAB
    if len(words) > 1:
        try:
            return list(itemgetter(*words)(vocab))
        except KeyError:  # a word not met before
            pass
    elif not words:
        return []
    if len(vocab) > _MAX_VOCAB:
        vocab.clear()
    for w in set(words).difference(vocab):
        vocab[w] = _intern(w)
    return [vocab[words[0]]] if len(words) == 1 else list(itemgetter(*words)(vocab))


def normalise(text: str) -> str:
    """NFC, the form rules score on (comments are shown as written). Text that is NFC already
    (all ASCII text, most other text) is returned as it is, without a copy."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def tokenize(text: str) -> list[Token]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        raw = m.group()
        word = lower(raw).replace("’", "'")
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
