-- The identities of a version's goals, tasks and indicators (`jixiao_core::elements::Elements`
-- as JSON), carried from the version before. Left NULL where they are what the previous version
-- gives by carrying, or what a first version is given (numbered in document order): the import
-- of new tables writes nothing more, and versions stored before this column get the same
-- identities when read.
ALTER TABLE table_versions ADD COLUMN elements TEXT;
