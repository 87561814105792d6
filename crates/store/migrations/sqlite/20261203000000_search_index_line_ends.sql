-- The search index also holds the last two characters of each line of a table's search text
-- (`search.rs`), so that a search of two characters (农田, 教育) asks the index for the words that
-- begin with them instead of reading every table. SQL cannot cut the words: the store fills the
-- index again from the tables' texts when it is next opened (`fill_search_index`).
INSERT INTO search_index_unfilled (pending) SELECT 1 WHERE EXISTS (SELECT 1 FROM target_tables)
    AND NOT EXISTS (SELECT 1 FROM search_index_unfilled);
