"""Near-duplicate reposts: on the real sample thread and on small threads a moderator knows."""

from __future__ import annotations

from moderator.core import Article, Category, Comment, Thread
from moderator.io import load
from moderator.rules.scorer import Scorer

TEXT = ("The amnesty is a publicity stunt timed for the Sochi Olympics, and the West should not "
        "reward Putin for releasing people who should never have been jailed.")


def thread(*comments: tuple[str, str, str, str]) -> Thread:
    """(id, author, posted_at, body) in thread order."""
    return Thread("t", Article(body="Putin's amnesty and the Sochi Olympics"), tuple(
        Comment(cid, body, author=author, posted_at=at, position=i)
        for i, (cid, author, at, body) in enumerate(comments)))


def test_joes_repost_in_the_sample_names_his_earlier_reply(sample_path):
    t = load(sample_path).threads[0]
    scores = Scorer().score_thread(t)
    reposts = [s for s in scores.by_comment.values() if Category.DUPLICATE in s.flags]
    assert len(reposts) == 1
    copy = t.get(reposts[0].comment_id)
    original = t.get(reposts[0].duplicate_of)
    assert copy.author == original.author == "joe"
    assert original.posted_at_raw == "January 4, 2014 at 7:04 pm"  # the reply came first
    assert copy.posted_at_raw == "January 4, 2014 at 7:30 pm" and copy.depth == 0
    hit = reposts[0].hits_for(Category.DUPLICATE)[0]
    assert hit.rule_id == "duplicate.same_author_repost" and hit.similarity >= 95
    assert original.id in hit.reason


def test_a_reply_quoting_another_comment_is_not_a_repost(sample_path):
    t = load(sample_path).threads[0]
    scores = Scorer().score_thread(t)
    alex = [c for c in t if c.author == "Alex279" and c.body.startswith('"')]
    assert alex, "Alex279 quotes Anna in the sample"
    assert Category.DUPLICATE not in scores[alex[0].id].flags


def test_copied_text_by_another_author_and_the_original_stays_clean():
    t = thread(("a", "ann", "", TEXT), ("b", "bob", "", "I disagree entirely with that view."),
               ("c", "cy", "", TEXT.upper() + "!!"), ("d", "dee", "", TEXT.replace("West",
                                                                                   "EU")))
    s = Scorer().score_thread(t)
    assert Category.DUPLICATE not in s["a"].flags | s["b"].flags
    for cid in ("c", "d"):
        hit = s[cid].hits_for(Category.DUPLICATE)[0]
        assert hit.rule_id == "duplicate.copied_text" and hit.duplicate_of == "a"
        assert "ann" in hit.reason


def test_the_earliest_copy_by_time_is_the_original_whatever_the_thread_order():
    t = thread(("late", "ann", "2014-01-05T10:00:00", TEXT),
               ("early", "ann", "2014-01-04T09:00:00", TEXT))
    s = Scorer().score_thread(t)
    assert not s["early"].flags
    assert s["late"].duplicate_of == "early"


def test_short_stock_replies_are_never_reposts():
    t = thread(("a", "ann", "", "Well said, thanks!"), ("b", "bob", "", "Well said, thanks!"),
               ("c", "ann", "", "Well said, thanks!"))
    s = Scorer().score_thread(t)
    assert not any(Category.DUPLICATE in x.flags for x in s.by_comment.values())


def test_scoring_is_deterministic(sample_path):
    t = load(sample_path).threads[0]
    a, b = Scorer().score_thread(t), Scorer().score_thread(t)
    assert a.by_comment == b.by_comment


def test_new_thresholds_reflag_without_rescoring(sample_path):
    t = load(sample_path).threads[0]
    scores = Scorer().score_thread(t)
    strict = scores.with_thresholds({c: 100 for c in Category})
    assert not any(s.flags for s in strict.by_comment.values() if s.priority < 100)
    lenient = scores.with_thresholds({c: 1 for c in Category})
    assert all(bool(s.flags) == (s.priority > 0) for s in lenient.by_comment.values())
    assert lenient.with_thresholds(scores.thresholds).by_comment == scores.by_comment


def test_clusters_group_each_original_with_its_copies_in_thread_order():
    from moderator.rules.duplicate.clusters import cluster_of, clusters

    other = "Sochi will be remembered for the security, not the sport, and that is a shame."
    t = thread(("a", "ann", "", TEXT), ("b", "bob", "", other), ("c", "cy", "", TEXT + "!"),
               ("d", "bob", "", other), ("e", "dee", "", "I disagree entirely with that."),
               ("f", "eve", "", TEXT.replace("West", "EU")))
    s = Scorer().score_thread(t)
    assert clusters(s) == {"a": ["c", "f"], "b": ["d"]}
    assert cluster_of(s, "f") == cluster_of(s, "a") == ["a", "c", "f"]
    assert cluster_of(s, "e") == ["e"]


def test_clusters_follow_chains_and_survive_loops():
    from moderator.core import CommentScore, Hit, ThreadScores
    from moderator.rules.duplicate.clusters import clusters

    def score(cid: str, of: str = "") -> CommentScore:
        hits = (Hit("duplicate.copied_text", Category.DUPLICATE, 50, "r", duplicate_of=of),) \
            if of else ()
        return CommentScore(cid, hits, {}, frozenset())

    chain = ThreadScores("t", {"a": score("a"), "b": score("b", "a"), "c": score("c", "b")})
    assert clusters(chain) == {"a": ["b", "c"]}
    loop = ThreadScores("t", {"x": score("x", "y"), "y": score("y", "x")})
    assert set(clusters(loop)) <= {"x", "y"}  # ends, whatever it makes of a loop
