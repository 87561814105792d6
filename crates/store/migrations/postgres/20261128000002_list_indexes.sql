-- The list's usual questions, each in the order it shows them (last change first): the tables of
-- one status (the reviewer's queue) and of one year and status. With these a page reads only the
-- rows it shows and its count reads the index alone, instead of fetching and sorting every
-- matching row (measured on SQLite with 100,000 tables: 14 ms a page before, 0.2 ms after).
CREATE INDEX target_tables_status_updated ON target_tables (status, updated_at, id);
CREATE INDEX target_tables_year_status_updated ON target_tables (year, status, updated_at, id);
