"""search() on the configured database: what matches, ranks, facets, sorting and pages.

CI runs this file on SQLite and on PostgreSQL; the expectations are the same for both.
"""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lifeline.archive import InvalidSearch, search
from tests.cases.factories import make_case, make_document

pytestmark = pytest.mark.django_db


def found(result) -> set[str]:
    return {hit.title for hit in result.results}


def titles(archive, *names) -> set[str]:
    return {archive[name].title for name in names}


def test_all_words_must_occur_stemmed(archive):
    result = search("forcible returns", today=archive["today"])
    assert found(result) == titles(archive, "ua")
    assert result.total == 1


def test_a_phrase_matches_only_as_written(archive):
    assert found(search('"prisoner of conscience"')) == titles(archive, "fi")
    # Both words occur in "past", but not side by side.
    assert found(search("conscientious prisoner")) == titles(archive, "past")
    assert found(search('"conscience prisoner"')) == set()


def test_a_prefix_matches_the_words_it_starts(archive):
    assert found(search("tort*")) == titles(archive, "fi", "stop")
    assert found(search("tortu*")) == titles(archive, "fi", "stop")


def test_people_and_index_are_searchable(archive):
    assert found(search("Wen Invented")) == titles(archive, "fi")
    assert found(search("ASA 17/01/05")) == titles(archive, "ua")


def test_accents_are_folded(archive):
    make_document(
        make_case(countries=["MX"]), title="Jiménez", body="Fictional background of Jiménez."
    )
    assert found(search("jimenez")) == {"Jiménez"}


def test_a_title_match_ranks_above_a_body_match(archive):
    make_document(
        make_case(countries=["CN"]),
        title="Invented appeal",
        body="Mentions a death penalty case only in passing, with other words around it.",
    )
    result = search("death penalty")
    assert [hit.title for hit in result.results] == ["Death penalty", "Invented appeal"]
    assert result.results[0].rank > result.results[1].rank


def test_snippets_mark_the_matched_words_and_escape_the_text(archive):
    [fi] = search("torture detention").results
    assert "<mark>torture</mark>" in fi.snippet
    [news] = search("ampersand").results
    # FTS5 keeps the tags as text and PostgreSQL's headline drops them: never raw HTML.
    assert "<script" not in news.snippet
    assert "&amp;" in news.snippet
    assert "<mark>ampersand</mark>" in news.snippet


def test_facets_count_the_matching_documents(archive):
    result = search("", today=archive["today"])
    assert result.total == 5
    assert result.facets == {
        "country": {"CN": 4, "KP": 1, "MX": 1},
        "concern": {
            "death-penalty": 1,
            "fear-for-safety": 1,
            "forcible-return": 1,
            "torture": 1,
        },
        "kind": {"urgent_action": 2, "further_information": 1, "news": 1, "stop_action": 1},
        "year": {"2005": 2, "2001": 1, "1999": 1},
        "status": {"open": 3, "closed": 1, "past_deadline": 1},
    }


def test_facets_follow_the_text_query_and_the_filters(archive):
    result = search("invented", country="cn", today=archive["today"])
    assert found(result) == titles(archive, "ua", "fi", "past", "news")
    assert result.facets["country"] == {"CN": 4, "KP": 1}
    assert result.facets["status"] == {"open": 3, "past_deadline": 1}
    assert result.facets["year"] == {"2005": 2, "2001": 1}
    assert search("invented", country="KP").facets["country"] == {"CN": 1, "KP": 1}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"country": "KP"}, {"past"}),
        ({"concern": "torture"}, {"stop"}),
        ({"kind": "news"}, {"news"}),
        ({"year": 2005}, {"ua", "fi"}),
        ({"year": "1999"}, {"stop"}),
        ({"status": "closed"}, {"stop"}),
        ({"status": "past_deadline"}, {"past"}),
        ({"status": "open"}, {"ua", "fi", "news"}),
        ({"status": "open", "kind": "urgent_action", "country": "CN"}, {"ua"}),
    ],
)
def test_each_filter_narrows_the_documents(archive, filters, expected):
    result = search("", today=archive["today"], **filters)
    assert found(result) == titles(archive, *expected)
    assert result.total == len(expected)


def test_the_date_sort_puts_the_newest_first_and_undated_last(archive):
    result = search("", sort="date")
    assert [hit.title for hit in result.results] == [
        archive[name].title for name in ("fi", "ua", "past", "stop", "news")
    ]
    assert result.results[-1].date is None
    assert result.results[0].date == dt.date(2005, 5, 1)


def test_newest_first_hits_carry_the_rank_they_have_by_relevance(archive):
    by_relevance = search("invented", today=archive["today"])
    by_date = search("invented", sort="date", today=archive["today"])
    ranks = {hit.document_id: hit.rank for hit in by_relevance.results}
    assert len(ranks) == 4 and all(rank > 0 for rank in ranks.values())
    assert {hit.document_id: hit.rank for hit in by_date.results} == pytest.approx(ranks)
    assert [hit.date for hit in by_date.results] == sorted(
        (hit.date for hit in by_date.results), key=lambda date: date or dt.date.min, reverse=True
    )


def test_cursors_walk_every_document_once(archive):
    for sort, query in [("date", ""), ("relevance", "invented"), ("date", "invented")]:
        seen, cursor = [], None
        while True:
            result = search(query, sort=sort, per_page=2, cursor=cursor)
            seen += [hit.document_id for hit in result.results]
            cursor = result.next_cursor
            if cursor is None:
                break
        assert len(seen) == len(set(seen)) == result.total


def test_page_numbers_give_the_same_order_as_one_long_page(archive):
    everything = [hit.document_id for hit in search("", sort="date").results]
    pages = [search("", sort="date", page=n, per_page=2).results for n in (1, 2, 3)]
    assert [hit.document_id for page in pages for hit in page] == everything
    assert search("", page=4, per_page=2).results == []


def test_the_index_follows_edits(archive):
    document = archive["stop"]
    document.body = "Now about a quite different zebra."
    document.save()
    assert found(search("zebra")) == {document.title}
    assert found(search("ficticia")) == set()


def test_the_index_follows_a_move_to_another_case(archive):
    document = archive["news"]
    document.case = archive["stop"].case
    document.save()
    assert {hit.case for hit in search("ampersand").results} == {"ua-20-98"}
    assert search("ampersand", status="closed").total == 1


def test_the_index_follows_deletions_of_documents_and_cases(archive):
    archive["fi"].delete()
    assert found(search("torture")) == titles(archive, "stop")
    archive["stop"].case.delete()
    assert found(search("tort*")) == set()
    assert search("").total == 3


def test_status_follows_the_case_without_reindexing(archive):
    case = archive["past"].case
    case.closed = True
    case.save()
    assert search("", status="closed").total == 2


def test_text_without_searchable_words_finds_nothing(archive):
    for text in ["the of", '"', "***", "-", "!!"]:
        result = search(text)
        assert result.total == 0
        assert result.results == []


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"country": "China"}, "country"),
        ({"concern": "no such/thing"}, "concern"),
        ({"kind": "letter"}, "kind"),
        ({"year": "2000s"}, "year"),
        ({"status": "lost"}, "status"),
        ({"sort": "title"}, "sort"),
        ({"page": 0}, "page"),
        ({"per_page": 1000}, "per_page"),
        ({"cursor": "not-a-cursor"}, "cursor"),
    ],
)
def test_bad_parameters_are_refused_with_their_name(archive, arguments, field):
    with pytest.raises(InvalidSearch) as error:
        search("invented", **arguments)
    assert error.value.field == field


def test_a_cursor_of_the_other_sort_is_refused(archive):
    cursor = search("", sort="date", per_page=1).next_cursor
    with pytest.raises(InvalidSearch, match="another sort"):
        search("invented", sort="relevance", cursor=cursor)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=80) | st.from_regex(r'[a-z"*()\-: ^]{0,30}', fullmatch=True))
def test_any_text_is_searched_without_an_error(archive, text):
    result = search(text)
    assert result.total >= len(result.results)
