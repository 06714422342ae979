"""Disqus exports read one thread at a time (``moderator.io.stream``): the same threads,
comments and messages as ``disqus.parse``, without holding every post at once.

A Disqus export lists its threads apart from their posts, and a post names its thread and its
parent by id, so the file is read twice: the first pass learns which thread each post belongs
to, where each thread's last post is, and the posts' site identifiers (for parents named that
way); the second builds each thread once its last post is read, in ``disqus.parse``'s order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from moderator.core import Article, InputError, Thread
from moderator.io.common import plural, thread_id_from_path, unique
from moderator.io.disqus import _article, _check_root, _dsq_id, _post, _thread_for, _ThreadInfo
from moderator.io.tree import RawComment, build_thread
from moderator.io.xmlsafe import Document, child_text, local, stream_records


@dataclass
class _Plan:
    """What the first pass learnt."""

    infos: list[_ThreadInfo] = field(default_factory=list)  # threads in the parse's order
    post_info: list[int] = field(default_factory=list)  # post n -> index in infos
    last_post: dict[int, int] = field(default_factory=dict)  # info index -> its last post
    identifiers: dict[str, str] = field(default_factory=dict)  # site <id> -> post id
    described: int = 0  # how many of infos are <thread> elements (the first ones)


def iter_disqus(open_chunks: Callable[[], Iterable[str]], path: str,
                file_notes: list[str]) -> Iterator[tuple[Thread, list[str]]]:
    """Each thread with its messages; messages about the file are added to ``file_notes``
    before the first thread. ``open_chunks`` gives the file's text in pieces, from the start,
    each time it is called."""
    doc = Document()
    plan = _first_pass(open_chunks(), path, doc)
    with_posts = [n for n, info in enumerate(plan.infos) if n in plan.last_post]
    shown = with_posts or list(range(len(plan.infos)))
    file_notes.extend(doc.notes)
    empty = len(plan.infos) - len(with_posts)
    if with_posts and empty:
        file_notes.append(f"{plural(empty, 'thread')} without posts left out")
    undescribed = sum(1 for n in plan.post_info if n >= plan.described)
    if undescribed:
        file_notes.append(f"{plural(undescribed, 'post')} in threads the file does not "
                          "describe (no title or link)")
    taken: set[str] = set()
    names = {n: unique(plan.infos[n].key or f"thread-{k}", taken)
             for k, n in enumerate(shown, start=1)}
    yield from _second_pass(open_chunks(), path, plan, shown, names)


def _first_pass(chunks: Iterable[str], path: str, doc: Document) -> _Plan:
    plan = _Plan()
    by_dsq: dict[str, _ThreadInfo] = {}
    by_identifier: dict[str, _ThreadInfo] = {}
    refs: list[str] = []
    for element in stream_records(chunks, path, 1, doc, lambda tag: _check_root(tag, path)):
        name = local(element.tag)
        if name == "thread":
            # the article is read in the second pass, when its thread is built
            info = _ThreadInfo(_dsq_id(element) or child_text(element, "id"), Article())
            plan.infos.append(info)
            by_dsq.setdefault(_dsq_id(element), info)
            by_identifier.setdefault(child_text(element, "id"), info)
        elif name == "post":
            raw, identifier, thread_ref, _parent = _post(element)
            if identifier and raw.id:
                plan.identifiers[identifier] = raw.id
            refs.append(thread_ref)
    if not plan.infos and not refs:
        raise InputError("a Disqus export without any <thread> or <post>", path=path)
    by_dsq.pop("", None)
    by_identifier.pop("", None)
    plan.described = len(plan.infos)
    index = {id(info): n for n, info in enumerate(plan.infos)}
    undescribed: dict[str, int] = {}
    for post, ref in enumerate(refs):
        info = _thread_for(ref, by_dsq, by_identifier)
        if info is not None:
            n = index[id(info)]
        else:
            key = ref.lstrip("@") or thread_id_from_path(path)
            if key not in undescribed:
                undescribed[key] = len(plan.infos)
                plan.infos.append(_ThreadInfo(key, Article(), described=False))
            n = undescribed[key]
        plan.post_info.append(n)
        plan.last_post[n] = post
    return plan


def _second_pass(chunks: Iterable[str], path: str, plan: _Plan, order: list[int],
                 names: dict[int, str]) -> Iterator[tuple[Thread, list[str]]]:
    """``order``: the threads to build (those with posts; all when none has any)."""
    raws: dict[int, list[RawComment]] = {n: [] for n in order}
    articles: dict[int, Article] = {n: Article() for n in order if n >= plan.described}
    complete = {n for n in order if n not in plan.last_post}  # no posts to wait for
    next_out = 0
    thread_n = post_n = 0
    for element in stream_records(chunks, path, 1, Document(),
                                  lambda tag: _check_root(tag, path)):
        name = local(element.tag)
        if name == "thread":
            if thread_n in raws:
                articles[thread_n] = _article(element)
            thread_n += 1
        elif name == "post":
            raw, _identifier, _thread_ref, parent_ref = _post(element)
            if parent_ref.startswith("@"):  # the parent's site <id>, not its dsq:id
                raw.parent_id = plan.identifiers.get(parent_ref[1:], parent_ref[1:])
            else:
                raw.parent_id = parent_ref
            n = plan.post_info[post_n]
            raws[n].append(raw)
            if plan.last_post[n] == post_n:
                complete.add(n)
            post_n += 1
        else:
            continue
        while next_out < len(order) and order[next_out] in complete \
                and order[next_out] in articles:
            n = order[next_out]
            info = plan.infos[n]
            info.article, info.raws = articles.pop(n), raws.pop(n)
            yield _thread(names[n], info)
            info.raws = []
            next_out += 1
    for n in order[next_out:]:  # a thread element after its last post
        info = plan.infos[n]
        info.article, info.raws = articles.pop(n, info.article), raws.pop(n)
        yield _thread(names[n], info)


def _thread(thread_id: str, info: _ThreadInfo) -> tuple[Thread, list[str]]:
    thread, notes = build_thread(thread_id, info.article, info.raws)
    return thread, [f"thread {thread_id}: {note}" for note in notes]
