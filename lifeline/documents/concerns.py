"""The normalised vocabulary of Urgent Action concerns.

Headings spell the same concern many ways ("Fear for Safety", "FEAR FOR
SAFETY", "fear for saftey"); researchers filter on one form. Each canonical
concern is written in sentence case; unknown concerns keep the sheet's words,
in sentence case too, so the vocabulary can grow from what the archive holds.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

# canonical form -> other ways sheets write it (matching ignores case,
# punctuation, quotes and hyphens).
CONCERNS: dict[str, tuple[str, ...]] = {
    "Fear for safety": (
        "fear for his safety",
        "fear for her safety",
        "fear for their safety",
        "fears for safety",
        "concern for safety",
        "safety concern",
    ),
    "Fear of torture": (
        "fear of torture or ill-treatment",
        "fear of torture and ill-treatment",
        "fear of torture/ill-treatment",
        "risk of torture",
        "at risk of torture",
        "fear of torture or other ill-treatment",
    ),
    "Torture": (
        "torture and ill-treatment",
        "torture/ill-treatment",
        "torture or ill-treatment",
        "alleged torture",
        "torture allegations",
    ),
    "Ill-treatment": ("ill treatment", "alleged ill-treatment", "fear of ill-treatment"),
    "Death penalty": (
        "death sentence",
        "death sentences",
        "imminent death sentence",
        "death penalty/fear of execution",
        "capital punishment",
    ),
    "Imminent execution": (
        "fear of imminent execution",
        "execution imminent",
        "scheduled execution",
        "imminent executions",
    ),
    "Death in custody": ("deaths in custody", "death in detention"),
    "Extrajudicial execution": (
        "extrajudicial executions",
        "fear of extrajudicial execution",
        "extra-judicial execution",
        "extrajudicial killing",
    ),
    "Unfair trial": (
        "fear of unfair trial",
        "unfair trial concerns",
        "unfair trials",
        "risk of unfair trial",
        "trial concern",
    ),
    "Prisoner of conscience": ("prisoners of conscience", "poc", "pocs"),
    "Possible prisoner of conscience": (
        "possible prisoners of conscience",
        "possible poc",
        "possible pocs",
    ),
    "Incommunicado detention": ("held incommunicado", "incommunicado", "detained incommunicado"),
    "Arbitrary detention": (
        "arbitrary arrest",
        "arbitrary arrests",
        "arbitrary arrest and detention",
    ),
    "Detention without charge": (
        "detained without charge",
        "detention without charge or trial",
        "held without charge",
    ),
    "Administrative detention": ("administrative detainee", "administrative detainees"),
    "Enforced disappearance": (
        "disappearance",
        "disappeared",
        "fear of disappearance",
        "forced disappearance",
        "enforced disappearances",
        "'disappearance'",
    ),
    "Medical concern": (
        "medical concerns",
        "lack of medical care",
        "denial of medical care",
        "medical attention",
        "medical treatment",
    ),
    "Health concern": ("health concerns", "ill health", "ill-health", "health"),
    "Legal concern": ("legal concerns", "legal concern/trial"),
    "Forcible return": (
        "forcible return/refoulement",
        "refoulement",
        "forcible returns",
        "forced return",
        "forcibly returned",
        "deportation",
        "forcible deportation",
    ),
    "Fear of forcible return": (
        "fear of refoulement",
        "risk of forcible return",
        "fear of deportation",
        "risk of refoulement",
    ),
    "Harassment": ("harrassment", "harassment and intimidation", "intimidation"),
    "Threats": ("threat", "threats and intimidation"),
    "Death threats": ("death threat", "death threats/fear for safety"),
    "Hunger strike": ("hunger strikers", "on hunger strike"),
    "Corporal punishment": (
        "flogging",
        "caning",
        "amputation",
        "judicial amputation",
        "lashes",
        "cruel judicial punishment",
    ),
    "Stoning": ("death by stoning", "execution by stoning"),
    "Excessive use of force": ("excessive force", "unlawful use of force"),
    "Forced eviction": ("forced evictions", "fear of forced eviction", "eviction"),
    "Human rights defenders at risk": (
        "human rights defender at risk",
        "human rights defender",
        "human rights defenders",
        "hrd at risk",
    ),
    "Abduction": ("kidnapping", "abducted", "hostage-taking"),
    "Freedom of expression": ("free expression", "freedom of speech"),
    "Juvenile offender": ("child offender", "juvenile offenders", "child offenders"),
    "Unlawful killing": ("unlawful killings", "killing", "killings"),
    "Possible extrajudicial execution": ("possible extrajudicial executions",),
}

# Misspellings seen in headings, fixed word by word before lookup.
_TYPOS = {
    "saftey": "safety",
    "safty": "safety",
    "tourture": "torture",
    "torure": "torture",
    "tortue": "torture",
    "dissapearance": "disappearance",
    "disapearance": "disappearance",
    "exection": "execution",
    "excecution": "execution",
    "incommunicato": "incommunicado",
    "incomunicado": "incommunicado",
    "harrassment": "harassment",
    "consience": "conscience",
    "concience": "conscience",
    "forcable": "forcible",
    "forceable": "forcible",
    "refoulment": "refoulement",
    "detension": "detention",
    "medial": "medical",
}

_PUNCT = re.compile(r"[^\w/ ]+")
_SPACES = re.compile(r"\s+")
_SPLIT = re.compile(r"\s*[/;,]\s*|\s+-\s+|\s*\band\s+(?:new\s+)?concerns?:\s*", re.I)
_PREFIX = re.compile(r"^(?:and\s+)?(?:new|further|additional)\s+concerns?\s*:?\s*|^and\s+", re.I)


def _key(text: str) -> str:
    text = _PUNCT.sub(" ", text.lower().replace("-", " ").replace("'", ""))
    words = [_TYPOS.get(word, word) for word in _SPACES.sub(" ", text).strip().split(" ")]
    return " ".join(words)


def _build() -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, aliases in CONCERNS.items():
        index[_key(canonical)] = canonical
        for alias in aliases:
            index.setdefault(_key(alias), canonical)
    return index


_INDEX = _build()
_KEYS = tuple(_INDEX)


def sentence_case(text: str) -> str:
    """First letter up, the rest as written unless it was all capitals."""
    text = _SPACES.sub(" ", text).strip(" .;:-")
    if not text:
        return ""
    if text.isupper() or text.istitle():
        words = text.lower().split(" ")
        # Keep acronyms the vocabulary cannot know about ("UN", "HIV").
        for i, word in enumerate(text.split(" ")):
            if len(word) <= 4 and word.isupper() and word.isalpha() and word not in _SMALL:
                words[i] = word
        text = " ".join(words)
    return text[0].upper() + text[1:]


_SMALL = frozenset(
    (
        "OF",
        "FOR",
        "TO",
        "AND",
        "OR",
        "THE",
        "IN",
        "ON",
        "A",
        "AN",
        "AT",
        "BY",
        "NEW",
        "FEAR",
        "RISK",
        "SAFE",
        "DEATH",
        "LEGAL",
        "TRIAL",
    )
)


@lru_cache(maxsize=4096)
def normalise_concern(text: str) -> str:
    """One concern in its canonical form; unknown ones in sentence case."""
    key = _key(text)
    if not key:
        return ""
    if key in _INDEX:
        return _INDEX[key]
    close = difflib.get_close_matches(key, _KEYS, n=1, cutoff=0.88)
    if close:
        return _INDEX[close[0]]
    return sentence_case(_PREFIX.sub("", text.strip()))


def split_concerns(text: str) -> list[str]:
    """The concerns a heading lists ("Forcible Return / Fear for Safety"), normalised.

    Slashes usually separate concerns but sometimes belong to one
    ("Forcible return/refoulement"), so neighbours are rejoined when together
    they name a known concern.
    """
    return list(_split_concerns(text))


@lru_cache(maxsize=4096)
def _split_concerns(text: str) -> tuple[str, ...]:
    parts = [part for part in _SPLIT.split(text) if part and part.strip(" .-")]
    found: list[str] = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts) and _key(f"{parts[i]}/{parts[i + 1]}") in _INDEX:
            concern = _INDEX[_key(f"{parts[i]}/{parts[i + 1]}")]
            i += 2
        else:
            concern = normalise_concern(_PREFIX.sub("", parts[i].strip()))
            i += 1
        if concern and concern not in found:
            found.append(concern)
    return tuple(found)


# For sheets whose title is a headline ("JOURNALIST AT RISK OF TORTURE"):
# phrases that name a concern without saying it in the vocabulary's words.
_INFER = tuple(
    (re.compile(pattern, re.I), concern)
    for pattern, concern in (
        (r"\b(?:risk|fear)s? of (?:torture|ill-?treatment)", "Fear of torture"),
        (r"\btortur", "Torture"),
        (
            r"\bimminent execution|\bexecution (?:is )?(?:imminent|scheduled|set)",
            "Imminent execution",
        ),
        (
            r"\bdeath (?:penalty|sentences?|row)|\bsentenced to death|\bexecut|\bhang(?:ed|ing)\b",
            "Death penalty",
        ),
        (r"\bunfair(?:ly)? tri", "Unfair trial"),
        (r"\bprisoners? of conscience", "Prisoner of conscience"),
        (r"\bincommunicado", "Incommunicado detention"),
        (r"\b(?:forcibly |enforced(?:ly)? )?disappear", "Enforced disappearance"),
        (r"\bwithout charge", "Detention without charge"),
        (r"\barbitrar(?:y|ily) (?:detain|detention|arrest)", "Arbitrary detention"),
        (r"\b(?:forcibl[ey]|forced) return|\brefoulement|\bdeport", "Forcible return"),
        (r"\bhunger strike", "Hunger strike"),
        (r"\b(?:medical|health)\b", "Medical concern"),
        (r"\bdeath threats?\b", "Death threats"),
        (r"\bharass", "Harassment"),
        (r"\bflogg|\blashes\b|\bamputat", "Corporal punishment"),
        (r"\bstoning\b", "Stoning"),
        (r"\bevict", "Forced eviction"),
        (r"\bdied in custody|\bdeath in custody", "Death in custody"),
        (r"\bhuman rights defenders?\b", "Human rights defenders at risk"),
        (r"\b(?:abduct|kidnap)", "Abduction"),
        (r"\bfear for (?:\w+ )?safety|\bsafety (?:at risk|fears?)", "Fear for safety"),
    )
)


def infer_concerns(text: str) -> list[str]:
    """Concerns named by a free-text title, in the vocabulary's words."""
    return list(_infer_concerns(text))


# Twenty-odd searches a title; an update repeats its case's title, so remember them.
@lru_cache(maxsize=2048)
def _infer_concerns(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for pattern, concern in _INFER:
        if pattern.search(text) and concern not in found:
            if concern == "Torture" and "Fear of torture" in found:
                continue
            found.append(concern)
    return tuple(found)
