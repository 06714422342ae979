"""Shouting and punctuation bursts: they add to an insult, never make one (amplifiers)."""

from __future__ import annotations

import functools
import re
from typing import Any, ClassVar

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext, Rule
from moderator.rules.config import Lexicon, RuleSettings
from moderator.rules.insult.shared import quoted

# Each ASCII byte as "U" (capital), "l" (small letter) or " " (anything else): counting and
# finding shouted words is then a few C-speed byte operations.
_SHAPE = bytes(ord("U") if 65 <= b <= 90 else ord("l") if 97 <= b <= 122 else 32
               for b in range(256))
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z'’]+\b")
# Shouted words in a row: only spaces and light punctuation between them (no new line).
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’]+\b(?:[ ,.!?\-:;'\"]+\b[A-Z][A-Z'’]+\b)*")


class Shouting(Rule):
    """Writing in capitals: ALL CAPS, or a run of shouted words ("YOU ARE AN IDIOT").

    An amplifier: it adds points only beside another insult rule, never flags alone. Fires
    when at least ``min_ratio`` of the letters are capitals (and there are ``min_letters``),
    or ``min_run`` capitalised words follow each other.

    False positive that shaped it: acronyms (FSB, LGBT, NATO, U.S.) are not shouting: a
    single capitalised word never counts, nor do short texts.

    Fires: YOU WESTERNERS ARE SICK
    Fires: Olympic festivities are SO MUCH FUN!
    Okay: The FSB and the UN met in the USA.
    """

    id = "insult.shouting"
    category = Category.INSULT
    default_points = 10
    summary = "Shouting in capitals (adds to an insult, never flags alone)."
    amplifier = True
    default_params: ClassVar[dict[str, Any]] = {"min_ratio": 0.6, "min_letters": 12, "min_run": 3}

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        self._run = int(self.params["min_run"])
        self._least = 2 * self._run
        self._min_letters = self.params["min_letters"]
        self._min_ratio = self.params["min_ratio"]
        self._run_re = _run_of(self._run)

    def check(self, ctx: CommentContext) -> Hit | None:
        text = ctx.text
        shape = text.encode("ascii", "ignore").translate(_SHAPE)
        if b"UU" not in shape:  # not one word in capitals (most comments)
            return None
        upper = shape.count(b"U")
        if upper < self._least:
            return None
        letters = upper + shape.count(b"l")
        mostly = letters >= self._min_letters and upper >= self._min_ratio * letters
        if not mostly and not self._run_re.search(shape):
            return None
        run = self._run
        shouted = []
        for m in _CAPS_RUN.finditer(text):
            if mostly or len(_CAPS_WORD.findall(m.group())) >= run:
                shouted.append(m.span())
        if not shouted:
            return None
        return self.hit(f"shouts: {quoted((text[a:b] for a, b in shouted), limit=2)}",
                        [ctx.span(a, b) for a, b in shouted])


@functools.lru_cache(maxsize=8)
def _run_of(run: int) -> re.Pattern[bytes]:
    """``run`` capitalised words in a row, in the byte shape of a text."""
    return re.compile(b"UU+" + b" +UU+" * (run - 1))


# A burst: a run of marks holding "!!!", "???", "!?!" or "?!?" (the whole run is the burst).
_MARKS = re.compile(r"[!?]{3,}")
_BURSTS = ("!!!", "???", "!?!", "?!?")


class PunctuationBurst(Rule):
    """Bursts of exclamation or question marks ("!!!!!", "?!?!").

    An amplifier: it adds points only beside another insult rule, never flags alone. Fires on
    ``min_marks`` or more marks in a row.

    False positive that shaped it: one "!!" of excitement is ordinary; it takes three.

    Fires: it's incurable!!! Gay rights!!!!!
    Okay: Thanks a million!!
    """

    id = "insult.punctuation_burst"
    category = Category.INSULT
    default_points = 10
    summary = "Bursts of !!! or ??? (adds to an insult, never flags alone)."
    amplifier = True
    default_params: ClassVar[dict[str, Any]] = {"min_marks": 3}

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        self._least = max(3, int(self.params["min_marks"]))

    def check(self, ctx: CommentContext) -> Hit | None:
        text = ctx.text
        if "!" not in text and "?" not in text:  # one character: the fastest look
            return None
        bangs, asks = text.count("!"), text.count("?")
        if bangs + asks < self._least or not (
                bangs >= 3 and "!!!" in text or asks >= 3 and "???" in text or
                bangs >= 2 and asks and "!?!" in text or
                asks >= 2 and bangs and "?!?" in text):
            return None  # no run of marks holds a burst
        least = self._least
        found = [m for m in _MARKS.finditer(text) if len(m.group()) >= least and
                 any(b in m.group() for b in _BURSTS)]
        if not found:
            return None
        return self.hit(f"{len(found)} burst{'s' if len(found) > 1 else ''} of "
                        f"{quoted((m.group() for m in found), limit=2)}",
                        [ctx.span(m.start(), m.end()) for m in found])
