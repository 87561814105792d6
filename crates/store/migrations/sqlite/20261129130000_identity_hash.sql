-- A table's identity (year, department, kind, stage and project) is kept unique by a short key,
-- the first 16 bytes of its SHA-256 (`identity_hash`, given by the program), instead of by the
-- text itself. Every import of new tables adds to this index at places spread all over it (a
-- file's tables have all sorts of identities), and each transaction writes each page it changed
-- to the WAL and later into the file: with entries of some 110 bytes the import rewrote most of
-- the index's pages every time, with keys of 16 bytes the index is a sixth of the size. Lookups
-- still compare the identity text (a key finds at most one table; its text decides whether it
-- is the same). SQLite cannot drop a column's UNIQUE without rebuilding the table: the rows go
-- through a copy (the table is dropped and made again under its own name, so that the foreign
-- keys of versions and change log still name it), and with the foreign keys' checks deferred to
-- the commit, when every row is back. The keys of the rows copied are filled by the program when
-- it opens the store (SQLite has no SHA-256), before anything reads them.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE target_tables_copy AS SELECT * FROM target_tables;
DROP TABLE target_tables;

CREATE TABLE target_tables (
    id INTEGER PRIMARY KEY,
    identity TEXT NOT NULL,
    year INTEGER,
    department_id INTEGER NOT NULL REFERENCES departments (id),
    kind TEXT NOT NULL,
    stage TEXT NOT NULL,
    project_name TEXT NOT NULL,
    project_code TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'published')),
    version INTEGER NOT NULL,
    published_version INTEGER,
    grade TEXT NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    infos INTEGER NOT NULL,
    indicators INTEGER NOT NULL,
    funds_total TEXT,
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    identity_hash BLOB
);
INSERT INTO target_tables (
    id, identity, year, department_id, kind, stage, project_name, project_code, status, version,
    published_version, grade, errors, warnings, infos, indicators, funds_total, search_text,
    created_at, updated_at
)
SELECT
    id, identity, year, department_id, kind, stage, project_name, project_code, status, version,
    published_version, grade, errors, warnings, infos, indicators, funds_total, search_text,
    created_at, updated_at
FROM target_tables_copy ORDER BY id;
DROP TABLE target_tables_copy;

CREATE UNIQUE INDEX target_tables_identity_hash ON target_tables (identity_hash);
-- The indexes and triggers the table had (migrations 1 to 5).
CREATE INDEX target_tables_list ON target_tables (year, department_id, status, grade);
CREATE INDEX target_tables_updated ON target_tables (updated_at);
CREATE INDEX target_tables_status_updated ON target_tables (status, updated_at, id);
CREATE INDEX target_tables_year_status_updated ON target_tables (year, status, updated_at, id);
CREATE INDEX target_tables_department_updated ON target_tables (department_id, updated_at, id);
CREATE INDEX target_tables_published_updated ON target_tables (updated_at, id) WHERE published_version IS NOT NULL;
CREATE TRIGGER target_tables_search_update AFTER UPDATE OF search_text ON target_tables
BEGIN
    DELETE FROM target_tables_search WHERE rowid = old.id;
    INSERT INTO target_tables_search (rowid, search_text) VALUES (new.id, lower(new.search_text));
END;
CREATE TRIGGER target_tables_search_delete AFTER DELETE ON target_tables
BEGIN
    DELETE FROM target_tables_search WHERE rowid = old.id;
END;
