//! The text reader survives damaged input: the seed with cells dropped, duplicated, shifted and
//! split never makes it panic, and every cell still ends up in a document or a diagnostic.

mod common;

use jixiao_core::source::Position;
use jixiao_tables::read::is_template_label;
use jixiao_tables::{Diagnostic, Item, read_text};
use proptest::prelude::*;

const SEED: &str = include_str!("../../../samples/ningxia-waishi-2020.txt");

#[derive(Debug, Clone)]
enum Mutation {
    Drop { line: usize, field: usize },
    Duplicate { line: usize, field: usize },
    Shift { line: usize, field: usize },
    Split { line: usize, field: usize, at: usize },
    JoinLines { line: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = || (0usize..130, 0usize..6);
    prop_oneof![
        at().prop_map(|(line, field)| Mutation::Drop { line, field }),
        at().prop_map(|(line, field)| Mutation::Duplicate { line, field }),
        at().prop_map(|(line, field)| Mutation::Shift { line, field }),
        (0usize..130, 0usize..6, 0usize..40).prop_map(|(line, field, at)| Mutation::Split { line, field, at }),
        (0usize..130).prop_map(|line| Mutation::JoinLines { line }),
    ]
}

fn apply(lines: &mut Vec<Vec<String>>, m: &Mutation) {
    let n = lines.len();
    match *m {
        Mutation::Drop { line, field } => {
            let row = &mut lines[line % n];
            if !row.is_empty() {
                let f = field % row.len();
                row.remove(f);
            }
        }
        Mutation::Duplicate { line, field } => {
            let row = &mut lines[line % n];
            if !row.is_empty() {
                let f = field % row.len();
                let cell = row[f].clone();
                row.insert(f, cell);
            }
        }
        Mutation::Shift { line, field } => {
            let row = &mut lines[line % n];
            let f = field % (row.len() + 1);
            row.insert(f, String::new());
        }
        Mutation::Split { line, field, at } => {
            let row = &mut lines[line % n];
            if !row.is_empty() {
                let f = field % row.len();
                let chars: Vec<char> = row[f].chars().collect();
                if chars.len() > 1 {
                    let k = 1 + at % (chars.len() - 1);
                    let (a, b): (String, String) = (chars[..k].iter().collect(), chars[k..].iter().collect());
                    row[f] = a;
                    row.insert(f + 1, b);
                }
            }
        }
        Mutation::JoinLines { line } => {
            let i = line % n;
            if i + 1 < n {
                let next = lines.remove(i + 1);
                lines[i].extend(next);
            }
        }
    }
}

/// What identifies a cell's text in the output: its first characters, without blanks,
/// markup, or numbering.
fn key(text: &str) -> String {
    let no_markup = text.replace("<p>", "").replace("</p>", "");
    let mut s: String = no_markup.chars().filter(|c| !c.is_whitespace()).collect();
    for prefix in ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)", "(八)"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_owned();
        }
    }
    s.chars().take(8).collect()
}

fn covers(d: &Diagnostic, line: u32) -> bool {
    match (&d.position, &d.until) {
        (Some(Position::Text { line: a, .. }), Some(Position::Text { line: b, .. })) => (*a..=*b).contains(&line),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn damaged_seed_never_panics_and_loses_no_cell(mutations in prop::collection::vec(mutation(), 1..12)) {
        let mut lines: Vec<Vec<String>> = SEED.lines().map(|l| l.split('\t').map(str::to_owned).collect()).collect();
        for m in &mutations {
            apply(&mut lines, m);
        }
        let text: String = lines.iter().map(|row| row.join("\t") + "\n").collect();
        let mut docs = Vec::new();
        let mut diags = Vec::new();
        for item in read_text("mutated.txt", std::io::Cursor::new(text.clone().into_bytes())).expect("opens") {
            match item.expect("in-memory text cannot fail to read") {
                Item::Document(d) => docs.push(d.document),
                Item::Diagnostic(d) => diags.push(d),
            }
        }
        let haystack: String = serde_json::to_string(&docs).expect("serialises")
            .chars().filter(|c| !c.is_whitespace()).collect();
        let messages: String = diags.iter().map(|d| d.message.as_str()).collect::<String>()
            .chars().filter(|c| !c.is_whitespace()).collect();
        for (i, row) in lines.iter().enumerate() {
            let line = i as u32 + 1;
            for cell in row.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
                let k = key(cell);
                let accounted = is_template_label(cell)
                    || haystack.contains(&k)
                    || messages.contains(&k)
                    || diags.iter().any(|d| covers(d, line));
                prop_assert!(accounted, "line {} cell {:?} is in no document and no diagnostic\n{:?}", line, cell, mutations);
            }
        }
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300));
    runner
        .run(&prop::collection::vec(any::<u8>(), 0..2000), |bytes| {
            for item in read_text("bytes.txt", std::io::Cursor::new(bytes)).expect("opens") {
                let _ = item;
            }
            Ok(())
        })
        .expect("no panic");
}
