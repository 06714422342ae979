"""Evidence offsets point into the body as the moderator sees it, even when the text was
written with decomposed accents (normalised to NFC for scoring); a comment's words are the same
however they are found."""

from __future__ import annotations

import random
import unicodedata

from moderator.core import Article, Comment, Thread
from moderator.rules.base import ThreadContext
from moderator.rules.text import body_words, normalise, text_words, words_of


def context(body: str):
    t = Thread("t", Article(), (Comment("c1", body),))
    return ThreadContext(t).context(t.comments[0])


def test_spans_map_back_over_decomposed_accents():
    shown = "Cafe\u0301 idiots and cre\u0300me bru\u0302le\u0301e"
    ctx = context(shown)
    assert ctx.text == unicodedata.normalize("NFC", shown) != shown
    for word in ("Café", "idiots", "crème", "brûlée"):
        start = ctx.text.index(word)
        span = ctx.span(start, start + len(word))
        assert unicodedata.normalize("NFC", shown[span.start:span.end]) == word


def test_plain_text_spans_are_unchanged():
    ctx = context("you are a moron")
    assert ctx.span(10, 15).start == 10 and ctx.span(10, 15).end == 15


def test_words_of_text_as_written_are_the_words_of_its_lower_case():
    """``text_words`` lower-cases ASCII bytes as it splits them (``body_words`` skips the
    normal-form check for such text too): the same list as normalising and lower-casing
    the whole text first, also where lower-casing goes beyond ASCII (the Kelvin sign becomes
    "k", "İ" two characters) and around apostrophes at either end and doubled."""
    rng = random.Random(11)
    alphabet = "aZb'’ $*@-_.é\n\"“”—–…•«»‘1Sß\u0301\t\u212aİſΣ"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert text_words(text) == words_of(text.lower()), text
        assert body_words(text) == words_of(normalise(text).lower()), text
    for text in ("Don't 'quote' me", "''Twas", "rock 'n' roll'", "’Tis THE Kelvin: 5 \u212a",
                 "İstanbul’s CAFÉ", "Cafe\u0301 “au lait”", "x''y", "'", ""):
        assert text_words(text) == words_of(text.lower()), text
        assert body_words(text) == words_of(normalise(text).lower()), text


def test_context_words_are_the_same_whichever_is_asked_first():
    body = "THE “Kremlin’s” men, 'quoted' — again…"
    first_words, first_lower = context(body), context(body)
    assert first_words.word_list == (first_lower.lower and first_lower.word_list)
    assert first_words.word_list == words_of(body.lower())


def test_fast_words_are_the_tokeniser_s_words_and_interned():
    """The byte-level splitting gives the words of the framework's word pattern exactly,
    wherever apostrophes stand (inside, at either end, doubled, next to punctuation), and
    each word is the one interned copy of it (a thread holds each distinct word once)."""
    import sys

    from moderator.rules.text import _TOKEN_RE

    rng = random.Random(5)
    alphabet = "ab'' ' .,;!-$*@_1\n\tZ"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        expected = _TOKEN_RE.findall(text.lower())
        got = text_words(text)
        assert got == expected, text
        assert all(w is sys.intern(w) for w in got), text


def test_words_stay_right_when_the_word_memory_starts_afresh(monkeypatch):
    """The dictionary of words met so far is emptied when it grows past its limit; words
    found after that are the same words, still interned."""
    import sys

    from moderator.rules import text

    monkeypatch.setattr(text, "_VOCAB", {})
    monkeypatch.setattr(text, "_MAX_VOCAB", 5)
    texts = [f"Word{i} and more words, number {i}: don't stop" for i in range(40)]
    for t in texts:
        got = text_words(t)
        assert got == text._TOKEN_RE.findall(t.lower())
        assert all(w is sys.intern(w) for w in got)
    assert len(text._VOCAB) <= 5 + 8  # emptied along the way, never much past the limit
