"""Shouting and punctuation bursts: they add to an insult, never make one (amplifiers)."""

from __future__ import annotations

import functools
import re
from typing import Any

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext, Rule
from moderator.rules.insult.shared import quoted

# Each ASCII byte as "U" (capital), "l" (small letter) or " " (anything else): counting and
# finding shouted words is then a few C-speed byte operations.
_SHAPE = bytes(ord("U") if 65 <= b <= 90 else ord("l") if 97 <= b <= 122 else 32
               for b in range(256))
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z'’]+\b")


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
    default_params: dict[str, Any] = {"min_ratio": 0.6, "min_letters": 12, "min_run": 3}

    def check(self, ctx: CommentContext) -> Hit | None:
        text = ctx.text
        shape = text.encode("ascii", "ignore").translate(_SHAPE)
        upper = shape.count(b"U")
        run = int(self.params["min_run"])
        if upper < 2 * run:
            return None
        letters = upper + shape.count(b"l")
        mostly = letters >= self.params["min_letters"] and \
            upper >= self.params["min_ratio"] * letters
        if not mostly and not _run_of(run).search(shape):
            return None
        shouted = []
        group: list[re.Match[str]] = []
        for m in [*_CAPS_WORD.finditer(text), None]:
            if m is not None and group and _joins(text[group[-1].end():m.start()]):
                group.append(m)
                continue
            if len(group) >= run or (mostly and group):
                shouted.append((group[0].start(), group[-1].end()))
            group = [] if m is None else [m]
        if not shouted:
            return None
        return self.hit(f"shouts: {quoted((text[a:b] for a, b in shouted), limit=2)}",
                        [ctx.span(a, b) for a, b in shouted])


def _joins(between: str) -> bool:
    """Only spaces and light punctuation between two shouted words (no new line)."""
    return "\n" not in between and between.strip(" ,.!?-:;'\"") == ""


@functools.lru_cache(maxsize=8)
def _run_of(run: int) -> re.Pattern[bytes]:
    """``run`` capitalised words in a row, in the byte shape of a text."""
    return re.compile(b"UU+" + b" +UU+" * (run - 1))


_BURST = re.compile(r"[!?]*(?:!!!|\?\?\?|!\?!|\?!\?)[!?]*")


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
    default_params: dict[str, Any] = {"min_marks": 3}

    def check(self, ctx: CommentContext) -> Hit | None:
        text = ctx.text
        if "!!" not in text and "??" not in text and "!?" not in text and "?!" not in text:
            return None
        least = int(self.params["min_marks"])
        found = [m for m in _BURST.finditer(text) if len(m.group()) >= least]
        if not found:
            return None
        return self.hit(f"{len(found)} burst{'s' if len(found) > 1 else ''} of "
                        f"{quoted((m.group() for m in found), limit=2)}",
                        [ctx.span(m.start(), m.end()) for m in found])
