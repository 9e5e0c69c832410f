"""The cheap checks that spare the parser a slow search must never change an answer.

Each gate is compared with the search it stands in front of, on texts that
pass it, texts that fail it, and texts made to slip past a careless one.
"""

import re
import string

import pytest

from lifeline.documents import parse
from lifeline.documents.cleanup import join_lines
from lifeline.documents.layouts import classic, heading, news
from lifeline.documents.layouts.common import may_hold
from lifeline.documents.layouts.labelled import looks_labelled


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["AI INDEX: ASA 17/29/00", "News Service 155/00"], True),
        (["PUBLIC", "Amnesty International Press Release"], True),
        (["PUBLIC STATEMENT", "China: ..."], True),
        # "PUBLIC" and "express letters" hold marker words but are no marker.
        (["PUBLIC", "UA 12/00 Fear for safety", "send express letters"], False),
        # Letters that re.IGNORECASE folds to ASCII ones but str.lower() keeps.
        (["NEW\u017f RELEASE"], True),
        (["Publ\u0131c statement"], True),
        (["nothing to see"], False),
    ],
)
def test_news_marker_gate_agrees_with_the_search(lines, expected):
    assert news.has_news_marker(lines) is expected
    assert (news._MARKER.search("\n".join(lines[:12])) is not None) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No further action is requested on behalf of ...", True),
        # The regex's \s+ spans a line break; trying it where a start phrase is found keeps that.
        ("No further action\nis requested by the International Secretariat.", True),
        ("Many thanks.\nStop action: the prisoner was released.", True),
        ("Please stop sending appeals.", True),
        ("no further appeals\n\nUA 12/00", False),  # no "needed" / "requested" after it
        ("Please stop action now", False),  # "stop action" only counts at a line's start
        ("Nothing of the kind here.", False),
    ],
)
def test_stop_finds_what_the_whole_text_search_finds(text, expected):
    assert heading.is_stop(text) is expected
    assert heading.is_stop(text, text.encode().lower()) is expected
    assert (heading._STOP.search(text.lower()) is not None) is expected


def test_labelled_gate_looks_at_line_starts_only_when_a_marker_is_there():
    lines = ["URGENT ACTION TITLE: Activist at risk", "", "TARGET'S CONTACT DETAILS", "Minister"]
    assert looks_labelled(lines)
    assert looks_labelled(lines, "\n".join(lines))
    # One marker, and one inside a sentence, are not two at a line's start.
    prose = ["URGENT ACTION TITLE: x", "see the URGENT ACTION TITLE: y above"]
    assert not looks_labelled(prose, "\n".join(prose))
    assert not looks_labelled(["URGENT ACTION", "JOURNALIST DETAINED"])


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["one", "two", "three"], "one two three"),
        (["a well-", "known fact"], "a well-known fact"),
        (["inter-", "national law"], "international law"),
        (["express/", "airmail letters"], "express/airmail letters"),
        (["a - b", "c / d", "e"], "a - b c / d e"),  # "- " and "/ " inside a line
    ],
)
def test_join_lines_takes_the_plain_join_only_when_no_line_ends_in_a_joiner(lines, joined):
    assert join_lines(lines) == joined


def test_a_number_cut_at_the_heading_limit_is_no_heading():
    # Found by the fuzz test: "UA 258/05" ends at character 80, where the cut
    # gives it a word boundary the whole line does not ("05UA"); the heading
    # reader then found no number and parse() reported an internal error.
    pieces = ["1st update to UA 258/05", "UA 105/00", "AI Index: AMR 41/012/2004"]
    document = parse("".join(pieces + pieces[:2]))
    assert not [w for w in document.warnings if w.startswith("could not parse")]
    assert document.kind == "further_information"  # "1st update to UA ..." still says so


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FURTHER: STOP ACTION", True),
        ("Stop Action", True),
        ("\u017ftop action", True),  # "ſ" is an "s" to re.IGNORECASE
        ("no st\u0131p here", True),  # any folding letter sends the text on to the regex
        ("nothing of the kind", False),
    ],
)
def test_may_hold_never_rules_out_a_case_insensitive_match(text, expected):
    assert may_hold(text, ("stop action",)) is expected
    if not expected:
        assert re.search("stop action", text, re.I) is None


def test_section_starts_in_every_case_match_the_lower_case_check():
    lower_starts = {start.lower() for start in classic._SECTION_STARTS}
    letters = string.ascii_letters + "\u212a\u0130\u0131\u017f"  # and the odd folding ones
    for first in letters:
        for second in letters:
            pair = first + second
            assert (pair in classic._SECTION_STARTS) == (pair.lower() in lower_starts), pair
