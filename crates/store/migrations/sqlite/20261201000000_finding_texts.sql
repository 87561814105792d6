-- The texts of review findings that recur from table to table, each kept once: a rule's message
-- or hint with the indicator's name and target taken out (see `texts.rs` in the program). A
-- stored report names them by id. Rows are never changed or deleted.
CREATE TABLE finding_texts (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE
);
