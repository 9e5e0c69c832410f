"""Reading search box text into words, phrases and prefixes (no database)."""

from hypothesis import given
from hypothesis import strategies as st

from lifeline.archive.query import MAX_PARTS, ParsedQuery, parse_query


def test_it_keeps_words_and_drops_stop_words():
    assert parse_query("forcible return of China") == ParsedQuery(
        words=("forcible", "return", "china")
    )


def test_it_reads_quoted_phrases_and_prefixes():
    parsed = parse_query('"prisoner of conscience" tort*')
    assert parsed.phrases == (("prisoner", "of", "conscience"),)
    assert parsed.prefixes == ("tort",)
    assert parsed.words == ()


def test_an_unclosed_quote_runs_to_the_end():
    assert parse_query('death "penalty now').phrases == (("penalty", "now"),)


def test_operators_and_punctuation_are_only_separators():
    parsed = parse_query('NEAR(a b) OR "x" AND -y title:z ^w * ** "')
    assert parsed.words == ("near", "b", "x", "y", "title", "z", "w")
    assert parsed.prefixes == ()


def test_a_short_prefix_is_a_word():
    assert parse_query("to* ab*") == ParsedQuery(words=("ab",))


def test_hyphenated_words_are_split():
    assert parse_query("non-refoulement").words == ("non", "refoulement")


def test_only_stop_words_leaves_nothing():
    assert not parse_query("the of and")
    assert not parse_query('"" * ""')


def test_the_number_of_parts_is_limited():
    parsed = parse_query(" ".join(f"word{n}" for n in range(50)))
    assert len(parsed.words) == MAX_PARTS


@given(st.text())
def test_every_part_is_letters_and_digits(text):
    parsed = parse_query(text)
    for word in parsed.all_words():
        assert word and all(ch.isalnum() for ch in word)
