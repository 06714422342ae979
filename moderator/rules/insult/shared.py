"""Small helpers the insult rules share: the forms of a word, and quoting the words found."""

from __future__ import annotations

from collections.abc import Iterable

from moderator.rules.text import lower


def forms(words: Iterable[str]) -> frozenset[str]:
    """Words with their plurals (``idiot``/``idiots``, ``bitch``/``bitches``, ``dummy``/
    ``dummies``) and possessives (``idiot's``)."""
    out: set[str] = set()
    for w in words:
        out.update((w, w + "s", w + "'s"))
        if w.endswith(("s", "sh", "ch", "x", "z")):
            out.add(w + "es")
        if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
            out.add(w[:-1] + "ies")
    return frozenset(out)


def quoted(texts: Iterable[str], limit: int = 4) -> str:
    """``"moron", "idiot"``: distinct texts in order, at most ``limit`` of them."""
    seen: list[str] = []
    lowered: set[str] = set()
    for t in texts:
        t = " ".join(t.split())
        low = lower(t)
        if low not in lowered:
            lowered.add(low)
            seen.append(t)
    more = f" and {len(seen) - limit} more" if len(seen) > limit else ""
    return ", ".join(f'"{t}"' for t in seen[:limit]) + more
