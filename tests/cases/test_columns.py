"""Text and its columns: data too long is refused with a reason, a title is clipped."""

import pytest

from lifeline.cases.columns import check_lengths, clip
from lifeline.cases.errors import ImportRejected
from lifeline.cases.models import Case, Document


def test_a_title_is_clipped_to_its_column_with_an_ellipsis():
    clipped = clip("word " * 200, Document, "title")
    assert len(clipped) == 500
    assert clipped.endswith("word…")
    assert clip("Short title", Document, "title") == "Short title"


def test_text_longer_than_its_column_is_refused_naming_the_field():
    with pytest.raises(ImportRejected, match="UA number is longer than 20 characters"):
        check_lengths(Case(slug="x", ua_number="1" * 21))
    check_lengths(Case(slug="x", ua_number="1" * 20))
