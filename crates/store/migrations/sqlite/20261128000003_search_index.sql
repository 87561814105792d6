-- The search of the list (a text within the project name or any indicator) from an index instead
-- of reading every table: FTS5 trigrams, so that Chinese, which has no spaces between words, is
-- found at any place. The list searches with LIKE semantics (a substring, ASCII letters in either
-- case): the index holds the text with its ASCII letters lowered, as the query is, and matches
-- case-sensitively, so that the tables holding every trigram of the query include every table LIKE
-- finds; the LIKE then reads only those. Without positions (detail = none) and without a copy of
-- the text (which is already in target_tables): positions tripled the cost of indexing a table.
-- Queries shorter than a trigram cannot use it and read the tables as before.
CREATE VIRTUAL TABLE target_tables_search USING fts5 (
    search_text,
    tokenize = 'trigram case_sensitive 1',
    content = '',
    detail = none,
    contentless_delete = 1
);
INSERT INTO target_tables_search (rowid, search_text) SELECT id, lower(search_text) FROM target_tables;

CREATE TRIGGER target_tables_search_insert AFTER INSERT ON target_tables
BEGIN
    INSERT INTO target_tables_search (rowid, search_text) VALUES (new.id, lower(new.search_text));
END;
CREATE TRIGGER target_tables_search_update AFTER UPDATE OF search_text ON target_tables
BEGIN
    DELETE FROM target_tables_search WHERE rowid = old.id;
    INSERT INTO target_tables_search (rowid, search_text) VALUES (new.id, lower(new.search_text));
END;
CREATE TRIGGER target_tables_search_delete AFTER DELETE ON target_tables
BEGIN
    DELETE FROM target_tables_search WHERE rowid = old.id;
END;
