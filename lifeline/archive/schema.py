"""The engine-specific objects of the search index that `reindex` drops and makes again
around a full rebuild: SQLite's triggers and PostgreSQL's GIN index.

Migration 0001 created them, with its own copy of this text (a migration must not
change when this module does); changing anything here needs a new migration too.
"""

# SQLite: the triggers that keep the external-content FTS5 table `archive_fts` in step
# with the texts (the bulk inserts and upserts of the indexer fire them too).
SQLITE_TRIGGERS = [
    """CREATE TRIGGER archive_fts_insert AFTER INSERT ON archive_searchtext BEGIN
        INSERT INTO archive_fts(rowid, title, body) VALUES (new.document_id, new.title, new.body);
    END""",
    """CREATE TRIGGER archive_fts_delete AFTER DELETE ON archive_searchtext BEGIN
        INSERT INTO archive_fts(archive_fts, rowid, title, body)
        VALUES ('delete', old.document_id, old.title, old.body);
    END""",
    """CREATE TRIGGER archive_fts_update AFTER UPDATE OF title, body ON archive_searchtext BEGIN
        INSERT INTO archive_fts(archive_fts, rowid, title, body)
        VALUES ('delete', old.document_id, old.title, old.body);
        INSERT INTO archive_fts(rowid, title, body) VALUES (new.document_id, new.title, new.body);
    END""",
]
SQLITE_DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS archive_fts_update",
    "DROP TRIGGER IF EXISTS archive_fts_delete",
    "DROP TRIGGER IF EXISTS archive_fts_insert",
]

# PostgreSQL: the GIN index over the generated tsvector column of `archive_searchtext`
# (English stemming, accents folded by unaccent, title weighted A and body B).
POSTGRES_VECTOR_INDEX = (
    "CREATE INDEX archive_text_vector_idx ON archive_searchtext USING GIN (vector)"
)
