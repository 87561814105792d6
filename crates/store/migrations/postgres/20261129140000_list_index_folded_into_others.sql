-- The index of year, department, status and grade (migration 1) is folded into the list indexes
-- that follow the last change: each file of an import has tables of a few hundred departments,
-- and an index led by year and department took them at as many places all over it, so that every
-- transaction rewrote most of its pages (to the WAL, and again into the file). The list indexes
-- take a file's tables at the end of each status, year and status, or department. What the index
-- answered from itself they now answer: a department's tables of one year (department's index,
-- year added), a grade alone or within a status or a year and status (grade added to those).
-- PostgreSQL's indexes change alike (measured on SQLite: see its migration of this name), so
-- that both engines answer the same lists from the same indexes.
DROP INDEX target_tables_list;

DROP INDEX target_tables_status_updated;
CREATE INDEX target_tables_status_updated ON target_tables (status, updated_at, id, grade);

DROP INDEX target_tables_year_status_updated;
CREATE INDEX target_tables_year_status_updated ON target_tables (year, status, updated_at, id, grade);

DROP INDEX target_tables_department_updated;
CREATE INDEX target_tables_department_updated ON target_tables (department_id, updated_at, id, year);
