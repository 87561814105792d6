-- The first schema of the store: departments, users, tables with their versions and findings,
-- and the append-only change log. Amounts live inside the documents (exact decimal text).
CREATE TABLE departments (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    code TEXT
);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('officer', 'reviewer', 'admin')),
    department_id BIGINT REFERENCES departments (id),
    created_at TEXT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0
);

-- One row per table; its content is the row of table_versions with the same version.
CREATE TABLE target_tables (
    id BIGSERIAL PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,
    year BIGINT,
    department_id BIGINT NOT NULL REFERENCES departments (id),
    kind TEXT NOT NULL,
    stage TEXT NOT NULL,
    project_name TEXT NOT NULL,
    project_code TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'published')),
    version BIGINT NOT NULL,
    published_version BIGINT,
    grade TEXT NOT NULL,
    errors BIGINT NOT NULL,
    warnings BIGINT NOT NULL,
    infos BIGINT NOT NULL,
    indicators BIGINT NOT NULL,
    funds_total TEXT,
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX target_tables_list ON target_tables (year, department_id, status, grade);
CREATE INDEX target_tables_updated ON target_tables (updated_at);

CREATE TABLE table_versions (
    table_id BIGINT NOT NULL REFERENCES target_tables (id),
    version BIGINT NOT NULL,
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
    id BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    table_id BIGINT REFERENCES target_tables (id),
    version BIGINT,
    reason TEXT,
    changes TEXT
);
CREATE INDEX change_log_table ON change_log (table_id, id);

CREATE FUNCTION change_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'change_log is append-only'; END $$;
CREATE TRIGGER change_log_no_change BEFORE UPDATE OR DELETE ON change_log
FOR EACH ROW EXECUTE FUNCTION change_log_append_only();

-- Login sessions and API tokens of the web application, by the hash of their secret.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
