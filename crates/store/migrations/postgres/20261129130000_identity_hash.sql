-- A table's identity (year, department, kind, stage and project) is kept unique by a short key,
-- the first 16 bytes of its SHA-256 (`identity_hash`, given by the program), instead of by the
-- text itself, as on SQLite (see its migration of the same name): an import's new tables add to
-- this index all over it, and short keys make it a fraction of the size. Lookups still compare
-- the identity text. The keys of the tables stored before are filled by the program when it
-- opens the store, as on SQLite, so that both engines compute them one way.
ALTER TABLE target_tables ADD COLUMN identity_hash BYTEA;
ALTER TABLE target_tables DROP CONSTRAINT target_tables_identity_key;
CREATE UNIQUE INDEX target_tables_identity_hash ON target_tables (identity_hash);
