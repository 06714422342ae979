"""Insult rules as a moderator sees them: what flags, what does not, and where the evidence
points. (Each rule's own Fires:/Okay: examples run in test_rule_examples.py.)"""

from __future__ import annotations

import pytest

from moderator.core import Article, Category, Comment, Thread
from moderator.rules.base import ThreadContext
from moderator.rules.config import load_config
from moderator.rules.insult.profanity_words import CHARS_MAPPING, ProfanityMatcher
from moderator.rules.insult.view import text_view
from moderator.rules.scorer import Scorer, combine, drop_allowed
from moderator.rules.single import one_comment_thread, score_text


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer(load_config())


def insult_ids(scorer: Scorer, text: str, **context: str) -> set[str]:
    score = score_text(scorer, text, **context)
    return {h.rule_id for h in score.hits if h.category is Category.INSULT}


def flagged(scorer: Scorer, text: str, **context: str) -> bool:
    return Category.INSULT in score_text(scorer, text, **context).flags


def evidence(scorer: Scorer, text: str, rule_id: str) -> list[str]:
    score = score_text(scorer, text)
    hit = next(h for h in score.hits if h.rule_id == rule_id)
    return [text[s.start:s.end] for s in hit.spans]


# -- profanity ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["what a$$hole", "f*ck this", "sh1t happens", "fvck it",
                                  "fuuuuck", "f u c k this", "s h i t", "s..t..f..u",
                                  "opinions are like ASS HOLES", "what a dou*che*bag"])
def test_leetspeak_stretched_and_spaced_out_words_are_caught(scorer, text):
    assert "insult.profanity" in insult_ids(scorer, text)


@pytest.mark.parametrize("text", ["The assassin came from Scunthorpe.", "a classic cocktail",
                                  "Dickens lived in Sussex", "my analysis of the data",
                                  "it cost $455", "she passed the class"])
def test_words_inside_longer_words_never_count(scorer, text):
    assert insult_ids(scorer, text) == set()


@pytest.mark.parametrize("text", ["There are gay clubs in Russia.",
                                  "Neither of them is openly gay.", "God help us",
                                  "it was murder, plain and simple",
                                  "he got drunk in the Kremlin", "Why the hell would we do that?",
                                  "a slave to the oil price"])
def test_mild_or_ambiguous_words_alone_never_flag(scorer, text):
    score = score_text(scorer, text)
    assert Category.INSULT not in score.flags
    assert score.score(Category.INSULT) <= 5


def test_swearing_alone_is_not_an_insult_even_shouted(scorer):
    assert not flagged(scorer, "this is fucking great")
    assert not flagged(scorer, "THEY FUCKING KILLED IT!!!! SO FUCKING GOOD!!!")


def test_a_slur_flags_on_its_own(scorer):
    assert flagged(scorer, "faggot")


def test_a_name_the_article_uses_is_not_an_insult(scorer):
    article = "The amnesty frees the punk band Pussy Riot and Greenpeace activists."
    assert insult_ids(scorer, "Pussy Riot were freed at last", article=article) == set()
    assert "insult.profanity" in insult_ids(scorer, "Pussy Riot were freed at last")


def test_allowlisted_words_never_count(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('allowlist = ["pussy riot", "hell"]\n', encoding="utf-8")
    scorer = Scorer(load_config(rules))
    assert insult_ids(scorer, "Pussy Riot sang. What the hell.") == set()


def test_chars_mapping_is_better_profanitys():
    from better_profanity import Profanity

    assert CHARS_MAPPING == Profanity().CHARS_MAPPING


def test_matcher_agrees_with_better_profanity_on_its_own_examples():
    from better_profanity import Profanity

    lib = Profanity()
    matcher = ProfanityMatcher(lib_words())
    for text in ["a$$", "sh1t", "fvck", "you are a b1tch", "he11", "clean words only",
                 "Scunthorpe", "classic"]:
        v = text_view(text)
        assert bool(matcher.find(v, frozenset(v.words))) is lib.contains_profanity(text), text


def lib_words() -> list[str]:
    from moderator.rules.insult.profanity_words import better_profanity_words

    return better_profanity_words()


# -- attacks -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["you're an idiot", "You are such a moron.",
                                  "demonstrates you are a Putin tool", "you stupid fool",
                                  "Are you really this stupid?", "morons like you",
                                  "Away with you, trash.", "your a retard", "u r a loser",
                                  "you are a complete m0r0n", "What a loser!"])
def test_insults_aimed_at_the_reader_flag(scorer, text):
    assert "insult.personal_attack" in insult_ids(scorer, text)
    assert flagged(scorer, text)


@pytest.mark.parametrize("text", ["you are not an idiot", "if you think he is an idiot, say so",
                                  "Congress is full of idiots.", 'he called me a "moron"',
                                  "you troll so hard lol", "are you sick? stay home"])
def test_the_same_words_not_aimed_at_the_reader_do_not(scorer, text):
    assert "insult.personal_attack" not in insult_ids(scorer, text)


@pytest.mark.parametrize("text", ["Oh, shut up! Nobody asked.", "Get lost.", "shut the fuck up",
                                  "hey joe, why don't you stay off this blog"])
def test_commands_to_go_away_flag(scorer, text):
    assert "insult.dismissal" in insult_ids(scorer, text)
    assert flagged(scorer, text)


@pytest.mark.parametrize("text", ["the pain will go away", "they told him to shut up",
                                  "I grow up in Moscow"])
def test_the_same_words_that_command_no_one_do_not(scorer, text):
    assert "insult.dismissal" not in insult_ids(scorer, text)


def test_group_abuse_dehumanising_and_threats(scorer):
    assert "insult.group_abuse" in insult_ids(scorer, "You westerners are sick!")
    assert "insult.dehumanising" in insult_ids(
        scorer, "The LGBT community want to groom our children.")
    assert "insult.dehumanising" in insult_ids(scorer, "These people are vermin.")
    assert "insult.threat" in insult_ids(scorer, "I will find you.")
    assert "insult.threat" in insult_ids(scorer, "you deserve to die")
    for text in ("Russians like any other people want a stable country",
                 "even animals know the male and female rule",
                 "Putin ordered to kill Politkovskaya"):
        assert not flagged(scorer, text), text


# -- amplifiers --------------------------------------------------------------------------------
def test_shouting_and_punctuation_never_flag_alone(scorer):
    text = "OLYMPIC FESTIVITIES ARE SO MUCH FUN!!!!!"
    tctx = ThreadContext(one_comment_thread(text))
    ctx = tctx.context(tctx.thread.get("text"))
    ids = {r.id for r in scorer.ruleset.comment_rules if r.amplifier and r.check(ctx)}
    assert ids == {"insult.shouting", "insult.punctuation_burst"}
    assert insult_ids(scorer, text) == set()
    assert score_text(scorer, text).score(Category.INSULT) == 0


def test_shouting_adds_to_an_insult(scorer):
    quiet = score_text(scorer, "you are an idiot").score(Category.INSULT)
    loud = score_text(scorer, "YOU ARE AN IDIOT!!!!!").score(Category.INSULT)
    assert loud > quiet


def every_rule_run(scorer: Scorer, thread: Thread) -> dict[str, list]:
    """Each comment's hits as before amplifiers were checked only beside another hit: every
    per-comment rule on every comment, in rule order; then the allowlist and combine."""
    tctx = ThreadContext(thread)
    rules = scorer.ruleset.comment_rules
    for rule in rules:
        rule.prepare(tctx)
    out = {}
    for c in thread.comments:
        ctx = tctx.context(c)
        found = [h for h in (r.check(ctx) for r in rules) if h is not None]
        if found and scorer._allowed is not None:
            found = drop_allowed(found, c.body, scorer._allowed)
        out[c.id] = found
        tctx.release()
    return {cid: list(combine(found, scorer._amplifiers, scorer.config.thresholds,
                              cid).hits) for cid, found in out.items()}


AMPLIFIED = ["OLYMPIC FESTIVITIES ARE SO MUCH FUN!!!!!", "YOU ARE AN IDIOT!!!!!",
             "you are an idiot!!! WHAT A LOSER YOU ARE", "no way!!! that is BIG NEWS TODAY",
             "BITCOIN DOUBLER NOW!!!", "SEND BTC TO ME, YOU MORON!!!", "a quiet comment",
             "What the hell!!! THIS IS SO BAD", "Pussy Riot!!! FREE PUSSY RIOT NOW"]


def test_amplifiers_only_beside_another_hit_change_nothing(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('allowlist = ["pussy riot"]\n[[patterns]]\nid = "custom.crypto"\n'
                     'category = "insult"\npoints = 30\nreason = "crypto"\n'
                     'phrases = ["bitcoin doubler", "send btc"]\n', encoding="utf-8")
    comments = tuple(Comment(f"c{i}", text, position=i) for i, text in enumerate(AMPLIFIED))
    thread = Thread("t", Article(), comments)
    for scorer in (Scorer(load_config()), Scorer(load_config(rules))):
        scores = scorer.score_thread(thread)
        assert {c.id: list(scores[c.id].hits) for c in comments} == every_rule_run(scorer,
                                                                                  thread)


def test_a_custom_insult_pattern_is_the_hit_an_amplifier_counts_beside(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[[patterns]]\nid = "custom.crypto"\ncategory = "insult"\npoints = 30\n'
                     'reason = "crypto"\nphrases = ["bitcoin doubler"]\n', encoding="utf-8")
    score = score_text(Scorer(load_config(rules)), "BITCOIN DOUBLER RIGHT NOW!!!")
    assert [h.rule_id for h in score.hits] == ["insult.shouting", "insult.punctuation_burst",
                                               "custom.crypto"]
    assert score.score(Category.INSULT) == 50


# -- evidence ----------------------------------------------------------------------------------
def test_evidence_spans_cover_the_words_as_written(scorer):
    assert evidence(scorer, "Well... you are a Putin tool, sir", "insult.personal_attack") == [
        "you are a Putin tool"]
    assert evidence(scorer, "What a$$hole and sh1t.", "insult.profanity") == ["a$$hole", "sh1t"]
    assert evidence(scorer, "opinions are like ASS HOLES ok", "insult.profanity") == [
        "ASS HOLES"]
    assert evidence(scorer, "Oh, shut up! Go.", "insult.dismissal") == ["shut up"]


def test_evidence_maps_back_onto_a_body_with_decomposed_accents(scorer):
    body = "Jose\u0301, you are an idiot"  # "José" with a combining accent
    score = score_text(scorer, body)
    hit = next(h for h in score.hits if h.rule_id == "insult.personal_attack")
    assert [body[s.start:s.end] for s in hit.spans] == ["you are an idiot"]


def test_reasons_name_the_words(scorer):
    reasons = score_text(scorer, "you're a moron").reasons()
    assert '"moron"' in reasons


def test_a_thread_scores_many_comments_consistently(scorer):
    comments = tuple(Comment(f"c{i}", text, position=i) for i, text in enumerate(
        ["you are an idiot", "a classic cocktail", "you are an idiot", "Get lost."]))
    scores = scorer.score_thread(Thread("t", Article(), comments))
    assert [Category.INSULT in scores[c.id].flags for c in comments] == [True, False, True,
                                                                          True]


# -- the grammar of an attack ------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "You are a wretched little person.",            # a plain word for a person, said in scorn
    "You are basically a bitter human being.",
    "Pathetic little man.",
    "You are a complete and total idiot.",         # modifiers joined by "and"
    "Are you joking or just stupid?",
    "you're not very smart",                       # a negated compliment on the mind
    "You sir are not very bright.",
    "People like you are the reason nothing works.",
    "Go clean your room maggot!",                   # a command that ends calling a name
    "what an A S S you are",                       # one letter used twice, spelled out
])
def test_second_person_attacks_flag(scorer, text):
    assert flagged(scorer, text)


@pytest.mark.parametrize("text", [
    "You are a good person.",
    "The poor old man lost his home.",
    "You would even see ignorant people say so.",  # "you" does not lead to the name
    "For a stupid, ugly girl, she did well.",      # adjectives in a list, not a call
    "you are just soooo like a man now",           # an odd spelling of "so" is no insult
    "you eat trash.",                               # a thing, not a name
    "Why would you vote for that moron",           # a noun phrase, not a call
    'the radio played "fuck you" at the break',    # quoted: reported, not said
    'the anchor shouted "You\'re a fascist!" at his guest',
])
def test_what_is_not_said_to_the_reader_does_not_flag(scorer, text):
    assert not flagged(scorer, text)
