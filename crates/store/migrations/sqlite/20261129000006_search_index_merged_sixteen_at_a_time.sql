-- Merge the search index's segments 16 at a time rather than 8. Every import adds one segment
-- (one per transaction, migration 5), and each merge rewrites the segments it takes, through the
-- WAL and again into the file: with 8 the index of a store of 100,000 tables was rewritten about
-- twice over, with 16 about one and a half times, and an import of 100,000 tables took some 8 %
-- less CPU (benchmark of 2026-11-29, four runs each). A search reads at most 15 segments of
-- each level instead of 7: the list's searches stayed within a millisecond of what they took.
INSERT INTO target_tables_search (target_tables_search, rank) VALUES ('automerge', 16);
