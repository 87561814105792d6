//! docs/architecture.md names, for every review rule, the file that checks it: a new rule must
//! be added there, and a file named there must exist and mention the rule.

use jixiao_core::review::RULES;

#[test]
fn every_rule_is_mapped_to_the_file_that_checks_it() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let doc = std::fs::read_to_string(format!("{root}/docs/architecture.md")).expect("docs/architecture.md");
    for rule in RULES.iter() {
        let line = doc
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", rule.code)))
            .unwrap_or_else(|| panic!("docs/architecture.md has no row for rule `{}`", rule.code));
        let files: Vec<&str> = line.split('`').skip(3).step_by(2).collect();
        assert!(!files.is_empty(), "no file named for `{}`", rule.code);
        for f in files {
            let path = format!("{root}/crates/core/src/{f}");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path} named for `{}`", rule.code));
            let ident = format!("RuleId::{:?}", rule.id);
            assert!(text.contains(&ident), "{f} does not check `{}` ({ident})", rule.code);
        }
    }
}
