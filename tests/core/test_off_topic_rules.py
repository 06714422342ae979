"""Off-topic rules on real text: what a moderator would notice in the queue.

The sample thread (a CNN piece on Putin's amnesty and its 49 comments) must get exactly the
flags a reader agrees with; posts from elsewhere dropped into it must be flagged, with a
reason and evidence that point at the right words.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import replace

import pytest

from moderator.core import Article, Category, Comment, Thread
from moderator.io import load
from moderator.rules.config import load_config
from moderator.rules.off_topic import spam
from moderator.rules.scorer import Scorer
from tests.conftest import SAMPLES

OFF = Category.OFF_TOPIC
AMNESTY = Article(
    "Putin's amnesty is an opportunity for the West", "",
    "Russian President Vladimir Putin announced an amnesty for more than 20,000 prisoners, "
    "including the punk rockers Pussy Riot, detained Greenpeace activists and the oligarch "
    "Mikhail Khodorkovsky, before the Sochi Olympics. Human rights remain an obstacle between "
    "Russia and the West; the Magnitsky Act imposed sanctions on Russian officials.")


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer(load_config())


@pytest.fixture(scope="module")
def sample() -> Thread:
    return load(SAMPLES / "russia-amnesty-cnn-2014.txt").thread()


def with_posts(thread: Thread, *posts: tuple[str, str, str]) -> Thread:
    """The thread with ``(id, author, body)`` posts added at top level, at the end."""
    n = len(thread.comments)
    extra = tuple(Comment(cid, body, author=author, position=n + i)
                  for i, (cid, author, body) in enumerate(posts))
    return replace(thread, comments=thread.comments + extra)


def off_topic_hits(scores, cid: str) -> dict[str, object]:
    return {h.rule_id: h for h in scores[cid].hits_for(OFF)}


def by_author_text(thread: Thread, author: str, start: str) -> Comment:
    return next(c for c in thread.comments
                if c.author == author and c.body.startswith(start))


# -- the sample thread: every flag one a reader agrees with -------------------------------------

def test_sample_thread_flags_only_the_empty_the_meta_and_the_unrelated_post(scorer, sample):
    scores = scorer.score_thread(sample)
    flagged = {(c.author, c.body[:30]): sorted(off_topic_hits(scores, c.id))
               for c in sample.comments if OFF in scores[c.id].flags}
    assert flagged == {
        ("Socrates", ""): ["off_topic.empty"],
        ("Victor", "Funny, posted a comment and it"): ["off_topic.meta"],
        ("haha678", "Yeah well if Tanya harding is "): ["off_topic.low_relevance"],
    }


@pytest.mark.parametrize(("author", "start"), [
    ("Patrick", "Well put, nathan."),
    ("Patrick", "Beautifully said, Joseph."),
    ("Victor", "The curtain was sold"),
    ("John", "Iron Curtain closes"),  # drew a reply that takes it up
    ("kyzaadrao", "Sounds like a great reason"),  # "Olympics": the thread's subject
    ("lela", "Aaaahh, he is one of the few"),
    ("Danlien", "I want to go to Sochi!"),
    ("Rob S", "I agree with Anna P."),
])
def test_on_topic_and_engaged_posts_are_not_flagged(scorer, sample, author, start):
    comment = by_author_text(sample, author, start)
    score = scorer.score_thread(sample)[comment.id]
    assert OFF not in score.flags, score.reasons()


def test_the_unrelated_post_says_why_and_marks_the_unrelated_words(scorer, sample):
    comment = by_author_text(sample, "haha678", "Yeah well if Tanya")
    hit = off_topic_hits(scorer.score_thread(sample), comment.id)["off_topic.low_relevance"]
    assert hit.points == 60
    assert hit.reason.startswith("shares 0 of its ")
    assert "content words with the article" in hit.reason
    marked = {comment.body[s.start:s.end].lower() for s in hit.spans}
    assert {"tanya", "kerrigan", "bodyguard"} <= marked
    assert not marked & {"the", "is", "if", "well"}  # stop words are never evidence


def test_the_empty_comment_is_flagged_as_empty(scorer, sample):
    comment = by_author_text(sample, "Socrates", "")
    hit = off_topic_hits(scorer.score_thread(sample), comment.id)["off_topic.empty"]
    assert hit.reason == "is empty" and hit.spans == ()


def test_the_vanished_comment_complaint_is_meta_with_its_words_marked(scorer, sample):
    comment = by_author_text(sample, "Victor", "Funny, posted")
    hit = off_topic_hits(scorer.score_thread(sample), comment.id)["off_topic.meta"]
    assert [comment.body[s.start:s.end] for s in hit.spans] == ["posted a comment", "not there"]
    assert "site or its moderation" in hit.reason


# -- posts from elsewhere dropped into the thread --------------------------------------------

DROPPED = (
    ("x1", "qatarhelp", "You need a letter from your employer and a stamped utility bill. Take "
                        "both to your embassy; the visa office near the souq opens at eight."),
    ("x2", "musicfan", "This song takes me back to summer 2009, still listening in 2016! Best "
                       "chorus ever, the guitar solo gives me chills every single time."),
    ("x3", "promo", "Check out my channel for daily reaction videos, link in my bio!"),
    ("x4", "cashnow", "I earn $500 a day working from home, ask me how: www.example-cash.biz"),
    ("x5", "linker", "https://youtu.be/abc123XYZ"),
    ("x6", "ghost", "Why was I censored? My comment vanished again."),
    ("x7", "dots", "!!!!!!! ??? 😂😂😂"),
)


@pytest.fixture(scope="module")
def dropped(scorer, sample):
    thread = with_posts(sample, *DROPPED)
    return thread, scorer.score_thread(thread)


@pytest.mark.parametrize(("cid", "rule"), [
    ("x1", "off_topic.low_relevance"),
    ("x2", "off_topic.low_relevance"),
    ("x3", "off_topic.spam"),
    ("x4", "off_topic.spam"),
    ("x5", "off_topic.link"),
    ("x6", "off_topic.meta"),
    ("x7", "off_topic.empty"),
])
def test_posts_from_elsewhere_are_flagged_by_the_right_rule(dropped, cid, rule):
    _, scores = dropped
    assert OFF in scores[cid].flags, scores[cid].reasons()
    assert rule in off_topic_hits(scores, cid)


def test_adding_them_flags_nothing_else(scorer, sample, dropped):
    thread, scores = dropped
    before = {c.id for c in sample.comments if OFF in scorer.score_thread(sample)[c.id].flags}
    after = {c.id for c in thread.comments if OFF in scores[c.id].flags}
    assert after - before == {cid for cid, _, _ in DROPPED}


def test_spam_and_link_evidence_is_the_phrase_and_the_url(dropped):
    thread, scores = dropped
    body = thread.get("x4").body
    spam = off_topic_hits(scores, "x4")["off_topic.spam"]
    assert [body[s.start:s.end] for s in spam.spans] == ["earn $500 a day"]
    link = off_topic_hits(scores, "x4")["off_topic.link"]
    assert [body[s.start:s.end] for s in link.spans] == ["www.example-cash.biz"]
    assert link.points == 25  # a link inside a sentence: shown, not enough to flag alone
    bare = off_topic_hits(scores, "x5")["off_topic.link"]
    assert bare.points == 50 and bare.reason == "is mostly a link to youtu.be"


def test_a_link_to_the_articles_own_site_is_not_evidence(scorer):
    article = Article("Media inquiry", "https://www.theglobeandmail.com/opinion/x/",
                      "Newspapers are losing readers; a public inquiry into the media crisis.")
    thread = Thread("t", article, (
        Comment("c1", "The paper's own numbers on readers: "
                      "https://www.theglobeandmail.com/report/readers/ and "
                      "https://example.org/elsewhere", position=0),))
    hit = off_topic_hits(scorer.score_thread(thread), "c1")["off_topic.link"]
    assert hit.reason == "links to example.org"
    assert len(hit.spans) == 1


# -- replies are judged against their parent -------------------------------------------------

def test_a_long_reply_that_takes_up_its_parent_is_on_topic(scorer):
    article = AMNESTY
    parent = ("Let me tell you about the Salt Lake City games in 2002: downtown was one huge bar, "
              "a Budweiser party on every block, beer tents, bands and skating all night long.")
    reply = ("Salt Lake was fun, but a Budweiser party with beer tents on every downtown block "
             "is not what the black widows of the Caucasus leave alone; skating all night "
             "long next to bands would be a target there.")
    thread = Thread("t", article, (
        Comment("p", parent, author="Danlien", position=0),
        Comment("r", reply, author="sadhumanbehavior", parent_id="p", depth=1, position=1)))
    scores = scorer.score_thread(thread)
    assert OFF not in scores["r"].flags, scores["r"].reasons()


def test_a_long_reply_about_something_else_entirely_is_flagged(scorer):
    article = AMNESTY
    parent = "Putin freed Pussy Riot and Khodorkovsky only to polish his image before Sochi."
    reply = ("Try the dentist near the Ramada hotel, she speaks English and Arabic and takes "
             "walk-ins. Parking behind the clinic costs nothing after six, bring your residence "
             "card, insurance papers and a copy of your sponsor letter for the receptionist.")
    thread = Thread("t", article, (
        Comment("p", parent, author="Rob", position=0),
        Comment("r", reply, author="helper", parent_id="p", depth=1, position=1)))
    hits = off_topic_hits(scorer.score_thread(thread), "r")
    assert "off_topic.low_relevance" in hits
    assert "with the article or its parent" in hits["off_topic.low_relevance"].reason


# -- settings live in the rules file ----------------------------------------------------------

def test_thresholds_come_from_the_rules_file(tmp_path, sample):
    rules = tmp_path / "rules.toml"
    rules.write_text('[rules."off_topic.low_relevance"]\nmin_relevance = 0.0\n'
                     '[rules."off_topic.meta"]\npoints = 10\n', encoding="utf-8")
    scorer = Scorer(load_config(rules))
    scores = scorer.score_thread(sample)
    haha = by_author_text(sample, "haha678", "Yeah well")
    victor = by_author_text(sample, "Victor", "Funny, posted")
    assert "off_topic.low_relevance" not in off_topic_hits(scores, haha.id)
    assert off_topic_hits(scores, victor.id)["off_topic.meta"].points == 10
    assert OFF not in scores[victor.id].flags  # 10 points: below the threshold of 50


def test_a_meta_word_the_article_is_about_does_not_count(scorer):
    article = Article("Who moderates the moderators?", "",
                      "The moderators of big sites decide what readers may say; critics say "
                      "the moderators censored me and you alike.")
    thread = Thread("t", article, (
        Comment("c1", "The moderators censored me too, and nobody answers for it.", position=0),))
    assert "off_topic.meta" not in off_topic_hits(scorer.score_thread(thread), "c1")


def test_evidence_points_into_the_body_as_written(scorer):
    """A decomposed accent (NFC changes the text) before the marked words: the spans still
    land on the words as written."""
    article = AMNESTY
    body = ("Cafe\u0301 owners in Doha: the souq parking permit office moved near the "
            "Ramada roundabout, bring your residence card.")
    thread = Thread("t", article, (Comment("c1", body, position=0),))
    hit = off_topic_hits(scorer.score_thread(thread), "c1")["off_topic.low_relevance"]
    marked = [body[s.start:s.end] for s in hit.spans]
    assert {"Doha", "souq", "parking", "Ramada", "roundabout"} <= set(marked)


def test_without_an_article_a_short_thread_is_not_judged_for_relevance(scorer, sample):
    """A Disqus or CSV export has no article: 49 comments are too few to tell what is on
    topic, and flagging half of them would be noise. Empty and meta posts still are."""
    bare = replace(sample, article=Article())
    scores = scorer.score_thread(bare)
    fired = {h.rule_id for c in bare.comments for h in scores[c.id].hits_for(OFF)}
    assert "off_topic.low_relevance" not in fired
    assert {"off_topic.empty", "off_topic.meta"} <= fired


def test_the_related_pages_without_comments_score_as_empty_threads(scorer, related_paths):
    for path in related_paths:
        thread = load(path).thread()
        assert len(thread.comments) == 0
        assert scorer.score_thread(thread).flagged() == []


# -- the cheap first look for links finds whatever the exact one finds -------------------------

def test_the_link_shape_on_the_text_as_written_passes_wherever_the_lower_case_look_does():
    """``off_topic.link`` looks at the text as written before lower-casing it: that look must
    pass wherever a domain or "www." shows in the lower-cased text, in any case."""
    rng = random.Random(3)
    pieces = [".", "..", " ", "www", "WwW", "w", "com", "COM", "Co", "uk", "u\u212a", "İnfo",
              "İo", "info", "Be", "ME", "us", "x", "é", "_", "-", "/", "\u0307", "ſ", "ı", "’"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        lower = text.lower()
        if "www." in lower or spam._TLD.search(lower):
            assert spam._LINK_SHAPE.search(text), text


def test_lower_casing_is_as_the_link_shape_expects():
    """What the look on the text as written relies on, for every character: only ASCII
    letters, the Kelvin sign and "İ" lower-case to ASCII letters, only "." to ".", and no
    word character to a character that is not one."""
    word = re.compile(r"\w")
    to_ascii, to_dot, unword = set(), set(), []
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        low = c.lower()
        if low == c:  # most characters
            continue
        if not c.isascii() and any("a" <= x <= "z" for x in low):
            to_ascii.add(c)
        if "." in low:
            to_dot.add(c)
        if word.match(c) and not word.match(low[0]):
            unword.append(c)
    assert to_ascii == {"\u212a", "İ"} and not to_dot and not unword
    assert "İ".lower() == "i\u0307"  # no domain has a letter after an "i" it could stand for


@pytest.mark.parametrize(("body", "reason"), [
    ("Awww.so cute", None),  # "www." but no link word: never a link
    ("The full report is at NEWS.EXAMPLE.CO.UK today", "links to news.example.co.uk"),
    ("The full report is at example.u\u212a today", "links to example.uk"),
    ("See Example.Com/Page", "is mostly a link to example.com"),
])
def test_links_in_any_case(scorer, body, reason):
    thread = Thread("t", AMNESTY, (Comment("c1", body, position=0),))
    hit = off_topic_hits(scorer.score_thread(thread), "c1").get("off_topic.link")
    assert (hit and hit.reason) == reason
