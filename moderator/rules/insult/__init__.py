"""Insult rules: profanity, attacks on a person or a group, dehumanising talk, threats.

Shouting and punctuation bursts are amplifiers: they add to an insult, never flag alone.
"""

from moderator.rules.base import Rule
from moderator.rules.insult.amplifiers import PunctuationBurst, Shouting
from moderator.rules.insult.dismissal import Dismissal
from moderator.rules.insult.group import Dehumanising, GroupAbuse
from moderator.rules.insult.personal import PersonalAttack
from moderator.rules.insult.profanity import Profanity
from moderator.rules.insult.sexual import Sexual
from moderator.rules.insult.threat import Threat

RULES: list[type[Rule]] = [
    Profanity,
    PersonalAttack,
    Dismissal,
    Sexual,
    GroupAbuse,
    Dehumanising,
    Threat,
    Shouting,
    PunctuationBurst,
]
