"""Reading what a person typed into a search box (pure: no Django, no database).

The text becomes a `ParsedQuery` of words, "quoted phrases" and prefixes (`tort*`),
each made only of letters and digits, so nothing a person types can reach a search
engine as syntax: the engines build their own query language from these parts. Any
text is accepted; what cannot be searched for is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 500
MAX_PARTS = 16
# Shorter prefixes match so many words that both engines slow down badly.
MIN_PREFIX = 3

# The words PostgreSQL's "english" configuration leaves out of its index; left out of
# SQLite's queries too, so that both engines match the same documents.
_STOPWORDS = """i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will
    just don should now"""
STOPWORDS = frozenset(_STOPWORDS.split())

# Letters and digits; everything else (punctuation, quotes, operators) separates words.
_WORD = re.compile(r"[^\W_]+")
_CHUNK = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class ParsedQuery:
    """Words that must all occur, phrases that must occur as written, prefixes."""

    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    prefixes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases or self.prefixes)

    def all_words(self) -> list[str]:
        """Every word and prefix, for "similar text" searches that want any of them."""
        return [*self.words, *(w for phrase in self.phrases for w in phrase), *self.prefixes]

    def __str__(self) -> str:
        parts = [*self.words, *(f'"{" ".join(p)}"' for p in self.phrases)]
        parts += [f"{prefix}*" for prefix in self.prefixes]
        return " ".join(parts)


def normalise(text: str) -> str:
    """NFKC, casefolded, without control characters."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)


def words_of(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def parse_query(text: str) -> ParsedQuery:
    """Words, "phrases" (an unclosed quote runs to the end) and prefixes ending in `*`.

    Stop words are dropped from loose words but kept inside phrases; a word with
    punctuation inside ("non-refoulement") becomes its parts; a prefix shorter than
    MIN_PREFIX letters is searched as a word. At most MAX_PARTS parts of the first
    MAX_QUERY_LENGTH characters are kept.
    """
    text = (text or "")[:MAX_QUERY_LENGTH]
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    prefixes: list[str] = []
    for match in _CHUNK.finditer(text):
        quoted, loose = match.groups()
        if quoted is not None:
            phrase = tuple(words_of(quoted))
            if len(phrase) == 1:
                words.append(phrase[0])
            elif phrase and not all(word in STOPWORDS for word in phrase):
                phrases.append(phrase)
            continue
        parts = words_of(loose)
        if not parts:
            continue
        last = parts.pop() if loose.endswith("*") else None
        words.extend(word for word in parts if word not in STOPWORDS)
        if last is not None:
            if len(last) >= MIN_PREFIX:
                prefixes.append(last)
            elif last not in STOPWORDS:
                words.append(last)
    words = [word for word in dict.fromkeys(words) if word not in STOPWORDS]
    budget = MAX_PARTS
    kept_words = words[:budget]
    budget -= len(kept_words)
    kept_phrases = list(dict.fromkeys(phrases))[: max(budget, 0)]
    budget -= len(kept_phrases)
    kept_prefixes = list(dict.fromkeys(prefixes))[: max(budget, 0)]
    return ParsedQuery(tuple(kept_words), tuple(kept_phrases), tuple(kept_prefixes))
