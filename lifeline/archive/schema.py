"""The engine-specific objects of the search index, created by migration 0001.

Kept here so that `reindex` can drop and recreate the triggers and the GIN index around
a full rebuild. Changing any of this needs a new migration as well.
"""

# SQLite: an external-content FTS5 table over the texts, kept in step by triggers
# (the bulk inserts and upserts of the indexer fire them too).
SQLITE_TABLE = """CREATE VIRTUAL TABLE archive_fts USING fts5(
    title, body, content='archive_searchtext', content_rowid='document_id',
    tokenize='porter unicode61 remove_diacritics 2')"""
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
SQLITE_CREATE = [SQLITE_TABLE, *SQLITE_TRIGGERS]
SQLITE_DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS archive_fts_update",
    "DROP TRIGGER IF EXISTS archive_fts_delete",
    "DROP TRIGGER IF EXISTS archive_fts_insert",
]
SQLITE_DROP = [*SQLITE_DROP_TRIGGERS, "DROP TABLE IF EXISTS archive_fts"]

# PostgreSQL: English stemming, accents folded by unaccent when the extension can be
# created (as on SQLite, "Jimenez" then finds "Jiménez"), the title weighted A and the
# body B, stored in a generated column so that every write keeps it right. Slashes and
# angle brackets become spaces first, as FTS5 sees them: PostgreSQL's parser reads
# "17/21/00" as one path-like word (document indexes and UA numbers are searched for by
# their parts) and drops whatever looks like an HTML tag.
POSTGRES_CONFIG = "CREATE TEXT SEARCH CONFIGURATION lifeline_archive (COPY = pg_catalog.english)"
POSTGRES_UNACCENT = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """ALTER TEXT SEARCH CONFIGURATION lifeline_archive
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem""",
]
POSTGRES_VECTOR_INDEX = (
    "CREATE INDEX archive_text_vector_idx ON archive_searchtext USING GIN (vector)"
)
POSTGRES_CREATE = [
    """ALTER TABLE archive_searchtext ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('lifeline_archive'::regconfig, translate(title, '/<>', '   ')), 'A')
        || setweight(to_tsvector('lifeline_archive'::regconfig, translate(body, '/<>', '   ')), 'B')
    ) STORED""",
    POSTGRES_VECTOR_INDEX,
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS archive_text_vector_idx",
    "ALTER TABLE archive_searchtext DROP COLUMN IF EXISTS vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS lifeline_archive",
]
