-- A 项目编码 of 无, /, — or zeros is no code (jixiao_core::identity::real_code): two projects so
-- written were stored as one table. Their keys are cleared here; the program, opening the
-- store, keys them by their names as it now keys new tables, and hashes the keys again.
UPDATE target_tables SET identity_hash = NULL
WHERE kind = 'project' AND instr(identity, char(31) || 'code:') > 0
  AND (project_code IS NULL OR project_code NOT GLOB '*[A-Za-z1-9]*'
       OR lower(trim(project_code)) IN ('n/a', 'na', 'null', 'none', 'nil'));
