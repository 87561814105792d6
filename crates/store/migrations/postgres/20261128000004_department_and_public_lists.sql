-- The other lists the web pages show last change first: an officer's own department (every page
-- an officer opens) or a department chosen by name, and the public catalogue of published tables.
-- Without these a page sorted every table of the department, and the catalogue's count read every
-- table, however few were published.
CREATE INDEX target_tables_department_updated ON target_tables (department_id, updated_at, id);
CREATE INDEX target_tables_published_updated ON target_tables (updated_at, id) WHERE published_version IS NOT NULL;
