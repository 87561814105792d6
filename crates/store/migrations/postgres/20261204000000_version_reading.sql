-- What the reader could vouch for when a version was read from published text (`Reading` in
-- jixiao-core, as JSON; NULL for a version from interchange JSON or typed in the application):
-- which header labels it found and where it met indicator rows it could not read. A save of
-- monitoring data keeps its version's reading, so that the review of that save calls a part
-- missing only where the reading did, as the import's review did.
ALTER TABLE table_versions ADD COLUMN reading TEXT;
