"""What a rule is: an id, a category, default points, a one-line summary, and a small check.

A rule's docstring carries its examples, pycodestyle-style, and a test runs them::

    Fires: you are a moron
    Okay: a moronic policy          (words inside words never count)
    Fires: yes I agree || parent: do you agree with the article?

``|| parent: TEXT`` and ``|| article: TEXT`` give the example its context. Weights live in the
rules file, not in code: ``default_points`` only seeds the shipped ``resources/rules.toml``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from moderator.compiled import class_doc
from moderator.core import Article, Category, Comment, Hit, Span, Thread
from moderator.rules.text import (
    OffsetMap,
    Token,
    body_words,
    normalise,
    text_words,
    tokenize,
    words_of,
)

if TYPE_CHECKING:
    from moderator.rules.config import Lexicon, RuleSettings


class ThreadContext:
    """Per-thread data shared by all rules, computed once (the article's words, ...).

    Rules keep their own per-thread state in ``cache`` under their id. A comment's context
    lives while its comment is being scored; the scorer then drops it (:meth:`release`) and
    keeps only its words (:meth:`word_list`), which the thread rules (reposts) read at the end.
    A context asked for again later (a parent, say) is made afresh: same text, same words.
    """

    def __init__(self, thread: Thread) -> None:
        self.thread = thread
        self.article: Article = thread.article
        self.cache: dict[Hashable, Any] = {}  # what rules work out once per thread
        self._contexts: dict[str, CommentContext] = {}
        self._word_lists: dict[str, list[str]] = {}
        self._digests: dict[str, dict[str, Any]] = {}  # rule id -> comment id -> digest

    @cached_property
    def article_text(self) -> str:
        return normalise(f"{self.article.title}\n{self.article.body}")

    @cached_property
    def article_tokens(self) -> list[Token]:
        return tokenize(self.article_text)

    def context(self, comment: Comment) -> CommentContext:
        ctx = self._contexts.get(comment.id)
        if ctx is None:
            ctx = CommentContext(comment, self)
            self._contexts[comment.id] = ctx
        return ctx

    def parent_context(self, comment: Comment) -> CommentContext | None:
        parent = self.thread.parent(comment)
        return None if parent is None else self.context(parent)

    def word_list(self, comment: Comment) -> list[str]:
        """The comment's words (as ``CommentContext.word_list``), without keeping a context."""
        words = self._word_lists.get(comment.id)
        if words is None:
            ctx = self._contexts.get(comment.id)
            if ctx is not None:
                return ctx.word_list
            words = self._word_lists[comment.id] = body_words(comment.body)
        return words

    def digests(self, key: str, digest: Callable[[list[str]], Any]) -> list[Any]:
        """``digest`` of every comment's words, in thread order (see :meth:`Rule.digest`);
        those the scorer worked out already (in a second process) are taken as found."""
        known = self._digests.get(key)
        word_list = self.word_list
        if not known:
            return [digest(word_list(c)) for c in self.thread.comments]
        return [known[c.id] if c.id in known else digest(word_list(c))
                for c in self.thread.comments]

    def found(self, comments: Iterable[Comment], words: Iterable[list[str]],
              digests: dict[str, Iterable[Any]]) -> None:
        """Words of ``comments`` found elsewhere (a second process), and digests of them by
        rule id: taken as found (words already known here are kept)."""
        ids = [c.id for c in comments]
        known = self._word_lists
        for cid, found in zip(ids, words, strict=True):
            known.setdefault(cid, found)
        for key, values in digests.items():
            self._digests.setdefault(key, {}).update(zip(ids, values, strict=True))

    def release(self) -> None:
        """Done with the comment being scored: drop every live context (its own, its parent's)
        and what rules cached on them; keep their words."""
        contexts = self._contexts
        for cid, ctx in contexts.items():
            if ctx._word_list is not None:
                self._word_lists[cid] = ctx._word_list
            if ctx.cache:
                ctx.cache.clear()  # rules may cache objects that point back at the context
        contexts.clear()


_UNSET: Any = object()


class CommentContext:
    """One comment as the rules see it: normalised text and tokens, computed lazily once."""

    __slots__ = ("comment", "thread", "text", "cache", "_tokens", "_word_list", "_words",
                 "_lower", "_parent")

    def __init__(self, comment: Comment, thread: ThreadContext) -> None:
        self.comment = comment
        self.thread = thread
        self.text = normalise(comment.body)
        self.cache: dict[str, Any] = {}
        self._tokens: list[Token] | None = None
        self._word_list: list[str] | None = thread._word_lists.get(comment.id)
        self._words: frozenset[str] | None = None
        self._lower: str | None = None
        self._parent: CommentContext | None = _UNSET

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = tokenize(self.text)
        return self._tokens

    @property
    def word_list(self) -> list[str]:
        """The lower-case words in order, without offsets: the cheap form most rules need."""
        if self._word_list is None:
            lower = self._lower
            self._word_list = text_words(self.text) if lower is None else words_of(lower)
        return self._word_list

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = frozenset(self.word_list)
        return self._words

    @property
    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    @property
    def parent(self) -> CommentContext | None:
        if self._parent is _UNSET:
            self._parent = self.thread.parent_context(self.comment)
        return self._parent

    def span(self, start: int, end: int) -> Span:
        """A span in normalised offsets, mapped onto the body as written."""
        if self.text is self.comment.body or self.text == self.comment.body:
            return Span(start, end)
        m = self.cache.get("_offsets")
        if m is None:
            m = self.cache["_offsets"] = OffsetMap(self.comment.body)
        return Span(m.to_shown(start), m.to_shown(end, end=True))


@dataclass(frozen=True)
class RuleInfo:
    """What ``moderator rules`` and the README list about a rule."""

    id: str
    category: Category
    points: int
    summary: str
    enabled: bool
    fires: tuple[str, ...] = ()
    okay: tuple[str, ...] = ()


@dataclass(frozen=True)
class Example:
    text: str
    fires: bool
    parent: str = ""
    article: str = ""


class Rule:
    """Base of every rule. Subclasses set the class attributes and implement :meth:`check`.

    ``amplifier`` rules (shouting, punctuation bursts) add points to a category only when a
    non-amplifier rule of that category also fired: they never flag a comment alone.
    """

    id: ClassVar[str]
    category: ClassVar[Category]
    default_points: ClassVar[int]
    summary: ClassVar[str]
    amplifier: ClassVar[bool] = False
    default_params: ClassVar[dict[str, Any]] = {}

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        self.settings = settings
        self.points = settings.points
        self.params = {**self.default_params, **settings.params}
        self.lexicon = lexicon

    # -- for subclasses -------------------------------------------------------------------
    def prepare(self, thread: ThreadContext) -> None:
        """Called once per thread before any comment is checked."""

    def check(self, ctx: CommentContext) -> Hit | None:
        raise NotImplementedError

    def digest(self) -> Callable[[list[str]], Any] | None:
        """A function of a comment's words that :meth:`prepare` needs for every comment of
        the thread (a thread statistic's part), read there with ``thread.digests(self.id,
        ...)``: the scorer works it out where it finds the words, a large thread's second
        half in a second process. ``None``: nothing of the kind."""
        return None

    def screen(self) -> tuple[Any, int] | None:
        """A cheap test shared by several rules, run once per comment by the scorer:
        ``(screen, bit)`` when the rule cannot fire unless ``screen.mask(ctx) & bit`` (the
        scorer then skips the rule); ``None``: the rule is always checked. Asked after
        :meth:`prepare`."""
        return None

    def hit(self, reason: str, spans: Iterable[Span] = (), points: int | None = None,
            **extra: Any) -> Hit:
        return Hit(
            rule_id=self.id,
            category=self.category,
            points=self.points if points is None else points,
            reason=reason,
            spans=tuple(spans),
            **extra,
        )

    # -- documentation ----------------------------------------------------------------------
    @classmethod
    def examples(cls) -> list[Example]:
        return parse_examples(cls.__doc__ or class_doc(cls))


class ThreadRule(Rule):
    """A rule that needs the whole thread at once (reposts): returns hits by comment id."""

    def check(self, ctx: CommentContext) -> Hit | None:  # pragma: no cover - not per comment
        return None

    def check_thread(self, thread: ThreadContext) -> dict[str, Hit]:
        raise NotImplementedError


def parse_examples(doc: str) -> list[Example]:
    """``Fires:``/``Okay:`` lines of a docstring, with optional ``|| parent:``/``|| article:``."""
    out = []
    for raw in doc.splitlines():
        line = raw.strip()
        for prefix, fires in (("Fires:", True), ("Okay:", False)):
            if line.startswith(prefix):
                parts = line[len(prefix):].split("||")
                text = parts[0].strip()
                ctx = {"parent": "", "article": ""}
                for part in parts[1:]:
                    key, _, value = part.strip().partition(":")
                    if key.strip() in ctx:
                        ctx[key.strip()] = value.strip()
                out.append(Example(text, fires, ctx["parent"], ctx["article"]))
    return out


@dataclass
class RuleSet:
    """The rules to run, built from a config: per-comment rules, then thread rules."""

    comment_rules: list[Rule] = field(default_factory=list)
    thread_rules: list[ThreadRule] = field(default_factory=list)
