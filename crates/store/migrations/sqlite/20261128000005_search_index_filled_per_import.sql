-- The import fills the search index itself, once per transaction (`index_search` in engine.rs),
-- instead of this trigger row by row: FTS5 writes what it holds in memory to disk as a new
-- segment at the start of every statement that may need undoing half way (every multi-row
-- INSERT), so the trigger made a small segment for each chunk of an import and the merging of
-- them cost as much as the indexing. Updates and deletes keep their triggers.
DROP TRIGGER target_tables_search_insert;
-- What FTS5 gathers in memory before writing a segment, in bytes (1 MB by default): one
-- transaction of 1,000 tables fits, so that it writes one segment.
INSERT INTO target_tables_search (target_tables_search, rank) VALUES ('hashsize', 16777216);
-- Merge segments 8 at a time rather than 4: every import adds one, and with 4 the merging
-- rewrote the index once more for every fourfold growth of the store.
INSERT INTO target_tables_search (target_tables_search, rank) VALUES ('automerge', 8);
