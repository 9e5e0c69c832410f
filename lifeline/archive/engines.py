"""The two full-text engines behind `search()`: SQLite FTS5 and PostgreSQL.

Each turns a ParsedQuery into its own query language (from parts that hold only
letters and digits, passed as parameters) and names the SQL that matches, ranks and
highlights. Everything else (filters, facets, sorting, pages) is plain SQL shared by
both, in `searching.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lifeline.archive.query import ParsedQuery

# Markers the engines put around matched words; control characters, which the indexer
# removes from the text, so they cannot come from a document.
MARK_START = "\x02"
MARK_END = "\x03"
SNIPPET_WORDS = 28


@dataclass
class Match:
    """SQL pieces for one text query.

    `source` is the FROM clause, with the entry table as `e`; `where` restricts it to
    matches; `rank` is higher for better matches (the snippets' SQL can give it too).
    Each comes with its parameters.
    """

    source: str
    source_params: list
    where: str
    where_params: list
    rank: str


class SqliteEngine:
    vendor = "sqlite"
    # bm25 is lower for better matches; the title counts ten times the body.
    RANK = "-bm25(archive_fts, 10.0, 1.0)"

    def expression(self, query: ParsedQuery, any_word: bool = False) -> str:
        """The FTS5 query: every part a quoted string, so no word is read as an operator."""
        parts = [f'"{word}"' for word in query.words]
        parts += ['"' + " ".join(phrase) + '"' for phrase in query.phrases]
        parts += [f'"{prefix}"*' for prefix in query.prefixes]
        return (" OR " if any_word else " AND ").join(parts)

    def match(self, query: ParsedQuery, any_word: bool = False) -> Match:
        return Match(
            # CROSS JOIN fixes the order: the full-text index drives, the entries follow
            # by rowid. Otherwise SQLite may scan the entries and probe the index per row.
            source=(
                "archive_fts CROSS JOIN archive_searchentry e ON e.document_id = archive_fts.rowid"
            ),
            source_params=[],
            where="archive_fts MATCH %s",
            where_params=[self.expression(query, any_word)],
            rank=self.RANK,
        )

    def snippets_sql(self, query: ParsedQuery, ids: list[int], rank: bool) -> tuple[str, list]:
        marks = ", ".join(["%s"] * len(ids))
        # bm25 first counts the documents holding each term, a pass over their lists
        # as long as the search's own: only asked for when the search did not rank.
        rank_column = self.RANK if rank else "NULL"
        # Only placeholders are formatted in; every value is a parameter.
        sql = (
            "SELECT rowid, snippet(archive_fts, 1, %s, %s, '…', %s), "  # noqa: S608
            f"snippet(archive_fts, 0, %s, %s, '…', %s), {rank_column} "
            f"FROM archive_fts WHERE archive_fts MATCH %s AND rowid IN ({marks})"
        )
        params = [MARK_START, MARK_END, SNIPPET_WORDS] * 2
        return sql, [*params, self.expression(query), *ids]


class PostgresEngine:
    vendor = "postgresql"
    config = "lifeline_archive"
    RANK = "ts_rank(t.vector, tsq.q)"

    def tsquery(self, query: ParsedQuery, any_word: bool = False) -> tuple[str, list]:
        """A tsquery expression built by PostgreSQL's own functions from plain words."""
        cfg = f"'{self.config}'::regconfig"
        parts, params = [], []
        if query.words:
            if any_word:
                parts.append(f"to_tsquery({cfg}, %s)")
                params.append(" | ".join(query.words))
            else:
                parts.append(f"plainto_tsquery({cfg}, %s)")
                params.append(" ".join(query.words))
        for phrase in query.phrases:
            parts.append(f"phraseto_tsquery({cfg}, %s)")
            params.append(" ".join(phrase))
        for prefix in query.prefixes:
            # The prefix holds only letters and digits, so ":*" is the only syntax here.
            parts.append(f"to_tsquery({cfg}, %s)")
            params.append(f"{prefix}:*")
        return (" || " if any_word else " && ").join(parts), params

    def match(self, query: ParsedQuery, any_word: bool = False) -> Match:
        expression, params = self.tsquery(query, any_word)
        return Match(
            source=(
                f"archive_searchtext t CROSS JOIN (SELECT {expression} AS q) tsq "
                "JOIN archive_searchentry e ON e.document_id = t.document_id"
            ),
            source_params=params,
            where="t.vector @@ tsq.q",
            where_params=[],
            rank=self.RANK,
        )

    def snippets_sql(self, query: ParsedQuery, ids: list[int], rank: bool) -> tuple[str, list]:
        expression, params = self.tsquery(query)
        rank_column = self.RANK if rank else "NULL"
        marks = ", ".join(["%s"] * len(ids))
        options = (
            f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords={SNIPPET_WORDS}, '
            'MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
        )
        cfg = f"'{self.config}'::regconfig"
        sql = (
            f"SELECT t.document_id, ts_headline({cfg}, t.body, tsq.q, %s), "  # noqa: S608
            f"ts_headline({cfg}, t.title, tsq.q, %s), {rank_column} "
            f"FROM archive_searchtext t CROSS JOIN (SELECT {expression} AS q) tsq "
            f"WHERE t.document_id IN ({marks})"
        )
        return sql, [options, options, *params, *ids]


def engine_for(vendor: str):
    if vendor == "sqlite":
        return SqliteEngine()
    if vendor == "postgresql":
        return PostgresEngine()
    raise NotImplementedError(f"no full-text search for {vendor}")
