-- The search of the list (a text within the project name or any indicator) from an index instead
-- of reading every table: a pg_trgm GIN index answers `LIKE '%text%'` for texts of three
-- characters or more, Chinese included, with the same results (PostgreSQL rechecks each row).
-- The extension is the database's, not a schema's: it goes into `public` (where a schema of the
-- store's own, dropped one day, does not take it along), or is used where it already is. Where it
-- cannot be installed (no contrib package, no right to create it) the search reads every table,
-- as before, and the migration says so instead of failing.
DO $$
DECLARE
    trgm_schema TEXT;
BEGIN
    SELECT n.nspname INTO trgm_schema
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NULL THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
        EXCEPTION WHEN OTHERS THEN
            -- Another store's migration may have created it meanwhile; else there is none.
            NULL;
        END;
        SELECT n.nspname INTO trgm_schema
            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    END IF;
    IF trgm_schema IS NULL THEN
        RAISE NOTICE 'pg_trgm is not available: the search of the list reads every table';
    ELSE
        EXECUTE format(
            'CREATE INDEX target_tables_search ON target_tables USING gin (search_text %I.gin_trgm_ops)',
            trgm_schema
        );
    END IF;
END
$$;
