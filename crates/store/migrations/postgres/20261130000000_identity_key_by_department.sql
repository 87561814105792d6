-- A table's identity key now starts with its year and department (see `identity_hash` in the
-- program): a department's file of tables then lands in one place of the index instead of all
-- over it. The keys are computed by the program, so they are cleared here and given again when
-- the store is opened, before anything reads them.
UPDATE target_tables SET identity_hash = NULL;
