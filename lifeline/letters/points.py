"""Turn a case sheet's appeal points into first-person sentences for a letter.

A case sheet lists its appeal points as the tail of "Please send appeals ...":

    - urging them to lift the restrictions on access to the border areas;
    - Ratify the 1987 Convention against Torture ...

A letter says the same thing in the first person, to the official it is
addressed to: "I urge you to lift the restrictions on access to the border
areas." The rules are a table, tried in order; the first whose pattern matches
the start of the point wins. A point no rule recognises is kept whole (tidied,
capitalised, one full stop) rather than mangled.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

# --- tidying (any language) --------------------------------------------------

# "- ", "• ", "(a) ", "1. " at the start of a point.
_LIST_MARKER = re.compile(r"^\s*(?:[-–—•*·▪‣]+|\(?(?:\d{1,2}|[a-z])[.)])\s+", re.IGNORECASE)
# "...;", "...; and", "..., or", "...:" at the end of a point.
_LIST_TAIL = re.compile(r"(?:[;,؛،]\s*(?:and|or|et|ou|y|o|و)\s*)?[\s;,:؛،–—-]*$", re.IGNORECASE)
# A sentence already ends: "...Treatment." or '...his own."' or "...?)".
_ENDED = re.compile(r"[.!?؟…](?:[\"'”’»)\]]*)$")


def tidy(point: str) -> str:
    """One point as one sentence: list marker and list punctuation gone, one full stop."""
    text = " ".join(point.split())
    text = _LIST_MARKER.sub("", text)
    text = _LIST_TAIL.sub("", text)
    if not text:
        return ""
    text = re.sub(r"(?<!\.)\.\.$", ".", text)  # "..": a stray stop after an abbreviation
    if not _ENDED.search(text):
        text += "."
    return capitalise(text)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


# --- who the point is addressed to ------------------------------------------

# The official or authorities the letter is written to, as a case sheet names
# them: "them", "the Chinese authorities", "the government of Jilin Province".
# Words joined by "and"/"or" are left alone: "the international community and
# the government" is not only the addressee.
_ADDRESSEE = (
    r"(?:them|him|her"
    r"|the\s+(?:(?!and\b|or\b)[\w'’.-]+\s+){0,4}?(?:authorities|government|officials)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})?"
    r"{audience})"
)

# Possessives that, once the addressee has become "you", belong to them too:
# "urging them to honour their obligations" -> "... your obligations". Other
# "their" ("returning refugees against their will") are about someone else.
_THEIR = re.compile(
    r"\btheir(\s+(?:own\s+)?(?:obligations?|commitments?|responsibilit(?:y|ies)|dut(?:y|ies)"
    r"|custody|jurisdiction|control|authority|power|influence|promises?|pledges?"
    r"|undertakings?)\b)",
    re.IGNORECASE,
)

_CONCERN_ADVERBS = {
    "deep": "deeply",
    "grave": "gravely",
    "serious": "seriously",
    "great": "greatly",
    "profound": "profoundly",
    "extreme": "extremely",
    "particular": "particularly",
}

# Gerunds that simply become "I <verb>".
_GERUNDS = {
    "acknowledging": "acknowledge",
    "appealing": "appeal",
    "commending": "commend",
    "condemning": "condemn",
    "demanding": "demand",
    "deploring": "deplore",
    "emphasising": "emphasise",
    "emphasizing": "emphasize",
    "expressing": "express",
    "insisting": "insist",
    "opposing": "oppose",
    "pointing": "point",
    "protesting": "protest",
    "recalling": "recall",
    "recognising": "recognise",
    "recognizing": "recognize",
    "regretting": "regret",
    "reiterating": "reiterate",
    "requesting": "request",
    "seeking": "seek",
    "stating": "state",
    "stressing": "stress",
    "supporting": "support",
    "underlining": "underline",
    "welcoming": "welcome",
}

# Verbs a case sheet uses as imperatives ("Ratify the 1987 Convention ...").
_IMPERATIVES = frozenset(
    """
    abide abolish accede accept adapt adopt allow amend annul ban bring carry cease
    clarify close commute comply conduct co-operate cooperate declare desist disclose
    drop end enforce ensure establish facilitate free give grant guarantee halt hold
    implement improve inform investigate launch let lift make order overturn pardon
    permit prevent prosecute protect provide publish put quash ratify reconsider
    re-examine refrain reform release remove repeal respect restore return reveal review
    revoke safeguard set sign stop suspend take transfer treat uphold withdraw
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
_IMPERATIVE_ADVERBS = frozenset(
    [
        "immediately",
        "urgently",
        "promptly",
        "fully",
        "unconditionally",
        "swiftly",
        "quickly",
        "also",
    ]
)
# "Free and fair elections ..." starts with an adjective, not an imperative.
_NOT_AFTER_IMPERATIVE = frozenset(
    ["and", "or", "is", "are", "was", "were", "must", "should", "has", "have", "will"]
)


@dataclass(frozen=True)
class Rule:
    """`pattern` matches the start of a tidied point; `replacement` is what it becomes.

    `addressed` says the match named the official written to, who is now "you".
    """

    pattern: str
    replacement: str | Callable[[re.Match[str]], str]
    addressed: bool = False


def _concerned(match: re.Match[str]) -> str:
    adjective = (match.group("adj") or "").lower()
    adverb = _CONCERN_ADVERBS.get(adjective, "")
    return f"I am {adverb} concerned ".replace("  ", " ")


def _gerund(match: re.Match[str]) -> str:
    return f"I {_GERUNDS[match.group('verb').lower()]} "


ENGLISH_RULES: tuple[Rule, ...] = (
    Rule(r"urging\s+{A}\s+not\s+to\s+", "I urge you not to ", addressed=True),
    Rule(r"urging\s+{A}\s+to\s+", "I urge you to ", addressed=True),
    Rule(r"urging\s+", "I urge "),
    Rule(r"(?:calling|appealing)\s+(?:on|upon)\s+{A}\s+to\s+", "I call on you to ", addressed=True),
    Rule(r"calling\s+(?:on|upon)\s+", "I call on "),
    Rule(r"calling\s+for\s+", "I call for "),
    Rule(r"noting\s+", "I note "),
    Rule(
        r"expressing\s+(?:(?:my|our|your)\s+)?(?:(?P<adj>deep|grave|serious|great|profound|extreme"
        r"|particular)\s+)?concern\s+(?=(?:that|about|at|for|over|regarding|with)\b)",
        _concerned,
    ),
    Rule(r"seeking\s+assurances\s+", "I seek assurances "),
    Rule(r"asking\s+{A}\s+", "I ask you ", addressed=True),
    Rule(r"asking\s+(?=(?:that|to)\b)", "I ask "),
    Rule(r"asking\s+", "I ask you "),
    Rule(r"requesting\s+{A}\s+to\s+", "I ask you to ", addressed=True),
    Rule(r"encouraging\s+{A}\s+", "I encourage you ", addressed=True),
    Rule(r"encouraging\s+", "I encourage "),
    Rule(r"reminding\s+{A}\s+", "I remind you ", addressed=True),
    Rule(r"pressing\s+{A}\s+", "I press you ", addressed=True),
    Rule(
        r"(?:drawing|bringing)\s+(?:the\s+)?attention\s+(?:of\s+{A}\s+)?to\s+",
        "I draw your attention to ",
        addressed=True,
    ),
    Rule(r"(?P<verb>" + "|".join(_GERUNDS) + r")\s+", _gerund),
)


def _audience_pattern(audience: str) -> str:
    """The group's own audience as one more way of naming the addressee.

    `APPEALS TO THE UNHCR:` lets "calling on the UNHCR to ..." become "I call on you to ...".
    """
    name = re.sub(r"^\s*(?:appeals?\s+to\s+)?(?:the\s+)?", "", audience, flags=re.IGNORECASE)
    name = name.strip(" :.")
    words = name.split()
    if not words:
        return ""
    return r"|(?:the\s+)?" + r"\s+".join(re.escape(word) for word in words)


@functools.lru_cache(maxsize=1024)
def _compile(pattern: str, audience: str) -> re.Pattern[str]:
    addressee = _ADDRESSEE.replace("{audience}", _audience_pattern(audience))
    return re.compile(pattern.replace("{A}", addressee), re.IGNORECASE)


def _imperative(text: str) -> str | None:
    """ "immediately adapt policies" -> "I ask you to immediately adapt policies".

    A leading "Please" or "To" goes: "Please release ..." asks the same.
    """
    words = text.split(" ")
    while len(words) > 1 and words[0].lower() in ("please", "to"):
        words = words[1:]
    index = 0
    while index < len(words) - 1 and words[index].lower() in _IMPERATIVE_ADVERBS:
        index += 1
    verb = words[index].lower()
    following = words[index + 1].lower() if index + 1 < len(words) else ""
    if verb not in _IMPERATIVES or following in _NOT_AFTER_IMPERATIVE:
        return None
    first = words[0]
    if not first.isupper() or len(first) == 1:  # keep "UN", lower "Ratify"
        words[0] = first[:1].lower() + first[1:]
    return "I ask you to " + " ".join(words)


def apply_rules(text: str, rules: tuple[Rule, ...], audience: str = "") -> tuple[str, bool]:
    """The first rule that matches, applied; and whether it named the addressee."""
    for rule in rules:
        match = _compile(rule.pattern, audience).match(text)
        if match:
            if callable(rule.replacement):
                replacement = rule.replacement(match)
            else:
                replacement = rule.replacement
            return replacement + text[match.end() :], rule.addressed
    return text, False


def first_person(point: str, audience: str = "") -> str:
    """An English appeal point as a first-person sentence to the official addressed.

    `audience` is the appeal group's heading (`THE UNHCR`), another name for "you".
    """
    text = tidy(point)
    if not text:
        return ""
    result, addressed = apply_rules(text, ENGLISH_RULES, audience)
    if result is text:
        imperative = _imperative(text)
        if imperative is None:
            return text
        result, addressed = imperative, True
    if addressed:
        result = _THEIR.sub(r"your\1", result)
    return capitalise(result)


# --- translated points ---------------------------------------------------------

_FR_ADDRESSEE = (
    r"(?:les|aux)\s+autorités(?:\s+[\w'-]+)?"
    r"|(?:le|au)\s+gouvernement(?:\s+[\w'-]+)?"
)
_ES_ADDRESSEE = r"(?:a\s+)?(?:las\s+autoridades|el\s+gobierno|al\s+gobierno)(?:\s+\w+)?"

FRENCH_RULES: tuple[Rule, ...] = (
    Rule(r"(?:en\s+)?exhortant\s+(?:" + _FR_ADDRESSEE + r")\s+à\s+", "je vous exhorte à "),
    Rule(r"(?:en\s+)?appelant\s+(?:" + _FR_ADDRESSEE + r")\s+à\s+", "je vous appelle à "),
    Rule(
        r"(?:en\s+)?demandant\s+(?P<adv>instamment\s+)?(?:" + _FR_ADDRESSEE + r")\s+d(?:e\s+|')",
        lambda m: f"je vous demande {m.group('adv') or ''}de ",
    ),
    Rule(
        r"(?:en\s+)?priant\s+(?P<adv>instamment\s+)?(?:" + _FR_ADDRESSEE + r")\s+d(?:e\s+|')",
        lambda m: f"je vous prie {m.group('adv') or ''}de ",
    ),
    Rule(r"(?:en\s+)?demandant\s+", "je demande "),
    Rule(r"(?:en\s+)?(?:notant|faisant\s+observer)\s+que\s+", "je note que "),
    Rule(r"(?:en\s+)?soulignant\s+que\s+", "je souligne que "),
    Rule(r"(?:en\s+)?rappelant\s+que\s+", "je rappelle que "),
    Rule(
        r"(?:en\s+)?(?:exprimant|faisant\s+part\s+de)\s+(?:sa|votre|leur|une)?\s*(?P<adj>vive\s+)?"
        r"(?:préoccupation|inquiétude)\s+",
        lambda m: f"j'exprime ma {m.group('adj') or ''}préoccupation ",
    ),
    Rule(r"(?:en\s+)?(?:saluant|se\s+félicitant\s+de)\s+", "je salue "),
)

SPANISH_RULES: tuple[Rule, ...] = (
    Rule(r"instando\s+(?:" + _ES_ADDRESSEE + r")\s+a\s+", "le insto a "),
    Rule(r"exhortando\s+(?:" + _ES_ADDRESSEE + r")\s+a\s+", "le exhorto a "),
    Rule(r"pidiendo\s+(?:" + _ES_ADDRESSEE + r")\s+que\s+", "le pido que "),
    Rule(r"solicitando\s+(?:" + _ES_ADDRESSEE + r")\s+que\s+", "le solicito que "),
    Rule(
        r"haciendo\s+un\s+llamamiento\s+(?:" + _ES_ADDRESSEE + r")\s+para\s+que\s+",
        "le hago un llamamiento para que ",
    ),
    Rule(r"pidiendo\s+", "pido "),
    Rule(r"señalando\s+que\s+", "señalo que "),
    Rule(r"recordando\s+que\s+", "recuerdo que "),
    Rule(
        r"expresando\s+(?:su\s+)?(?P<adj>profunda\s+|honda\s+)?preocupación\s+",
        lambda m: f"expreso mi {m.group('adj') or ''}preocupación ",
    ),
    Rule(r"acogiendo\s+con\s+satisfacción\s+", "acojo con satisfacción "),
)

TRANSLATED_RULES: dict[str, tuple[Rule, ...]] = {"fr": FRENCH_RULES, "es": SPANISH_RULES}


def first_person_in(point: str, language: str, audience: str = "") -> str:
    """A point in `language` as a first-person sentence.

    English gets the full rule table; French and Spanish a short table for the
    usual list forms ("exhortant les autorités à ..."); other languages are
    only tidied, since translators already write them as sentences.
    """
    if language == "en":
        return first_person(point, audience)
    text = tidy(point)
    result, _ = apply_rules(text, TRANSLATED_RULES.get(language, ()))
    return capitalise(result)
