"""Grammar the insult rules share: the small closed classes of words (articles, negations,
"you are", imperatives) that decide whether an insult word is aimed at the reader.

Vocabulary that a moderator may tune (insult nouns, phrases, groups) lives in ``rules.toml``;
these are the language's function words, not policy.
"""

from __future__ import annotations

# Grammar, not vocabulary: what may stand between "you" and the word that insults.
ARTICLES = frozenset({"a", "an", "the"})
NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "hardly", "isn't", "isnt",
                       "aren't", "arent", "ain't", "aint", "wasn't", "wasnt", "weren't",
                       "werent", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt",
                       "won't", "wont", "can't", "cant", "cannot", "shouldn't", "wouldn't",
                       "less", "nothing"})
STOPS = frozenset({"who", "whom", "that", "which", "than", "because", "if", "when", "and",
                   "or", "but", "he", "she", "it", "they", "them", "we", "i", "his", "her",
                   "their", "he's", "she's", "it's", "they're", "i'm", "we're", "this",
                   "these", "those", "my", "our", "people", "everyone", "everybody",
                   "someone", "anyone", "nobody", "of", "for", "with", "about", "to", "at",
                   "in", "on", "by", "from", "how", "what", "why", "think", "thinks",
                   "thought", "said", "says", "call", "called", "calling", "calls"})
# After "you" these lead on to what the reader is said to be ("you are", "you sound like").
LINKS = frozenset({"are", "r", "re", "were", "is", "be", "been", "being", "become", "became",
                   "remain", "sound", "sounds", "sounded", "sounding", "look", "looks",
                   "looking", "seem", "seems", "seemed", "act", "acts", "acting", "talk",
                   "talking", "behave", "come", "comes", "off", "across", "like", "as", "must",
                   "should", "will", "would", "gotta", "really", "truly", "obviously",
                   "clearly", "certainly", "definitely", "surely", "just", "still", "always",
                   "also", "too", "can", "could", "might", "may", "seriously", "honestly",
                   "literally", "actually", "officially", "probably", "all", "both", "two",
                   "guys", "lot", "folks", "yourself", "yourselves", "sure", "to", "ever",
                   "sir", "madam", "maam", "buddy", "pal", "mate", "dude", "man", "bro",
                   "son", "boy", "kid", "girl", "lady", "mister", "sonny", "champ", "born",
                   "starting", "beginning", "trying", "people"})
# "you are tall AND ugly", "a white devil OR cracker": joins the insult to other words.
COORDINATORS = frozenset({"and", "or"})
QUESTION_LEADS = frozenset({"are", "r", "were", "is", "am"})
# "your a moron": "your" misspelt for "you're" when one of these follows it.
YOUR_AS_YOU_ARE = frozenset({"a", "an", "so", "such", "just", "really", "truly", "the", "one",
                             "completely", "totally", "obviously", "clearly", "being", "full",
                             "nothing", "very", "too", "as", "all", "both", "simply", "are",
                             "r", "still", "only", "always", "never", "gonna"})
YOUR = frozenset({"your", "yo", "ur", "yor", "youre", "you're", "yer", "thy"})
BE_LIKE = frozenset({"are", "r", "re", "be", "sound", "look", "seem", "sounded", "looked",
                     "act"})
YOU_ARE_AFTER = frozenset({"as", "af", "and", "lol", "haha", "lmao"})
THIS_YOUR = frozenset({"this", "that", "your", "ur"})
# "your mom IS ...": what may follow "your mom" in a yo-mama insult.
MOTHER_VERBS = frozenset({"is", "was", "so", "sucks", "must", "does", "did", "likes", "said",
                          "told", "says", "has", "loves", "gave", "takes", "took", "knows",
                          "called", "just", "still", "wants", "should", "can", "could"})
DETERMINERS = frozenset({"a", "an", "the", "that", "this", "your", "ur", "such", "what",
                         "most", "more", "so", "really", "truly", "very"})
QUOTES = "\"'“”‘’«»"
# Swear words said as an exclamation ("oh, shit!"), not to anyone.
INTERJECTIONS = frozenset({"shit", "fuck", "crap", "damn", "hell", "bullshit"})
YOURSELF = frozenset({"yourself", "urself", "yourselves"})
DONT = frozenset({"don't", "dont", "never", "not"})
STOP_BEING = frozenset({"stop", "quit"})
# After "you NOUN", these show the noun is a verb or an object: "you troll so hard",
# "you fool around", "you throw trash out".
NOT_AFTER_VOCATIVE = frozenset({"so", "about", "around", "with", "at", "on", "in", "off", "up",
                                "out", "over", "into", "to", "it", "them", "him", "her", "me",
                                "us", "my", "his", "their", "the", "a", "an", "this", "that",
                                "these", "those", "yourself", "everyone", "people", "all",
                                "too", "again", "there", "here", "more", "like", "for", "from",
                                "by", "as", "is", "was", "and", "or", "but"})
# Words after which a noun belongs to their phrase, so it is not a call to someone ("eat
# YOUR trash", "full OF garbage", "he IS a troll", "CALLED me a moron").
BEFORE_A_NOUN = frozenset({"a", "an", "the", "your", "ur", "yo", "my", "his", "her", "their",
                           "our", "its", "this", "that", "these", "those", "some", "any", "no",
                           "every", "another", "such", "what", "which", "whose", "other", "of",
                           "for", "to", "like", "as", "with", "about", "at", "in", "on", "from",
                           "by", "into", "than", "is", "are", "was", "were", "be", "been",
                           "being", "am", "called", "call", "calling", "calls", "and", "or",
                           "but", "not", "nor", "more", "most", "less", "few", "many", "much",
                           "all", "both", "each", "either", "neither", "one", "two", "i", "we",
                           "they", "he", "she", "it", "me", "us", "them", "him", "become",
                           "became", "becomes", "remain", "stay", "seem", "seems", "feel",
                           "next", "last", "first", "same", "only", "own", "others", "say",
                           "says", "said", "saying", "word", "term", "named", "name"})
# An insult followed by a command is said to someone: "idiot go back to school".
IMPERATIVES = frozenset({"go", "get", "shut", "stop", "quit", "learn", "grow", "take", "keep",
                         "try", "piss", "fuck", "crawl", "move", "eat", "kiss", "suck"})
VOCATIVE_LEADS = frozenset({"hey", "listen", "look", "oh", "ok", "okay", "no", "yes", "yeah",
                            "yep", "nope", "well", "sorry", "thanks", "dear", "lol", "lmao",
                            "bye", "goodbye", "hi", "hello", "nice", "wow", "ha", "haha",
                            "right", "sure", "buddy", "pal"})
IMPERATIVE_LEADS = frozenset({"oh", "just", "now", "please", "pls", "plz", "so", "and",
                              "well", "hey", "ok", "okay", "lol", "lmao", "man", "dude", "bro",
                              "seriously", "honestly", "kindly", "simply", "you", "u", "ya",
                              "yall", "y'all", "go", "again", "already", "sir", "madam"})
YOU_WORDS = frozenset({"you", "u", "ya", "yall", "y'all", "guys"})
TOLD = frozenset({"need", "needs", "should", "must", "gotta", "better", "betta", "ought",
                  "have", "has"})
# "you can suck my ...", "y'all can kiss my ...": a command put as a permission.
MAY = frozenset({"can", "could", "may"})
# What may stand between "you" and "need to"/"can": "you guys really need to grow up".
YOU_AND_ALL = frozenset({"really", "just", "seriously", "all", "both", "guys", "people",
                         "folks", "dudes", "lot", "two"})

ADJECTIVE_ENDINGS = ("ous", "ful", "less", "ic", "ive", "ish", "ed", "y", "al", "ant", "ent",
                      "able", "ible", "ing")


def adjective_like(word: str) -> bool:
    """Looks like an adjective ("tedious", "greedy", "bloated", "whining")."""
    return len(word) > 3 and word.endswith(ADJECTIVE_ENDINGS)

# Insult nouns for the people in the thread: "idiots POSTING", "the morons ON HERE", "the
# retards IN THE AUDIENCE", "you and the OTHER idiots".
TAKING_PART = frozenset({"posting", "commenting", "blogging", "replying", "responding",
                         "trolling", "here", "reading", "post", "posted", "comment",
                         "commented"})
PLACES_HERE = frozenset({"site", "thread", "blog", "board", "forum", "page", "website",
                         "audience", "comments", "section", "discussion"})
OTHERS = frozenset({"other", "fellow"})
# "piece OF shit", "sack OF crap": what an insult noun may be a lump of.
OF_WHAT = frozenset({"piece", "sack", "bag", "pile", "lump", "load", "bucket", "heap", "waste",
                     "excuse", "bunch", "pack"})
