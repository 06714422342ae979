"""Finding listed phrases ("posted a comment", "check out my channel") in a comment's tokens.

A phrase is matched on whole tokens, as the tokenizer splits the comment, so "my comments"
does not match inside "my commentsection" and the list needs no regular expressions. Each
phrase is filed under its longest uncommon word; a comment is only scanned when it contains
one of those words (one set intersection), which few comments do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from moderator.rules.base import CommentContext
from moderator.rules.text import tokenize


@dataclass(frozen=True, slots=True)
class Found:
    phrase: str
    start: int  # offsets in the comment's normalised text
    end: int


class PhraseMatcher:
    """Phrases filed under a key word each: the longest that is not a ``common`` word
    ("site" in "this site"), so that few comments contain a key at all."""

    def __init__(self, phrases: Iterable[str], common: frozenset[str] = frozenset()) -> None:
        self._by_key: dict[str, list[tuple[str, tuple[str, ...], int]]] = {}
        for phrase in sorted(set(phrases)):
            words = tuple(t.text for t in tokenize(phrase))
            if not words:
                continue
            at = max(range(len(words)), key=lambda i: (words[i] not in common, len(words[i])))
            self._by_key.setdefault(words[at], []).append((phrase, words, at))
        self.keys: frozenset[str] = frozenset(self._by_key)

    def phrases_keyed(self, keys: Iterable[str]) -> list[tuple[str, tuple[str, ...]]]:
        """The phrases filed under ``keys`` (to leave out those an article itself uses)."""
        return [(p, w) for k in keys for p, w, _ in self._by_key.get(k, ())]

    def find(self, ctx: CommentContext, skip: frozenset[str] = frozenset()) -> list[Found]:
        """Every occurrence of a phrase not in ``skip``, in text order."""
        keys = self.keys.intersection(ctx.word_list)  # no set of all the comment's words
        if not keys or not self._positions(ctx.word_list, keys, skip):
            return []
        tokens = ctx.tokens  # offsets, only now that there is something to show
        return [Found(phrase, tokens[i].start, tokens[j - 1].end)
                for phrase, i, j in self._positions([t.text for t in tokens], keys, skip)]

    def _positions(self, texts: list[str], keys: frozenset[str], skip: frozenset[str]
                   ) -> list[tuple[str, int, int]]:
        """``(phrase, first, past_last)`` word indices of each occurrence, in text order."""
        out = []
        for key in keys:
            for phrase, words, at in self._by_key[key]:
                if phrase in skip:
                    continue
                n = len(words)
                for i, text in enumerate(texts):
                    if text == key and i >= at and tuple(texts[i - at:i - at + n]) == words:
                        out.append((phrase, i - at, i - at + n))
        out.sort(key=lambda f: (f[1], -f[2]))
        return out


def quoted(found: list[Found], limit: int = 3) -> str:
    """``"posted a comment", "my comment"``: the distinct phrases, first ``limit`` of them."""
    seen: list[str] = []
    for f in found:
        if f.phrase not in seen:
            seen.append(f.phrase)
    text = ", ".join(f'"{p}"' for p in seen[:limit])
    return text + (" ..." if len(seen) > limit else "")
