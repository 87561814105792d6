-- The search index holds the trigrams of each line of a table's search text, cut by the program
-- (`search.rs`) and read as words by FTS5's `ascii` tokenizer, instead of the trigrams FTS5's own
-- tokenizer cut from the whole text, across its line breaks: a search is for a text within one
-- line, and the trigrams across lines were four in ten of what the index held, hashed, wrote and
-- merged. The program now writes the index itself on every change of a table's search text, so
-- the trigger that rewrote it on an update goes; the one that takes a deleted table out stays.
DROP TRIGGER target_tables_search_update;
DROP TRIGGER target_tables_search_delete;
DROP TABLE target_tables_search;
CREATE VIRTUAL TABLE target_tables_search USING fts5 (
    search_terms,
    tokenize = 'ascii',
    content = '',
    detail = none,
    contentless_delete = 1
);
-- As before (migrations 5 and 6): one segment per import of up to some 16 MB of words, merged 16
-- at a time.
INSERT INTO target_tables_search (target_tables_search, rank) VALUES ('hashsize', 16777216);
INSERT INTO target_tables_search (target_tables_search, rank) VALUES ('automerge', 16);
CREATE TRIGGER target_tables_search_delete AFTER DELETE ON target_tables
BEGIN
    DELETE FROM target_tables_search WHERE rowid = old.id;
END;
-- SQL cannot cut the lines into trigrams: the program fills the new index with the tables stored
-- before, once, when it opens the store (before any search), and then empties this table.
CREATE TABLE search_index_unfilled (pending INTEGER NOT NULL);
INSERT INTO search_index_unfilled (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM target_tables);
