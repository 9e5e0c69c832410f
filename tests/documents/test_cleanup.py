"""Line artifacts: double spacing, page numbers and breaks, hyphenation."""

from lifeline.documents.cleanup import clean_lines, join_lines, paragraphs


def test_it_keeps_one_empty_line_between_blocks():
    assert clean_lines("\n\n a  b \n c.\n\n\n\nD\n\n") == ["a b", "c.", "", "D"]


def test_it_undoes_double_spacing_when_lines_were_wrapped():
    text = "One line that goes\n\non and on\n\nuntil it ends.\n\n \n\nA new one\n\nthat ends too.\n"
    assert clean_lines(text) == [
        "One line that goes",
        "on and on",
        "until it ends.",
        "",
        "A new one",
        "that ends too.",
    ]


def test_one_paragraph_per_line_is_not_mistaken_for_double_spacing():
    text = "First paragraph, long.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth one.\n"
    assert clean_lines(text) == [
        "First paragraph, long.",
        "",
        "Second paragraph.",
        "",
        "Third paragraph.",
        "",
        "Fourth one.",
    ]


def test_it_removes_page_numbers_and_joins_a_sentence_split_by_a_page_break():
    text = "He was taken to\n\n\n- 2 -\n\fthe police station.\n\nPage 3 of 4\n\nNext paragraph."
    assert clean_lines(text) == [
        "He was taken to",
        "the police station.",
        "",
        "Next paragraph.",
    ]


def test_a_number_inside_a_block_is_not_a_page_number():
    assert clean_lines("PO Box\n12\nGeneva") == ["PO Box", "12", "Geneva"]


def test_a_new_paragraph_after_a_page_break_stays_a_paragraph():
    assert clean_lines("It ended.\n\f\n2\nThen it began.") == ["It ended.", "", "Then it began."]


def test_join_lines_undoes_hyphenation_but_keeps_real_hyphens():
    assert join_lines(["inter-", "national"]) == "international"
    assert join_lines(["non-", "refoulement"]) == "non-refoulement"
    assert join_lines(["1995-", "1996"]) == "1995-1996"
    assert join_lines(["anti-", "American"]) == "anti-American"
    assert join_lines(["express/", "airmail letters"]) == "express/airmail letters"
    assert join_lines(["torture /", "Medical concern"]) == "torture / Medical concern"


def test_paragraphs_join_each_block():
    assert paragraphs(["a", "b", "", "c"]) == ["a b", "c"]
