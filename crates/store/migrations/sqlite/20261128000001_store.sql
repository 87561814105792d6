-- The first schema of the store: departments, users, tables with their versions and findings,
-- and the append-only change log. Amounts live inside the documents (exact decimal text).
CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    code TEXT
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('officer', 'reviewer', 'admin')),
    department_id INTEGER REFERENCES departments (id),
    created_at TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);

-- One row per table; its content is the row of table_versions with the same version.
CREATE TABLE target_tables (
    id INTEGER PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,
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
    updated_at TEXT NOT NULL
);
CREATE INDEX target_tables_list ON target_tables (year, department_id, status, grade);
CREATE INDEX target_tables_updated ON target_tables (updated_at);

CREATE TABLE table_versions (
    table_id INTEGER NOT NULL REFERENCES target_tables (id),
    version INTEGER NOT NULL,
    document TEXT NOT NULL,
    report TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    source_name TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (table_id, version)
);

CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    table_id INTEGER REFERENCES target_tables (id),
    version INTEGER,
    reason TEXT,
    changes TEXT
);
CREATE INDEX change_log_table ON change_log (table_id, id);

CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;

-- Login sessions and API tokens of the web application, by the hash of their secret.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
